import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Where the e2e tests save the screenshots the README and the issues show. */
export const SHOTS = path.resolve(__dirname, '../../docs/screenshots');

/** WCAG 2.1 A and AA rules only. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(found, `${what}: WCAG 2.1 AA violations`).toEqual([]);
}

/**
 * WCAG 1.4.10: at 320 CSS px the page reflows; only a table or code box scrolls inside itself.
 * With `part`, only that part of the page is checked: it fits the width and scrolls nowhere sideways.
 */
export async function expectReflow(page: Page, what: string, part?: Locator): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = part
    ? await part.evaluate((el) => Math.max(el.getBoundingClientRect().right - document.documentElement.clientWidth, el.scrollWidth - el.clientWidth))
    : await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what}: sideways scrolling at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The page at the common municipal laptop's size and at full HD, as `<name>-<w>x<h>.png`. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}
