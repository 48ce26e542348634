import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { base, claimGrantAndApprove, firstNewCaseLink, reloadApprovedCase } from './case-steps.helper';
import { startHost, type RunningHost } from './host.helper';

let host: RunningHost;
test.afterEach(async () => {
  await host?.stop();
});

/** WCAG 2.1 A and AA rules only. */
async function expectAccessible(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(found, `${what}: WCAG 2.1 AA violations`).toEqual([]);
}

const DAY = 86_400_000;

async function approveNewCase(page: Page, h: RunningHost): Promise<string> {
  await (await firstNewCaseLink(page, h)).click();
  await claimGrantAndApprove(page);
  return page.url();
}

test('an approved reply goes to Altinn; when the simulator clock passes the deadline unread, it is printed: on the timeline and in the hot folder', async ({ page }) => {
  host = await startHost('cli');
  await page.goto(host.link);
  const out = host.output();
  const altinn = /Altinn-simulator (\S+)/.exec(out)![1]!;
  const hotFolder = /utskrifter havner i (\S+)/.exec(out)![1]!;

  // approve until one goes through Altinn (the demo's KRR-reserved applicants go straight to paper; a reply
  // the register's name stops at manual follow-up is passed over too)
  let caseUrl = '';
  const seen: string[] = [];
  for (let i = 0; i < 3 && !caseUrl; i++) {
    const url = await approveNewCase(page, host);
    const timeline = page.getByTestId('case-timeline');
    const outcome = timeline.locator('[data-testid="timeline-replied"], [data-testid="timeline-print-manual"]');
    let found = 0;
    for (const until = Date.now() + 45_000; Date.now() < until && !found; ) {
      await reloadApprovedCase(page);
      found = await outcome.count();
      if (!found) await page.waitForTimeout(500);
    }
    const text = (await timeline.textContent()) ?? '';
    if (!found) {
      // say what the case and the job queue showed, so a slow or stuck send can be told apart
      await page.goto(`${base(host)}/#/jobber`);
      throw new Error(`no reply outcome within 45 s on ${url}\ntimeline: ${text.slice(0, 1500)}\njobs: ${((await page.locator('main').textContent()) ?? '').slice(0, 2500)}`);
    }
    seen.push(text.slice(0, 300));
    if (/Sendt til innbyggerens innboks/.test((await timeline.getByTestId('timeline-replied').textContent().catch(() => '')) ?? '')) caseUrl = url;
  }
  expect(caseUrl, `a reply sent through Altinn; saw:\n${seen.join('\n')}`).not.toBe('');
  await expect(page.getByTestId('case-timeline').getByTestId('timeline-printed')).toHaveCount(0);

  // ten days and a bit later, still unread: the sweep prints it
  const res = await fetch(`${altinn}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 11 * DAY }) });
  expect(res.ok).toBe(true);
  await page.goto(`${base(host)}/#/svar`);
  await page.getByRole('button', { name: 'Sjekk lesestatus nå' }).click();
  await page.goto(caseUrl);
  await expect
    .poll(async () => {
      await reloadApprovedCase(page);
      return page.getByTestId('case-timeline').getByTestId('timeline-printed').count();
    }, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('case-timeline').getByTestId('timeline-printed')).toContainText(/Skrevet ut/);
  await expect(page.getByText('Folkeregisteret og KRR')).toBeVisible();
  // the children the application names are the applicant's children in Folkeregisteret, with their names
  const children = page.getByTestId('person-children');
  await expect(children.getByRole('cell', { name: 'Ja' }).first()).toBeVisible();
  await expect(children.getByText('Uten navn')).toHaveCount(0);
  await expect(page.getByTestId('person-not-children')).toHaveCount(0);
  await expectAccessible(page, 'Saksvisning med svar og registre');
  await page.screenshot({ path: 'test-results/case-reply.png', fullPage: true });
  const panel = await page.getByRole('heading', { name: 'Svar til innbygger' }).boundingBox();
  if (panel) await page.screenshot({ path: 'test-results/case-reply-panels.png', fullPage: true, clip: { x: 0, y: panel.y - 10, width: 1280, height: 900 } });

  // the print vendor's folder has the letter: a PDF and its manifest (maybe already picked up into done/)
  await expect
    .poll(() => {
      const names = [...fs.readdirSync(hotFolder), ...(fs.existsSync(`${hotFolder}/done`) ? fs.readdirSync(`${hotFolder}/done`) : [])];
      return names.filter((n) => n.endsWith('.pdf')).length;
    })
    .toBeGreaterThanOrEqual(1);

  // the Svar screen counts it
  await page.goto(`${base(host)}/#/svar`);
  await expect(page.getByRole('heading', { name: 'Svar', level: 1 })).toBeVisible();
  await expectAccessible(page, 'Svar');
  // the whole hub follows the moved clock: nothing waits on Altinn afterwards (tokens are signed on the same clock)
  await expect(page.getByTestId('waiting-banner')).toHaveCount(0);
  // the list scrolls inside its own box; the page itself never scrolls sideways
  const overflow = await page.evaluate(() => {
    // inside the table's scroll box things may be wider: it clips them
    const wide = Array.from(document.querySelectorAll('body *')).filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.parentElement?.closest('.pm-table-scroll'));
    return { page: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 5).map((el) => `${el.tagName}.${(el as HTMLElement).className}`) };
  });
  expect(overflow).toEqual({ page: 0, wide: [] });
  await page.screenshot({ path: 'test-results/svar.png', fullPage: true });
});
