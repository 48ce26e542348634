import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';
import { switchUser } from './shell.helper';

let host: RunningHost;

/** The Status page through the main menu, whichever page the user landed on (#14: each role has its own landing page). */
async function toStatus(page: Page) {
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Status', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
}
const statusAsIt = toStatus;
test.afterEach(async () => {
  await host?.stop();
});

test('the status page shows live numbers from the hub, and they change when a job runs', async ({ page }) => {
  host = await startHost('cli');
  await page.goto(host.link);
  // the demo opens as a caseworker, who lands on Innboks (#14); the nav brings the status page
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Status' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  await expect(page.getByText(/Demo/).first()).toBeVisible();
  const done = page.getByTestId('jobs-done');
  const doneNow = async () => Number(await done.textContent());
  // the demo's ingest runs its own jobs first; wait until the queue is quiet
  await expect(page.getByTestId('jobs-queued')).toHaveText('0', { timeout: 30_000 });
  await expect(page.getByTestId('jobs-running')).toHaveText('0');
  const before = await doneNow();

  // "Kjør nå" is IT's (#12 item 3): the demo starts as a caseworker, who does not see the button
  await expect(page.getByRole('button', { name: /^Kjør nå/ })).toHaveCount(0);
  await switchUser(page, { label: 'Ida IT-drift (IT-administrator)' });
  await statusAsIt(page);
  // "Kjør nå" on the database maintenance schedule: the job runs and the page updates without reload
  const row = page.getByRole('row').filter({ hasText: 'Vedlikehold av databasen' });
  await expect(row).toContainText('Aldri');
  await row.getByRole('button', { name: /^Kjør nå/ }).click();
  await expect.poll(doneNow).toBeGreaterThan(before);
  await expect(row).not.toContainText('Aldri');

  await page.getByRole('button', { name: /Kontroller revisjonsloggen/ }).click();
  await expect(page.getByTestId('audit-verify-result')).toContainText('Revisjonsloggen er i orden');
});

test('npm start without the Electron binary says so in one sentence and serves the same app in the browser', async ({ page }) => {
  host = await startHost('start');
  expect(host.output()).toContain('Electron-programmet finnes ikke på denne maskinen, så Postmottak starter i nettleseren i stedet.');
  await page.goto(host.link);
  // the demo opens as a caseworker, who lands on Innboks (#14); the nav brings the status page
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Status' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  await expect(page.getByTestId('jobs-done')).toHaveText(/^\d+$/);
});

test('the jobs page lists jobs that ran', async ({ page }) => {
  host = await startHost('cli');
  await page.goto(host.link);
  // running a schedule and the job list are IT's (#12 item 3)
  await switchUser(page, { label: 'Ida IT-drift (IT-administrator)' });
  await statusAsIt(page);
  const row = page.getByRole('row').filter({ hasText: 'Sikkerhetskopi' });
  await row.getByRole('button', { name: /^Kjør nå/ }).click();
  await expect(row).not.toContainText('Aldri');
  await page.getByRole('link', { name: 'Jobber', exact: true }).click();
  // #14: each job by its name in words
  await expect(page.getByTestId('job-name').filter({ hasText: 'Sikkerhetskopi av databasen' })).toBeVisible();
  await expect(page.getByTestId('job-name').filter({ hasText: 'Kvittering til Altinn for mottatt søknad' }).first()).toBeVisible();
});
