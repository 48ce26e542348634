import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { startHttpBridge, type HttpBridge } from '../../electron/headless/http-bridge';
import { tempDir } from '../helpers/temp-dir';
import { latestVersion } from '../../electron/store';
import { testHub } from '../helpers/test-hub';

let hub: Hub | undefined;
let bridge: HttpBridge | undefined;
afterEach(async () => {
  await bridge?.close();
  await hub?.stop();
  bridge = hub = undefined;
});

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
function request(port: number, p: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method: o.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...o.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

async function setup() {
  ({ hub } = await testHub());
  const rendererDir = tempDir('pm-ui-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Postmottak</title></head><body></body></html>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  bridge = await startHttpBridge({ hub, rendererDir });
  const port = bridge.port;
  // log in the way a browser does: the one-time launch link sets the session cookie
  const launch = new URL(bridge.newLaunchUrl());
  const login = await request(port, launch.pathname + launch.search);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const page = await request(port, '/', { headers: { cookie } });
  const token = /name="postmottak-token" content="([^"]+)"/.exec(page.body)![1]!;
  return { port, cookie, token, login, page, launch };
}

const invoke = (port: number, headers: Record<string, string>, body: unknown) =>
  request(port, '/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('headless HTTP bridge', () => {
  it('listens on loopback only', async () => {
    ({ hub } = await testHub());
    await expect(startHttpBridge({ hub, rendererDir: tempDir(), host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('trades a single-use launch link for an HttpOnly SameSite=Strict session', async () => {
    const { login, page, port, launch } = await setup();
    expect(login.status).toBe(303);
    expect(login.headers['set-cookie']![0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await request(port, launch.pathname + launch.search)).status).toBe(401);
  });

  it('refuses requests without the token: 401', async () => {
    const { port, cookie, token } = await setup();
    expect((await request(port, '/')).status).toBe(401);
    expect((await request(port, '/assets/app.js')).status).toBe(401);
    expect((await invoke(port, {}, { channel: 'system.status', input: {} })).status).toBe(401);
    expect((await invoke(port, { cookie }, { channel: 'system.status', input: {} })).status).toBe(401);
    expect((await invoke(port, { 'x-postmottak-token': token }, { channel: 'system.status', input: {} })).status).toBe(401);
    expect((await invoke(port, { cookie, 'x-postmottak-token': token.slice(1) + 'x' }, { channel: 'system.status', input: {} })).status).toBe(401);
  });

  it('refuses a foreign Origin or Host with 403, even with the token', async () => {
    const { port, cookie, token } = await setup();
    const ok = { cookie, 'x-postmottak-token': token };
    expect((await invoke(port, { ...ok, origin: 'https://evil.example' }, { channel: 'system.status' })).status).toBe(403);
    expect((await invoke(port, { ...ok, origin: `http://127.0.0.1:${port + 1}` }, { channel: 'system.status' })).status).toBe(403);
    expect((await invoke(port, { ...ok, host: `evil.example:${port}` }, { channel: 'system.status' })).status).toBe(403);
    expect((await invoke(port, { ...ok, 'sec-fetch-site': 'cross-site' }, { channel: 'system.status' })).status).toBe(403);
    expect((await invoke(port, { ...ok, origin: `http://localhost:${port}` }, { channel: 'system.status' })).status).toBe(200);
  });

  it('serves the contract with the token, results as data', async () => {
    const { port, cookie, token } = await setup();
    const h = { cookie, 'x-postmottak-token': token };
    const r = await invoke(port, h, { channel: 'system.status', input: {} });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { version: '0.0.0-test', store: { schemaVersion: latestVersion() } } });
    expect(JSON.parse((await invoke(port, h, { channel: 'jobs.retry', input: { id: -1 } })).body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const bad = await request(port, '/api/invoke', { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    const huge = await request(port, '/api/invoke', { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: 'x'.repeat(2 * 1024 * 1024) }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
  });

  it('does not serve files outside the UI folder', async () => {
    const { port, cookie } = await setup();
    expect((await request(port, '/assets/app.js', { headers: { cookie } })).status).toBe(200);
    expect((await request(port, '/../../../../etc/passwd', { headers: { cookie } })).status).toBe(404);
    expect((await request(port, '/%2e%2e/%2e%2e/etc/passwd', { headers: { cookie } })).status).toBe(404);
  });

  it('streams hub events to the page', async () => {
    const { port, cookie, token } = await setup();
    const got: string[] = [];
    const req = http.request({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}`, cookie, 'x-postmottak-token': token } });
    const opened = new Promise<void>((resolve) =>
      req.on('response', (res) => {
        res.on('data', (c: Buffer) => got.push(c.toString()));
        resolve();
      }),
    );
    req.end();
    await opened;
    await invoke(port, { cookie, 'x-postmottak-token': token }, { channel: 'schedules.runNow', input: { name: 'store.maintenance' } });
    await expect.poll(() => got.join(''), { timeout: 5000 }).toMatch(/event: job\.updated\ndata: \{[^\n]*"status":"done"/);
    req.destroy();
  });
});
