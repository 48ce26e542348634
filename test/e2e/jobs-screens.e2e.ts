import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';
import { expectAccessible, expectReflow, screenshots } from './page-checks.helper';
import { switchUser } from './shell.helper';

/**
 * #14, Jobber and Status for the people who use them, in the headless demo: jobs by readable name with
 * the case they concern, filters that work, what each role may do, axe in light and dark, reflow at
 * 320 px, and the screenshots at 1366×768 and 1920×1080.
 */

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmeny' });
const open = async (page: Page, name: 'Jobber' | 'Status') => {
  await menu(page).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
};
const settled = (page: Page) => expect(page.getByText('Laster inn …')).toHaveCount(0, { timeout: 15_000 });

async function lightAndDark(page: Page, what: string) {
  await expectAccessible(page, `${what} (light)`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, `${what} (dark)`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Jobber and Status: readable names, the case, filters, role gating, axe light and dark, reflow, screenshots', async ({ page }) => {
  test.setTimeout(120_000);
  host = await startHost('cli');
  await page.goto(host.link);

  // the demo opens as a caseworker: no Jobber in the menu, and Status without «Kjør nå» or technical details
  await expect(menu(page)).toBeVisible();
  await expect(menu(page).getByRole('link', { name: 'Jobber', exact: true })).toHaveCount(0);
  await open(page, 'Status');
  await settled(page);
  await expect(page.getByTestId('jobs-done')).toHaveText(/^\d+$/);
  await expect(page.getByRole('row').filter({ hasText: 'Henting fra Altinn 3' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kjør nå/ })).toHaveCount(0);
  await expect(page.getByTestId('schedules-technical')).toHaveCount(0);

  // IT: the demo has fetched and archived its applications, so the queue has case jobs
  await switchUser(page, { label: 'Ida IT-drift (IT-administrator)' });
  await open(page, 'Jobber');
  await settled(page);
  const table = page.getByTestId('jobs-table');
  await expect(table.getByTestId('job-name').filter({ hasText: 'Kvittering til Altinn for mottatt søknad' }).first()).toBeVisible({ timeout: 30_000 });
  // no technical job type stands as a job's name
  for (const name of await table.getByTestId('job-name').allTextContents()) expect(name).not.toMatch(/^[a-z0-9-]+\.[a-z0-9.-]+$/);
  // the case a job concerns is named (IT opens no case, so as text); system jobs say they have none
  const caseCells = table.getByTestId('job-case').filter({ hasNotText: 'Ingen sak' });
  await expect(caseCells.first()).toBeVisible();
  expect(await caseCells.first().textContent()).not.toMatch(/\d{11}/);

  // filters: integration, status and a search
  await page.getByLabel('Integrasjon').selectOption('altinn');
  await expect(page).toHaveURL(/integration=altinn/);
  await expect.poll(async () => [...new Set(await table.locator('tbody td[data-label="Integrasjon"]').allTextContents())]).toEqual(['Altinn']);
  await page.getByLabel('Søk i jobbnavn, saksnummer eller nr.').fill('Henting av nye');
  await expect.poll(async () => [...new Set(await table.getByTestId('job-name').allTextContents())]).toEqual(['Henting av nye søknader fra Altinn']);
  await page.getByLabel('Søk i jobbnavn, saksnummer eller nr.').fill('');
  await page.getByLabel('Søk i jobbnavn, saksnummer eller nr.').blur();
  await page.getByLabel('Integrasjon').selectOption('');
  await page.getByLabel('Status').selectOption('done');
  await expect(table.getByTestId('job-status').first()).toHaveText('Fullført');
  await expect.poll(async () => [...new Set(await table.getByTestId('job-status').allTextContents())]).toEqual(['Fullført']);
  await page.getByLabel('Status').selectOption('all');
  await settled(page);

  await lightAndDark(page, 'Jobber');
  await expectReflow(page, 'Jobber', page.locator('main'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, 'jobs');

  // Status as IT: «Kjør nå», the technical details, and figures that link to the filtered views
  await open(page, 'Status');
  await settled(page);
  await expect(page.getByRole('button', { name: 'Kjør nå: Sikkerhetskopi' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Sjekk av om svar i Altinn er lest' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Uleste svar sendes i posten' })).toBeVisible();
  await page.getByTestId('schedules-technical').getByText('Tekniske detaljer').click();
  await expect(page.getByTestId('schedules-technical').getByText('replies.poll')).toBeVisible();
  await lightAndDark(page, 'Status');
  await expectReflow(page, 'Status', page.locator('main'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, 'status');
  await page.getByRole('link', { name: 'Vis jobbene: Fullført' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jobber');
  await expect(page.getByLabel('Status')).toHaveValue('done');

  // a leader follows up the queue, opens the case from a job, and has neither retry, abandon nor selection
  await switchUser(page, 'leif');
  await open(page, 'Jobber');
  await settled(page);
  await page.getByLabel('Status').selectOption('all');
  const caseLink = page.getByTestId('jobs-table').getByTestId('job-case').getByRole('link').first();
  await expect(caseLink).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: /^Prøv jobb|^Gi opp jobb/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await caseLink.click();
  await expect(page).toHaveURL(/#\/innboks\/[0-9a-f-]{36}/);
});
