import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';
import { switchUser } from './shell.helper';
import { expectAccessible, expectReflow, screenshots } from './page-checks.helper';

/**
 * #17, the IT administrator's screens as IT sees them in the headless demo: each screen reached
 * through the main menu passes axe (WCAG 2.1 AA), reflows at 320 px, and is photographed at
 * 1366×768 and 1920×1080 for docs/screenshots. A caseworker sees the header's health badge but
 * none of IT's menu entries.
 */

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const IT_NAV = ['Integrasjoner', 'Nøkler og sertifikater', 'Varsler', 'Logger', 'Drift'] as const;

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmeny' });

/** A screen through the main menu; the h1 is the menu label (Status's reads "Status …"). */
async function open(page: Page, name: string) {
  await menu(page).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name === 'Status' ? /Status/ : name);
}

/** axe, reflow at 320 px and the two screenshots (from the top, or with `show` in view), once nothing is loading. */
async function check(page: Page, name: string, shot: string, show?: Locator) {
  await expect(page.getByText('Laster inn …')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, name);
  // the screen itself (main): the header's demo user switch is wider than 320 px on every page, not an IT screen's doing
  await expectReflow(page, name, page.locator('main'));
  if (show) await show.scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, shot);
}

test('IT screens are accessible, reflow at 320 px, and are photographed; a caseworker sees the health badge only', async ({ page }) => {
  host = await startHost('cli');
  await page.goto(host.link);

  // the demo opens as Kari (caseworker): the header's health badge, none of IT's menu entries
  await expect(page.getByTestId('health-badge')).toBeVisible();
  for (const name of IT_NAV) await expect(menu(page).getByRole('link', { name, exact: true })).toHaveCount(0);

  await switchUser(page, { label: 'Ida IT-drift (IT-administrator)' });
  await expect(menu(page).getByRole('link', { name: 'Integrasjoner' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integrasjoner');
  await check(page, 'Integrasjoner', 'it-integrations');

  // the archive card's form, and "Test tilkobling" on it so the step list shows
  await page.getByTestId('integration-archive').getByRole('button', { name: 'Endre' }).click();
  const editor = page.getByTestId('connection-editor');
  await expect(editor).toBeVisible();
  await editor.getByTestId('connection-test-unsaved').click();
  await expect(editor.getByTestId('connection-probe-outcome')).toBeVisible({ timeout: 20_000 });
  await expect(editor.getByTestId('connection-probe-step').first()).toBeVisible();
  await check(page, 'Integrasjoner, arkivets skjema', 'it-integrations-edit', editor.getByTestId('connection-probe'));

  await open(page, 'Nøkler og sertifikater');
  await check(page, 'Nøkler og sertifikater', 'it-secrets');

  await open(page, 'Varsler');
  await check(page, 'Varsler', 'it-alerts');

  await open(page, 'Logger');
  await check(page, 'Logger', 'it-logs');

  await open(page, 'Drift');
  await check(page, 'Drift', 'it-operations');

  await open(page, 'Status');
  await expect(page.getByTestId('integration-health')).toBeVisible();
  await check(page, 'Status', 'it-status', page.getByTestId('integration-health'));
});
