import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

test('the demo shows seeded applications arriving from the Altinn simulator, quarantined ones with their reason', async ({ page }) => {
  host = await startHost('cli');
  await page.goto(host.link);
  await page.getByRole('link', { name: 'Innboks', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();

  // the demo's Altinn holds 40 submissions, two of them broken on purpose
  await expect.poll(async () => Number(await page.getByTestId('inbox-received').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(38);
  await expect(page.getByTestId('inbox-quarantined')).toHaveText('2');
  await expect.poll(async () => Number(await page.getByTestId('inbox-unconfirmed').textContent()), { timeout: 30_000 }).toBe(0);

  // a received application: the children and the documents from Altinn
  await page.getByRole('group', { name: 'Filtrer på status' }).getByText('Mottatt', { exact: true }).click();
  await expect(page.getByTestId('inbox-reason')).toHaveCount(0);
  await page.getByTestId('inbox-table').getByRole('link').first().click();
  await expect(page.getByTestId('submission-form')).toBeVisible();
  await expect(page.getByText('Kvittering (PDF)', { exact: true })).toBeVisible();
  await expect(page.getByText(/\d{6}\*{5}/).first()).toBeVisible(); // fødselsnummer masked
  await expect(page.getByText(/\b\d{11}\b/)).toHaveCount(0); // never in clear
  // archived in the demo's Noark 5 archive: a case number and the entry's number
  await expect(page.getByTestId('archive-case-number')).toHaveText(/^\d{4}\/\d+$/, { timeout: 30_000 });
  await expect(page.getByTestId('archive-entries').getByTestId('archive-status').first()).toHaveText('Arkivert');
  await expect(page.getByTestId('archive-transport')).toHaveText('Noark 5 tjenestegrensesnitt');

  // the quarantine, with the schema's own message
  await page.goto(host.link.replace(/\/\?launch=.*$/, '/#/innboks?status=quarantined'));
  const reasons = page.getByTestId('inbox-reason');
  await expect(reasons).toHaveCount(2);
  await expect(reasons.filter({ hasText: /DOCTYPE/ })).toHaveCount(1);
  await expect(reasons.filter({ hasText: /This element is not expected/ })).toHaveCount(1);
});
