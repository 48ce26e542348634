import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';
import { expectAccessible, SHOTS } from './page-checks.helper';
import { switchUser } from './shell.helper';

/**
 * #14, the shell as its users meet it in the headless demo at 1366×768: the header is one line
 * and keeps its height when the user switches (the message is a toast that goes away); the nav
 * folds behind a menu button at narrow widths and is keyboard operable; nothing in the shell
 * scrolls sideways at 320 px; axe is clean in light and dark, on the landing page and the launch
 * page a used link gives.
 */

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const headerHeight = (page: Page) => page.getByRole('banner').evaluate((el) => el.getBoundingClientRect().height);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, name) });

test('the header is one line that keeps its height after a user switch, the nav folds at narrow widths, and light and dark pass axe', async ({ page, context }) => {
  test.setTimeout(90_000);
  host = await startHost('cli');
  const base = host.link.replace(/\/[?#]launch=.*$/, '');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.link);

  // the demo opens as Kari (caseworker): she lands on Innboks
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(nav.getByRole('link', { name: 'Innboks' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('health-badge')).toBeVisible();
  await expect(page.getByText('Laster inn …')).toHaveCount(0, { timeout: 15_000 });

  // one line: the header is no taller than one row of its controls, at 1366 and at 1024
  const oneLine = await headerHeight(page);
  expect(oneLine).toBeLessThanOrEqual(72);
  await page.setViewportSize({ width: 1024, height: 768 });
  expect(await headerHeight(page)).toBe(oneLine);
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, 'shell-header-1366x768.png');
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await headerHeight(page)).toBe(oneLine);
  await shot(page, 'shell-header-1920x1080.png');
  await page.setViewportSize({ width: 1366, height: 768 });

  // the user's panel: roles, the demo's switch, the language; a switch says so in a toast that goes away
  const userButton = page.getByRole('banner').getByRole('button', { name: 'Brukermeny for Kari Saksbehandler' });
  await userButton.click();
  await expect(userButton).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByTestId('desk-user-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('desk-user-roles')).toHaveText('Roller: saksbehandler');
  await expect(panel.getByLabel('Språk')).toBeVisible();
  // the panel fades in: photograph it once it has
  await panel.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  await shot(page, 'shell-user-menu-1366x768.png');
  // Escape closes the panel and gives focus back to the button
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(userButton).toBeFocused();
  await switchUser(page, 'lise');
  await expect(panel).toBeHidden();
  const toast = page.getByTestId('desk-user-switched');
  await expect(toast).toHaveText('Du er nå pålogget som Lise Leder. Sidene er hentet på nytt.');
  await expect(page.getByTestId('desk-user-name')).toHaveText('Lise Leder');
  expect(await headerHeight(page)).toBe(oneLine);
  // the toast floats over the page: it is not inside the header and covers no part of it
  const [toastBox, headerBox] = [await toast.boundingBox(), await page.getByRole('banner').boundingBox()];
  expect(toastBox!.y).toBeGreaterThan(headerBox!.y + headerBox!.height);
  await expect(toast).toHaveCount(0, { timeout: 10_000 });
  expect(await headerHeight(page)).toBe(oneLine);
  // the leader may read Innboks too: the page stays
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();

  // axe in light, then in dark (Designsystemet's dark theme follows prefers-color-scheme)
  await expectAccessible(page, 'Innboks (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).colorScheme)).toBe('dark');
  await expect(page.getByText('Laster inn …')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'Innboks (dark)');
  await shot(page, 'shell-dark-1366x768.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // 200 % zoom on a 1280×720 laptop is 640×360 CSS px: header and folded nav leave most of the first screen to the page
  await page.setViewportSize({ width: 640, height: 360 });
  const toggle = page.getByRole('button', { name: 'Meny', exact: true });
  await expect(toggle).toBeVisible();
  await expect(nav).toBeHidden();
  expect(await headerHeight(page)).toBeLessThanOrEqual(360 / 3);

  // 320 px: no sideways scroll in the shell, the nav behind the menu button, operable by keyboard
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect(await headerHeight(page)).toBeLessThanOrEqual(640 / 4);
  await toggle.focus();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveAttribute('aria-controls', 'pm-main-nav');
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await shot(page, 'shell-menu-320.png');
  // Tab reaches the first entry after the header's controls; Escape folds the menu and focus returns to the button
  for (let i = 0; i < 10 && !(await nav.evaluate((el) => el.contains(document.activeElement))); i++) await page.keyboard.press('Tab');
  expect(await nav.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(toggle).toBeFocused();
  // choosing an entry with the keyboard goes there and folds the menu
  await page.keyboard.press('Enter');
  await nav.getByRole('link', { name: 'Svar', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Svar' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  // the 404 page names the way back to the user's own landing page
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${base}/#/finnes-ikke`);
  await expect(page.getByRole('heading', { level: 1, name: 'Fant ikke siden' })).toBeVisible();
  await page.getByRole('link', { name: 'Gå til Innboks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();

  // IT's header holds more (the health details link, open alerts): still one line at 1366 and at 1024
  await switchUser(page, { label: 'Ida IT-drift (IT-administrator)' });
  await expect(nav.getByRole('link', { name: 'Integrasjoner' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Innboks' })).toHaveCount(0);
  expect(await headerHeight(page)).toBe(oneLine);
  await page.setViewportSize({ width: 1024, height: 768 });
  expect(await headerHeight(page)).toBe(oneLine);
  await page.setViewportSize({ width: 1366, height: 768 });

  // the page a used launch link gives, in light and in dark
  const again = await context.newPage();
  await again.setViewportSize({ width: 1366, height: 768 });
  await again.goto(host.link);
  await expect(again.getByRole('heading', { level: 2, name: 'Lenken kan ikke brukes igjen' })).toBeVisible();
  await expectAccessible(again, 'used launch link (light)');
  await again.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(again, 'used launch link (dark)');
  expect(await again.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
