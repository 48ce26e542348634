import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { base, claimGrantAndApprove, firstNewCaseLink } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';
import { SHOTS } from './page-checks.helper';

/*
 * #14: every screen, as each role reaches it in the demo, on one host and one page:
 * axe finds no WCAG 2.1 A/AA violation in light and in dark mode, nothing scrolls sideways
 * at 320 CSS px (WCAG 1.4.10), and each screen is photographed at 1366×768 and 1920×1080.
 * Every problem is collected and listed at the end, so one run names all screens that fail.
 */

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

/**
 * Screens another spec photographs for docs/screenshots (some with data this demo tour does not have),
 * and the leader's copies of the caseworker's screens: the tour saves these under test-results/ only,
 * so two specs never overwrite each other's pictures.
 */
const SHOT_ELSEWHERE = new Set([
  // the caseworker's workspace (#14): the inbox, case, jobs and status helpers' specs
  'inbox',
  'case',
  'status', // jobs-screens.e2e
  'jobs', // jobs-screens.e2e
  'it-jobs', // the same screen as IT sees it
  'arkiv', // archivist.e2e: deliveries with refused entries
  'arkiv-journal', // archivist.e2e
  'arkiv-eksport', // archivist.e2e
  'it-integrations', // it-screens.e2e
  'it-secrets',
  'it-alerts',
  'it-logs',
  'it-operations',
  'it-status',
  'designer', // designer.e2e
  'designer-mapping',
]);
const OWN_SHOTS = path.resolve(__dirname, '../../test-results/screen-tour');

const problems: string[] = [];

/** Waits until nothing on the screen is loading (a screen that never settles is checked as it is). */
async function settled(page: Page) {
  await expect(page.locator('.pm-loading')).toHaveCount(0, { timeout: 15_000 }).catch(() => problems.push(`${page.url()}: still loading after 15 s`));
  // axe reads colours mid-animation as too faint
  await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length), { timeout: 5_000 }).toBe(0).catch(() => undefined);
}

/**
 * Light: every WCAG 2.1 A/AA rule. Dark changes only colours, so there axe checks contrast alone
 * (the other rules would find the same as in light, at twice the time).
 */
async function axe(page: Page, what: string, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await settled(page);
  const builder = new AxeBuilder({ page }).withTags(TAGS);
  const r = await (scheme === 'dark' ? builder.withRules(['color-contrast']) : builder).analyze();
  for (const v of r.violations) {
    const where = v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1, 2).join('').trim()}]` : ''}`)
      .join(' | ');
    problems.push(`${what} (${scheme}): axe ${v.id} (${v.impact}) ×${v.nodes.length}: ${where}`);
  }
}

/** WCAG 1.4.10: at 320 CSS px the page itself never scrolls sideways; names the widest things that stick out. */
async function reflow(page: Page, what: string) {
  await page.setViewportSize({ width: 320, height: 640 });
  await settled(page);
  const found = await page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    if (over <= 0) return null;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest('.pm-table-scroll, [data-scroll-region]'))
      .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
      .slice(0, 4)
      .map((el) => {
        const cls = el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        // the nearest named part says where on the screen it is
        const inside = el.closest('[data-testid]')?.getAttribute('data-testid');
        return `${el.tagName.toLowerCase()}${cls}${inside ? ` in [data-testid=${inside}]` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`;
      });
    return { over, wide };
  });
  if (found) problems.push(`${what}: scrolls sideways by ${found.over} px at 320 px: ${found.wide.join(', ')}`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The two sizes, from the top or with `show` in view (in light mode unless `dark`). */
async function photograph(page: Page, shot: string, show?: Locator, sizes: readonly (readonly [number, number])[] = SIZES, dark = false) {
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  const elsewhere = SHOT_ELSEWHERE.has(shot) || shot.startsWith('leder-');
  const dir = elsewhere ? OWN_SHOTS : SHOTS;
  // the pictures kept in test-results only are for looking at: one size is enough
  for (const [width, height] of elsewhere ? sizes.slice(0, 1) : sizes) {
    await page.setViewportSize({ width, height });
    await settled(page);
    if (show) await show.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    else await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, `${shot}-${width}x${height}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** axe in light and dark, reflow at 320 px, and the two screenshots. */
async function check(page: Page, what: string, shot: string, show?: Locator) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 15_000 });
  await axe(page, what, 'light');
  await axe(page, what, 'dark');
  await reflow(page, what);
  await photograph(page, shot, show);
}

/** The demo's user switch, through the hub (the header's own switch is the shell's test), then a reload. */
async function actAs(page: Page, account: string) {
  const status = await page.evaluate(async (who) => {
    const token = sessionStorage.getItem('postmottak.session') ?? '';
    const r = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-postmottak-token': token },
      body: JSON.stringify({ channel: 'session.switchUser', input: { account: who } }),
    });
    return r.status;
  }, account);
  expect(status, `switch to ${account}`).toBe(200);
  await page.reload();
}

async function open(page: Page, h: RunningHost, route: string) {
  await page.goto(`${base(h)}/#${route}`);
}

test('every screen, for every role, is axe clean in light and dark, reflows at 320 px, and is photographed', async ({ page, context }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(OWN_SHOTS, { recursive: true });
  host = await startHost('cli');
  const h = host;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(h.link);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });

  // ---- the caseworker: an answered case gives Svar rows; the case opened from Svar goes back to Svar ----
  await actAs(page, 'kari');
  const link = await firstNewCaseLink(page, h);
  await link.click();
  await claimGrantAndApprove(page);
  const caseRoute = new URL(page.url()).hash.slice(1);
  await open(page, h, '/svar');
  await expect(page.getByTestId('reply-table')).toBeVisible({ timeout: 30_000 });
  const caseLink = page.getByTestId('reply-table').getByRole('link').first();
  await caseLink.click();
  await expect(page).toHaveURL(/#\/innboks\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: /^Tilbake/ }).first().click();
  if (!/#\/svar$/.test(page.url())) problems.push(`Svar → sak → Tilbake: landed on ${page.url()}, not Svar`);

  for (const [account, who] of [
    ['kari', 'saksbehandler'],
    ['leif', 'leder'],
  ] as const) {
    await actAs(page, account);
    const shot = (name: string) => (account === 'kari' ? name : `leder-${name}`);
    await open(page, h, '/innboks');
    await check(page, `Innboks (${who})`, shot('inbox'));
    await open(page, h, caseRoute);
    await check(page, `Sak (${who})`, shot('case'));
    await open(page, h, '/svar');
    await expect(page.getByTestId('reply-table')).toBeVisible({ timeout: 15_000 });
    await check(page, `Svar (${who})`, shot('svar'));
    await open(page, h, '/');
    await check(page, `Status (${who})`, shot('status'));
    await open(page, h, '/jobber');
    await check(page, `Jobber (${who})`, shot('jobs'));
  }
  // the Svar screen's chart as a table, and its filters opened
  await open(page, h, '/svar');
  await expect(page.getByTestId('reply-table')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Vis som tabell' }).click();
  const toggle = page.getByTestId('reply-filters-toggle');
  if (await toggle.count()) await toggle.click();
  await check(page, 'Svar med tabell og alle filtre', 'svar-table', page.getByTestId('reply-chart-table'));
  // one dark picture, to see the dark theme as the user does; the list as cards at 320 px (test-results only)
  await photograph(page, 'svar-dark', undefined, [[1366, 768]], true);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.getByTestId('reply-table').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(OWN_SHOTS, 'svar-320.png') });
  // the cards are still a table to assistive technology
  await axe(page, 'Svar som kort (320 px)', 'light');
  await page.setViewportSize({ width: 1366, height: 768 });

  // ---- the archivist: Arkiv, tab by tab ----
  await actAs(page, 'arne');
  await open(page, h, '/arkiv');
  const tabs = page.getByRole('tablist').getByRole('tab');
  await expect(tabs.first()).toBeVisible({ timeout: 15_000 });
  const tabIds = (await tabs.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''))).map((id) => id.replace('archive-tab-', ''));
  expect(tabIds.length).toBeGreaterThan(1);
  for (const tab of tabIds) {
    await page.getByTestId(`archive-tab-${tab}`).click();
    // the forms' tabs with their answer shown: today's public journal, this month's audit log
    if (tab === 'offentlig-journal') {
      await page.getByTestId('public-form').locator('button[type="submit"]').click();
      await expect(page.getByTestId('public-summary')).toBeVisible({ timeout: 15_000 });
    }
    if (tab === 'revisjonslogg') {
      await page.getByTestId('audit-form').locator('button[type="submit"]').click();
      await expect(page.getByTestId('audit-chain')).toBeVisible({ timeout: 15_000 });
    }
    await check(page, `Arkiv: ${tab}`, tab === 'leveranser' ? 'arkiv' : `arkiv-${tab}`);
  }

  // ---- IT ----
  await actAs(page, 'ida');
  for (const [route, name, shot] of [
    ['/integrasjoner', 'Integrasjoner', 'it-integrations'],
    ['/sertifikater', 'Nøkler og sertifikater', 'it-secrets'],
    ['/varsler', 'Varsler', 'it-alerts'],
    ['/logger', 'Logger', 'it-logs'],
    ['/drift', 'Drift', 'it-operations'],
    ['/', 'Status (IT)', 'it-status'],
    ['/jobber', 'Jobber (IT)', 'it-jobs'],
    ['/designer', 'Designer', 'designer'],
  ] as const) {
    await open(page, h, route);
    await check(page, name, shot);
  }
  // the mapping editor and the rules editor, through the designer's own links
  await open(page, h, '/designer');
  const mapping = page.locator('a[href*="/designer/mapping/"]').first();
  await expect(mapping).toBeVisible({ timeout: 15_000 });
  await mapping.click();
  await expect(page.getByTestId('preview-summary')).toBeVisible({ timeout: 20_000 });
  await check(page, 'Designer: mapping', 'designer-mapping');
  await open(page, h, '/designer');
  const rules = page.locator('a[href*="/designer/regler/"]').first();
  if (await rules.count()) {
    await rules.click();
    await check(page, 'Designer: regler', 'designer-rules');
  }

  // ---- no such page: the 404 page links to the landing page ----
  await open(page, h, '/finnes-ikke');
  await check(page, 'Fant ikke siden', 'not-found');

  // ---- the launch link used again, and a bookmark without a link: the 401 pages ----
  const again = await context.newPage();
  await again.setViewportSize({ width: 1366, height: 768 });
  await again.goto(h.link);
  await check(again, 'Brukt lenke', 'launch-used');
  await again.goto(`${base(h)}/#/innboks`);
  await again.reload();
  await check(again, 'Bokmerke uten lenke', 'launch-bookmark');
  await again.close();

  expect(problems, 'screens with WCAG problems').toEqual([]);
});
