import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openCaseTab, previewLetter } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

const base = (h: RunningHost) => h.link.replace(/\/[?#]launch=.*$/, '');

/** WCAG 2.1 A and AA rules only. */
async function expectAccessible(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(found, `${what}: WCAG 2.1 AA violations`).toEqual([]);
}

/** The demo's Innboks once the seeded applications are in and archived. */
async function openInbox(page: Page, h: RunningHost) {
  await page.goto(h.link);
  await page.goto(`${base(h)}/#/innboks?service=barnehageplass&status=new`);
  await expect.poll(async () => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
}

test('a caseworker finds an application by search, works it to an approved letter, and the pages pass axe', async ({ page }) => {
  host = await startHost('cli');
  await openInbox(page, host);
  await expectAccessible(page, 'Innboks');

  // the first kindergarten application's applicant, found again by searching for the name
  const firstRow = page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').first();
  const name = (await firstRow.getByRole('link').first().textContent())!.trim();
  await page.goto(`${base(host)}/#/innboks`);
  const search = page.getByLabel('Søk i saker');
  await search.fill(name);
  await search.press('Enter');
  const hit = page.getByTestId('case-grid').getByRole('link', { name });
  await expect(hit.first()).toBeVisible();
  await hit.first().click();

  // the case: children, documents, the receipt in the embedded viewer
  await expect(page.getByTestId('form-list-children')).toBeVisible();
  await page.getByRole('button', { name: 'Vis' }).first().click();
  await expect(page.getByTestId('pdf-viewer')).toBeVisible();
  await expect(page.getByTestId('pdf-page-1')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'Saksvisning');

  // claim, decide, edit the drafted letter, preview it, approve
  await page.getByRole('button', { name: 'Ta saken' }).click();
  await expect(page.getByTestId('case-status').first()).toHaveText('Under behandling');
  await page.getByRole('radio', { name: 'Innvilget', exact: true }).check();
  await page.getByRole('textbox', { name: 'Begrunnelse', exact: true }).fill('Barnet har rett til plass etter barnehageloven § 16.');
  await page.getByRole('button', { name: 'Lagre vedtak' }).click();
  const body = page.getByLabel('Brevtekst');
  await expect(body).toHaveValue(/barnehageloven § 16/);
  await body.fill(`${await body.inputValue()}\n\nVelkommen – vi gleder oss til å bli kjent med dere!`);
  await page.getByRole('button', { name: 'Lagre brev' }).click();
  await expect(page.getByText('Brevet er lagret.')).toBeVisible();
  await previewLetter(page);
  const preview = page.getByTestId('pdf-viewer').filter({ hasText: 'Forhåndsvisning av svarbrevet' });
  await expect(preview.getByTestId('pdf-page-1')).toBeVisible({ timeout: 15_000 });
  // the text layer of the real PDF: the edit is in it, Norwegian letters intact
  await expect(preview).toContainText('Velkommen – vi gleder oss til å bli kjent med dere!');
  await expectAccessible(page, 'Brev og forhåndsvisning');
  await page.getByRole('button', { name: 'Godkjenn brevet' }).click();
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(page.getByTestId('case-status').first()).toHaveText('Godkjent');
  await openCaseTab(page, 'Historikk');
  await expect(page.getByTestId('timeline-approved')).toBeVisible();
});

/** Presses Tab until the target has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

test('the flow works from the keyboard alone', async ({ page }) => {
  host = await startHost('cli');
  await openInbox(page, host);
  // "/" jumps to search; Tab reaches the grid (one tab stop); arrows move; Enter opens
  await page.locator('body').press('/');
  await expect(page.getByLabel('Søk i saker')).toBeFocused();
  await tabTo(page, page.getByTestId('case-grid'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/innboks\/[0-9a-f-]{36}/);
  await tabTo(page, page.getByRole('button', { name: 'Ta saken' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-status').first()).toHaveText('Under behandling');
  // the outcome radios: Tab into the group, arrow to "Avslått"
  await tabTo(page, page.getByRole('radio', { name: 'Innvilget', exact: true }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Avslått', exact: true })).toBeChecked();
  await tabTo(page, page.getByRole('textbox', { name: 'Begrunnelse', exact: true }));
  await page.keyboard.type('Søknaden kom etter fristen for hovedopptaket.');
  await tabTo(page, page.getByRole('button', { name: 'Lagre vedtak' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Brevtekst')).toHaveValue(/fristen for hovedopptaket/);
  await tabTo(page, page.getByRole('button', { name: 'Godkjenn brevet' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('approve-dialog');
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('button', { name: 'Godkjenn', exact: true }), 10);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-status').first()).toHaveText('Godkjent');
});
