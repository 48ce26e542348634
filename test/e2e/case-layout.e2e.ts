import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { base, firstNewCaseLink } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';
import { expectAccessible, SHOTS } from './page-checks.helper';

// #14: the case page as a workspace, seen at the common municipal laptop's size (1366×768) and at full HD.
let host: RunningHost;
test.afterAll(async () => {
  await host?.stop();
});

/** The element lies wholly inside the window as it is, without scrolling. */
async function expectAboveFold(page: Page, target: Locator, what: string) {
  await expect(target, what).toBeVisible();
  const box = (await target.boundingBox())!;
  const view = page.viewportSize()!;
  expect(await page.evaluate(() => window.scrollY), `${what}: the page has not been scrolled`).toBe(0);
  expect(box.y + box.height, `${what}: bottom edge inside the ${view.width}×${view.height} window`).toBeLessThanOrEqual(view.height);
  expect(box.x + box.width, `${what}: right edge inside the window`).toBeLessThanOrEqual(view.width);
}

/** Scrolls the window so the letter's heading is at the top, as a caseworker working on the letter has it. */
async function showLetter(page: Page) {
  await page.getByRole('heading', { level: 2, name: 'Svarbrev' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

async function shot(page: Page, name: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}-${width}x${height}.png`) });
}

test('the case page: application beside the work, letter beside its preview, reflow, axe light and dark, a bad id', async ({ page }) => {
  test.setTimeout(150_000);
  host = await startHost('cli');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.link);
  const link = await firstNewCaseLink(page, host);
  await link.click();
  await expect(page).toHaveURL(/#\/innboks\/[0-9a-f-]{36}/);
  const caseUrl = page.url();

  // the two panes side by side; the compact heading says the one state
  const application = page.getByTestId('case-application-pane');
  const work = page.getByTestId('case-work');
  // the address changes before the case page replaces Innboks (whose rows carry statuses too)
  await expect(application).toBeVisible();
  await expect(page.getByTestId('case-status')).toHaveText('Ny');
  const [a, w] = [(await application.boundingBox())!, (await work.boundingBox())!];
  expect(w.x, 'the work pane is to the right of the application').toBeGreaterThanOrEqual(a.x + a.width - 1);

  // claimed, the decision form is there: its first outcome and the form's first field are in view at 1366×768
  await page.getByRole('button', { name: 'Ta saken' }).click();
  await expect(page.getByTestId('case-status')).toHaveText('Under behandling');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectAboveFold(page, page.getByRole('radio', { name: 'Innvilget', exact: true }), 'the decision control');
  await expectAboveFold(page, application.locator('dt, th, label').first(), 'the form’s first field');
  await shot(page, 'case', 1366, 768);
  await shot(page, 'case', 1920, 1080);

  // no sideways scrolling at 320 CSS px (400 % zoom); the panes stack
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'case page at 320 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, 'case-320.png') });

  // decide; the drafted letter: at 1366 «Rediger / Forhåndsvis», at 1920 editor and preview side by side
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('radio', { name: 'Innvilget', exact: true }).check();
  await page.getByRole('textbox', { name: 'Begrunnelse', exact: true }).fill('Barnet har rett til plass etter barnehageloven § 16.');
  await page.getByRole('button', { name: 'Lagre vedtak' }).click();
  await expect(page.getByLabel('Brevtekst')).toHaveValue(/barnehageloven § 16/);
  await expect(page.getByText('Vedtaket er lagret', { exact: false })).toBeVisible();
  const letter = page.getByTestId('letter-work');
  // Designsystemet's toggle is a radio under its label: the label is what a user clicks
  await letter.locator('label', { hasText: 'Forhåndsvis' }).click();
  await expect(letter.getByRole('radio', { name: 'Forhåndsvis' })).toBeChecked();
  await expect(letter.getByTestId('pdf-page-1')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('Brevtekst')).toBeHidden();
  await showLetter(page);
  await page.screenshot({ path: path.join(SHOTS, 'case-letter-1366x768.png') });
  await expectAccessible(page, 'case, letter preview (light)');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(letter.getByRole('radio', { name: 'Forhåndsvis' })).toBeHidden();
  const [editor, preview] = [(await page.getByLabel('Brevtekst').boundingBox())!, (await letter.getByTestId('pdf-viewer').boundingBox())!];
  expect(preview.x, 'the preview stands beside the editor at 1920').toBeGreaterThan(editor.x + editor.width - 1);
  expect(Math.abs(preview.y - editor.y), 'beside, not under').toBeLessThan(editor.height);
  await showLetter(page);
  await page.screenshot({ path: path.join(SHOTS, 'case-letter-1920x1080.png') });

  // a success message goes once the state it describes has changed: saving the letter replaces the decision's
  await page.getByRole('button', { name: 'Lagre brev' }).click();
  await expect(page.getByText('Brevet er lagret.')).toBeVisible();
  await expect(page.getByText('Vedtaket er lagret', { exact: false })).toHaveCount(0);

  // dark mode follows the system, and stays accessible
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'case (dark)');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(caseUrl);
  await expect(page.getByTestId('case-status')).toBeVisible();
  await expectAccessible(page, 'case (light)');

  // a malformed id: «Fant ikke saken», a way back, no «Prøv igjen»
  await page.goto(`${base(host)}/#/innboks/not-a-case`);
  await expect(page.getByTestId('case-not-found')).toContainText('Fant ikke saken');
  await expect(page.getByRole('button', { name: 'Prøv igjen' })).toHaveCount(0);
  await expect(page.getByText('Invalid UUID')).toHaveCount(0);
  await page.getByTestId('case-not-found').getByRole('link', { name: 'Tilbake til innboksen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();
});
