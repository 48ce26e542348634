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
  await page.getByTestId('case-timeline').getByTestId('timeline-approved').first().waitFor();
}
