import { expect, type Page } from '@playwright/test';

/**
 * The demo's user switch (#14): it sits in the panel behind the user's name in the header. Opens
 * the panel, picks the user (an account, or `{ label }` as the select shows it) and waits for the
 * toast that says the switch is done.
 */
export async function switchUser(page: Page, option: string | { label: string }): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: /^Brukermeny for / }).click();
  await page.getByLabel('Bytt bruker (demo)').selectOption(option);
  await expect(page.getByTestId('desk-user-switched')).toBeVisible();
}
