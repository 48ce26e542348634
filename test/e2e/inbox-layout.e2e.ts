import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';
import { expectAccessible, expectReflow, SHOTS } from './page-checks.helper';

// #14 Innboks at the common municipal laptop's size, on the demo as its saksbehandler (Kari): ten or more cases
// above the fold, «Tilbake» from a case returns to the same row and scroll position, a 3,000-character search keeps
// the layout, no sideways scrolling at 320 px, axe clean in light and dark mode, and the screenshots.
let host: RunningHost;
test.afterAll(async () => {
  await host?.stop();
});

const total = async (page: Page) => Number(/\d+/.exec((await page.getByTestId('inbox-total').textContent()) ?? '')?.[0] ?? 0);

/** Case links wholly on screen: inside the window, below the list's sticky header, above its bottom edge, and not covered. */
const linksInView = (page: Page) =>
  page.getByTestId('case-grid').evaluate((grid) => {
    const head = grid.querySelector('[role="rowgroup"]')!.getBoundingClientRect();
    const box = grid.getBoundingClientRect();
    return [...grid.querySelectorAll<HTMLElement>('[data-testid="case-link"]')].filter((a) => {
      const r = a.getBoundingClientRect();
      const inside = r.height > 0 && r.top >= head.bottom && r.bottom <= Math.min(box.bottom, window.innerHeight) && r.left >= 0 && r.right <= window.innerWidth;
      const hit = inside ? document.elementFromPoint(r.left + Math.min(r.width, 8) / 2, r.top + r.height / 2) : null;
      return inside && hit !== null && a.contains(hit);
    }).length;
  });

const pageScroll = (page: Page) => page.evaluate(() => ({ x: window.scrollX, y: window.scrollY, wide: document.documentElement.scrollWidth - document.documentElement.clientWidth }));

test('Innboks at 1366×768: ten rows above the fold, back to the same row, a long search keeps the layout, reflow at 320 px, axe light and dark', async ({ page }) => {
  test.setTimeout(150_000);
  host = await startHost('cli');
  const base = host.link.replace(/\/[?#]launch=.*$/, '');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.link);
  await page.goto(`${base}/#/innboks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();
  await expect.poll(() => total(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(30);
  const grid = page.getByTestId('case-grid');
  await expect(grid.getByTestId('case-link').first()).toBeVisible();

  // ≥ 10 cases above the fold, without scrolling the page or the list; compact is the default at this height
  await expect(grid).toHaveAttribute('data-density', 'compact');
  expect(await linksInView(page)).toBeGreaterThanOrEqual(10);
  expect(await pageScroll(page)).toEqual({ x: 0, y: 0, wide: 0 });
  await page.screenshot({ path: path.join(SHOTS, 'inbox-1366x768.png') });

  // axe, light and dark, with the filter bar open and a filter in use (chips, badge)
  await expectAccessible(page, 'Innboks (light)');
  await page.getByTestId('inbox-filter-toggle').click();
  await page.getByLabel('Status', { exact: true }).selectOption('new');
  await expect(page.getByTestId('inbox-chip-status')).toBeVisible();
  await expectAccessible(page, 'Innboks, filters open (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'Innboks, filters open (dark)');
  await page.getByTestId('inbox-chip-status').click();
  await page.getByTestId('inbox-filter-toggle').click();
  await expect(page.getByTestId('inbox-chips')).toHaveCount(0);
  await expectAccessible(page, 'Innboks (dark)');
  await page.screenshot({ path: path.join(SHOTS, 'inbox-dark-1366x768.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // «Tilbake» from a case: the same row, focused and in view, at the same scroll position, in the same view
  await page.getByTestId('inbox-filter-toggle').click();
  await page.getByLabel('Status', { exact: true }).selectOption('new');
  await page.getByTestId('inbox-filter-toggle').click();
  await expect.poll(() => total(page), { timeout: 10_000 }).toBeGreaterThan(12);
  const viewUrl = page.url();
  await grid.evaluate((el) => (el.scrollTop = 150));
  await page.waitForTimeout(200); // the virtual window follows the scroll on the next frame
  const scrolled = await grid.evaluate((el) => el.scrollTop);
  expect(scrolled).toBeGreaterThan(100);
  const target = grid.getByTestId('case-link').nth(8);
  const targetRow = await target.evaluate((a) => a.closest('[role="row"]')!.getAttribute('data-testid'));
  const targetName = (await target.textContent()) ?? '';
  await target.click();
  await expect(page).toHaveURL(/#\/innboks\/[0-9a-f-]{36}/);
  await page.getByTestId('case-back').click();
  await expect(page).toHaveURL(viewUrl);
  const back = grid.getByTestId(targetRow!).getByTestId('case-link');
  await expect(back).toBeFocused();
  await expect(back).toHaveText(targetName);
  await expect(grid.getByTestId(targetRow!)).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs((await grid.evaluate((el) => el.scrollTop)) - scrolled)).toBeLessThanOrEqual(2);
  const rect = await back.boundingBox();
  expect(rect!.y).toBeGreaterThan(0);
  expect(rect!.y + rect!.height).toBeLessThanOrEqual(768);

  // a 3,000-character search: the field holds what the hub takes, nothing grows or widens
  const top = page.locator('.pm-inbox-top');
  const before = (await top.boundingBox())!;
  const field = page.getByLabel('Søk i saker');
  await field.fill('Nordmann '.repeat(334).slice(0, 3000));
  await expect(page.getByTestId('inbox-total')).toContainText('…»', { timeout: 10_000 });
  expect((await field.inputValue()).length).toBeLessThanOrEqual(200);
  const after = (await top.boundingBox())!;
  expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(2);
  expect(after.width).toBeLessThanOrEqual(before.width);
  expect((await pageScroll(page)).wide).toBe(0);
  await page.goto(`${base}/#/innboks?q=${'x'.repeat(3000)}`);
  await expect(page.getByTestId('inbox-total')).toContainText('…»', { timeout: 10_000 });
  expect((await pageScroll(page)).wide).toBe(0);

  // the other sizes: 1920 (comfortable by default: a fresh window this tall), 1024 and 320 (cards)
  await page.evaluate(() => localStorage.removeItem('pm.inbox.density'));
  for (const [width, height] of [
    [1920, 1080],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`${base}/#/innboks`);
    await page.reload(); // a fresh window of this size: the density it starts with
    await expect(grid.getByTestId('case-link').first()).toBeVisible();
    expect(await linksInView(page), `rows in view at ${width}×${height}`).toBeGreaterThanOrEqual(width === 1024 ? 6 : 10);
    expect((await pageScroll(page)).wide, `sideways scrolling at ${width}`).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, `inbox-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${base}/#/innboks`);
  await expect(grid.getByTestId('case-link').first()).toBeVisible();
  await expectReflow(page, 'Innboks (the list)', page.locator('.pm-page.pm-inbox'));
  await expectReflow(page, 'Innboks');
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(grid.getByTestId('case-link').first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'inbox-320.png'), fullPage: true });
  await expectAccessible(page, 'Innboks at 320 px (cards)');
});
