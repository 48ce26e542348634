import http from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host.helper';

let host: RunningHost;
let other: http.Server | undefined;
test.afterEach(async () => {
  await host?.stop();
  await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()));
  other = undefined;
});

async function axeClean(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(found, `${what}: axe violations`).toEqual([]);
}

// #12 item 7: browsers send cookies to every port of 127.0.0.1, so no cookie may carry the API token
test('another listener on a loopback port gets no usable token from the browser, and a used link or a bookmark gets a Norwegian page on how to get a new one', async ({ page, context }) => {
  host = await startHost('cli');
  const origin = new URL(host.link).origin;

  // a second listener on another loopback port: any local tool, or another user on a terminal server
  const received: string[] = [];
  other = http.createServer((req, res) => {
    received.push(req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="nb"><link rel="icon" href="data:,"><title>annen tjeneste</title><p>annen tjeneste</p></html>');
  });
  await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', () => resolve()));
  const otherPort = (other.address() as AddressInfo).port;

  await page.goto(host.link);
  // the demo opens as a caseworker, who lands on Innboks (#14)
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();
  expect(page.url()).not.toContain('launch=');
  const token = await page.evaluate(() => sessionStorage.getItem('postmottak.session'));
  expect(token).toBeTruthy();

  // the user opens the other address in the same browser, at its root and at the bridge's API paths
  for (const p of ['/', '/api/', '/api/invoke']) await page.goto(`http://127.0.0.1:${otherPort}${p}`);
  expect(received.length).toBeGreaterThanOrEqual(3); // the browser may ask for /favicon.ico too
  const got = received.join('; ');
  expect(got).not.toContain(token!);

  // whatever it received, tried against the bridge every way it could be: as cookie, as token header, both
  const values = got.split(';').map((c) => c.trim().split('=').slice(1).join('=')).filter(Boolean);
  const attempts: Record<string, string>[] = [{ cookie: got }];
  for (const v of values) attempts.push({ 'x-postmottak-token': v }, { cookie: got, 'x-postmottak-token': v });
  for (const headers of attempts) {
    const r = await fetch(`${origin}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ channel: 'system.status', input: {} }) });
    expect(r.status, JSON.stringify(headers)).toBe(401);
  }
  // nor does the page itself hand a token to whoever fetches it with those cookies
  const html = await (await fetch(`${origin}/`, { headers: { cookie: got } })).text();
  expect(html).not.toContain(token!);
  expect(html).not.toMatch(/postmottak-token/);

  // back in the tab: a reload keeps the session (sessionStorage), the app still works
  await page.goto(`${origin}/#/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Innboks' })).toBeVisible();

  // reopening the launch link: a styled page in Norwegian that says how to get a new link
  const again = await context.newPage();
  await again.goto(host.link);
  await expect(again.getByRole('heading', { level: 2, name: 'Lenken kan ikke brukes igjen' })).toBeVisible();
  await expect(again.getByText(/allerede brukt/)).toBeVisible();
  await expect(again.getByRole('heading', { name: 'Slik får du en ny lenke' })).toBeVisible();
  await expect(again.getByRole('listitem')).toHaveCount(3);
  expect(await again.evaluate(() => document.documentElement.lang)).toBe('nb');
  expect(again.url()).not.toContain('launch=');
  await axeClean(again, 'used launch link');

  // a bookmark (the address without a code) in a new tab: the same page, saying links come from the program
  const bookmark = await context.newPage();
  await bookmark.goto(`${origin}/#/innboks`);
  await expect(bookmark.getByRole('heading', { level: 2, name: 'Lenken kan ikke brukes igjen' })).toBeVisible();
  await expect(bookmark.getByText(/Bokmerker og gamle lenker virker ikke/)).toBeVisible();
  await axeClean(bookmark, 'bookmark');
});
