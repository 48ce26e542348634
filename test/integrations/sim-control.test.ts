import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimClock, startAltinnSimulator, type AltinnSimulator } from '../../integrations/altinn/simulator/altinn-simulator';

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const DAY = 86_400_000;

let sim: AltinnSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function send(url: string, p: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(u.port), path: p, method: o.method ?? 'POST', headers: { host: u.host, ...o.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

// #12 item 14: a web page must not be able to drive the demo simulator's control routes
describe('simulator control routes (/_sim/…)', () => {
  it('refuse cross-site simple POSTs, foreign Host/Origin and non-JSON bodies; the simulator itself as JSON still works', async () => {
    const clock = createSimClock(() => T0);
    sim = await startAltinnSimulator({ org: 'kommune', orgNumber: '910000001', clients: [], clock, control: true });
    const url = sim.url;
    const port = new URL(url).port;
    const body = JSON.stringify({ ms: 11 * DAY });

    // what a form or fetch(no-cors) on another site sends: a "simple" request
    const simple: Record<string, string>[] = [
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      { 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of simple) expect((await send(url, '/_sim/clock/advance', { headers, body })).status, JSON.stringify(headers)).toBe(403);
    // curl's default, without a browser: not JSON
    expect((await send(url, '/_sim/clock/advance', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).status).toBe(415);
    expect((await send(url, '/_sim/clock/advance', { body })).status).toBe(415);
    expect((await send(url, '/_sim/clock/advance', { headers: { 'content-type': 'application/jsonp' }, body })).status).toBe(415);
    // JSON from another origin, or through a foreign Host name (DNS rebinding)
    expect((await send(url, '/_sim/clock/advance', { headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${Number(port) + 1}` }, body })).status).toBe(403);
    expect((await send(url, '/_sim/clock/advance', { headers: { 'content-type': 'application/json', host: `rebind.example:${port}` }, body })).status).toBe(403);
    expect((await send(url, '/_sim/correspondence/reserve', { headers: { 'content-type': 'text/plain' }, body: '{"personNumber":"01017000027"}' })).status).toBe(415);
    expect((await send(url, '/_sim/clock', { method: 'GET', headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect(clock.now()).toBe(T0);

    // the simulator's own clients: JSON, no Origin or its own
    const ok = await send(url, '/_sim/clock/advance', { headers: { 'content-type': 'application/json' }, body });
    expect(ok.status).toBe(200);
    expect(clock.now()).toBe(T0 + 11 * DAY);
    expect((await send(url, '/_sim/clock/advance', { headers: { 'content-type': 'application/json; charset=utf-8', origin: url }, body: '{"ms":1}' })).status).toBe(200);
    expect((await send(url, '/_sim/clock', { method: 'GET' })).status).toBe(200);
  });
});
