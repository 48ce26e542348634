import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';
import { switchUser } from './shell.helper';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const total = async (page: import('@playwright/test').Page) => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0);

test('the demo shows seeded applications arriving from the Altinn simulator, quarantined ones with their reason, archived ones with their case number', async ({ page }) => {
  host = await startHost('cli');
  await page.goto(host.link);
  await page.getByRole('link', { name: 'Innboks', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();
  const base = host.link.replace(/\/[?#]launch=.*$/, '');

  // the demo's Altinn holds 40 submissions, three broken on purpose; Kari is not in the health group
  await expect.poll(() => total(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
  const asKari = await total(page);
  await switchUser(page, { label: 'Hanne Helse (saksbehandler)' });
  await expect.poll(() => total(page), { timeout: 10_000 }).toBeGreaterThan(asKari);

  // the quarantine, each explained in Norwegian with the validator's own message behind "Tekniske detaljer" (#13 item 13: three broken on purpose)
  await page.goto(`${base}/#/innboks?status=quarantined`);
  await expect.poll(() => total(page), { timeout: 10_000 }).toBe(3);
  const rows = page.getByTestId('case-grid').locator('[data-testid^="case-row-"]');
  await rows.first().getByRole('link').first().click();
  await expect(page.getByTestId('quarantine-alert')).toContainText(/DOCTYPE|This element is not expected/);

  // a received application: documents from Altinn, fødselsnummer masked, archived in the demo's Noark 5 archive
  await page.goto(`${base}/#/innboks?status=new&service=barnehageplass`);
  await expect.poll(() => total(page), { timeout: 10_000 }).toBeGreaterThan(0);
  await rows.first().getByRole('link').first().click();
  await expect(page.getByTestId('submission-form')).toBeVisible();
  // #14: the receipt sits in the application pane (its file name, kind and size on one line)
  await expect(page.getByText(/Kvittering \(PDF\)/).first()).toBeVisible();
  await expect(page.getByText(/\d{6}\*{5}/).first()).toBeVisible();
  await expect(page.getByText(/\b\d{11}\b/)).toHaveCount(0);
  // #14: the archive record is in the case's «Sak/arkiv» tab
  await page.getByTestId('case-detail-tabs').getByRole('tab', { name: 'Sak/arkiv', exact: true }).click();
  await expect(page.getByTestId('archive-case-number')).toHaveText(/^\d{4}\/\d+$/, { timeout: 30_000 });
  await expect(page.getByTestId('archive-entries').getByTestId('archive-status').first()).toHaveText('Arkivert');
});
