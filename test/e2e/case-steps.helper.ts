import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningHost } from './host.helper';

/** The host's origin, without the single-use launch fragment. */
export const base = (h: RunningHost) => h.link.replace(/\/[?#]launch=.*$/, '');

/** Opens the inbox's new barnehageplass cases, waits for at least one, and returns the first row's link. */
export async function firstNewCaseLink(page: Page, h: RunningHost): Promise<Locator> {
  await page.goto(`${base(h)}/#/innboks?service=barnehageplass&status=new`);
  await expect.poll(async () => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
  return page.getByTestId('case-grid').locator('[data-testid^="case-row-"]').first().getByRole('link').first();
}

/** On an open new case: claims it, grants it with a reason, and approves the letter. */
export async function claimGrantAndApprove(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Ta saken' }).click();
  await page.getByRole('radio', { name: 'Innvilget', exact: true }).check();
  await page.getByRole('textbox', { name: 'Begrunnelse', exact: true }).fill('Barnet har rett til plass etter barnehageloven § 16.');
  await page.getByRole('button', { name: 'Lagre vedtak' }).click();
  await expect(page.getByLabel('Brevtekst')).toHaveValue(/barnehageloven § 16/);
  await page.getByRole('button', { name: 'Godkjenn brevet' }).click();
  await page.getByTestId('approve-dialog').getByRole('button', { name: 'Godkjenn', exact: true }).click();
  await expect(page.getByTestId('case-status').first()).toHaveText('Godkjent');
}

/**
 * Reloads an approved case and waits until its timeline is drawn again: count() does not wait, so
 * counting straight after a reload sees the page still loading (on a slow machine, every time).
 */
export async function reloadApprovedCase(page: Page): Promise<void> {
  await page.reload();
  // attached, not visible: the timeline sits in the case's «Historikk» tab (#14)
  await page.getByTestId('case-timeline').getByTestId('timeline-approved').first().waitFor({ state: 'attached' });
}

/**
 * Opens one of the case's tabs under the work (#14: «Opplysninger», «Sak/arkiv», «Fagsystem», «Notater»,
 * «Historikk»); after a reload the first one is open again.
 */
export async function openCaseTab(page: Page, name: string): Promise<void> {
  const tab = page.getByTestId('case-detail-tabs').getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/**
 * Shows the letter's preview (#14): where the work pane is narrow the letter has «Rediger / Forhåndsvis» (choosing
 * the preview draws it); where editor and preview stand side by side, the preview's own button.
 */
export async function previewLetter(page: Page): Promise<void> {
  const letter = page.getByTestId('letter-work');
  const toggle = letter.locator('label', { hasText: 'Forhåndsvis' });
  if (await toggle.isVisible()) await toggle.click();
  else await letter.getByRole('button', { name: 'Forhåndsvis brev' }).click();
}
