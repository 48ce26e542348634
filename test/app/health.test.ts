// #17 item 3: health through the real hub (job outcomes → health.get, roles), and /healthz and /metrics over HTTP from the real bridge.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Hub } from '../../electron/app/create-hub';
import { IntegrationError } from '../../electron/core/errors';
import { startHttpBridge, type HttpBridge } from '../../electron/headless/http-bridge';
import type { HealthDto } from '../../electron/ipc/health.contract';
import { FakeClock } from '../helpers/fake-clock';
import { testHub } from '../helpers/test-hub';
import { storeKinds, type StoreKind } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';

let hub: Hub | undefined;
let bridge: HttpBridge | undefined;
afterEach(async () => {
  await bridge?.close();
  await hub?.stop();
  bridge = hub = undefined;
});

const MIN = 60_000;
const payload = z.object({ n: z.number() });

/** The hub with a fake clock and its loops stopped: the test runs the queue with runDue. A job type per integration that fails while `down` holds the error. */
async function healthHub(config: Record<string, unknown> = {}, o: { store?: StoreKind } = {}) {
  const clock = new FakeClock();
  ({ hub } = await testHub({ clock, autoStart: false }, config, { store: o.store }));
  const h = hub;
  const down: Record<string, Error | null> = { archive: null, registers: null };
  for (const integration of Object.keys(down)) {
    h.runner.define({
      type: `test.${integration}`,
      schema: payload,
      integration,
      untilDelivered: true,
      handle: () => {
        const e = down[integration];
        if (e) throw e;
      },
    });
  }
  // a receipt poll against the archive: "not yet" while `receipt` is false
  let receipt = false;
  h.runner.define({
    type: 'test.archive-receipt',
    schema: payload,
    integration: 'archive',
    untilDelivered: true,
    polls: true,
    handle: () => {
      if (!receipt) throw new IntegrationError('transient', 'Venter på kvittering fra arkivet.');
    },
  });
  const receiptCame = () => void (receipt = true);
  let n = 0;
  const enqueue = (integration: string) => h.runner.enqueue(`test.${integration}`, { n: ++n }, `health-test-${integration}-${n}`);
  const get = async (account: string) => {
    expect(h.users.switchTo(account)).toBeDefined();
    const r = await h.invoke('health.get', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value as HealthDto;
  };
  return { hub: h, clock, down, enqueue, get, receiptCame };
}

describe.each(storeKinds())('health through the hub (%s)', (kind) => {
  it('an archive job fails: degradert with the redacted message for IT, the state only for a caseworker; it succeeds: ok', async () => {
    const { hub, clock, down, enqueue, get } = await healthHub({}, { store: kind });
    // nothing used yet: ok, and IT sees no integration with made-up facts
    expect(await get('ida')).toMatchObject({ state: 'ok', details: true, integrations: [] });

    down.archive = new IntegrationError('transient', 'connect ECONNREFUSED 127.0.0.1:1 for 12039012345 (Bearer abc.def)');
    const { job } = await enqueue('archive');
    await enqueue('registers');
    const failedAt = clock.now();
    await hub.runner.runDue();

    const it1 = await get('ida');
    expect(it1.state).toBe('degradert');
    const archive = it1.integrations.find((h) => h.integration === 'archive')!;
    expect(archive).toMatchObject({
      state: 'degradert',
      lastSuccessAt: null,
      lastFailureAt: failedAt,
      lastErrorKind: 'transient',
      failingSince: failedAt,
      queueDepth: 1,
      oldestWaitingAt: failedAt,
      failures: 1,
      successes: 0,
      deadJobs: 0,
    });
    // what went wrong, without the fødselsnummer or the token
    expect(archive.lastError).toBe('connect ECONNREFUSED 127.0.0.1:1 for 120390***** (Bearer [skjult])');
    // the backoff: when the failed job tries again
    const retry = (await hub.store.sql.get<{ run_after: number }>('SELECT run_after FROM jobs WHERE id = ?', [job.id]))!;
    expect(archive.nextRetryAt).toBe(Number(retry.run_after));
    expect(archive.nextRetryAt).toBeGreaterThan(failedAt);
    expect(it1.integrations.find((h) => h.integration === 'registers')).toMatchObject({ state: 'ok', successes: 1, queueDepth: 0, failingSince: null });

    // a caseworker sees the state in the header, and none of the details
    expect(await get('kari')).toEqual({ state: 'degradert', checkedAt: clock.now(), details: false, integrations: [] });

    // failing past the threshold: nede
    clock.advance(16 * MIN);
    await hub.runner.runDue();
    expect((await get('ida')).integrations.find((h) => h.integration === 'archive')).toMatchObject({ state: 'nede', failingSince: failedAt, failures: 2 });
    expect((await get('leif')).state).toBe('nede');

    // the archive is back: the retry goes through and the state is ok again
    down.archive = null;
    clock.advance(60 * MIN);
    await hub.runner.runDue();
    expect((await hub.store.sql.get<{ status: string }>('SELECT status FROM jobs WHERE id = ?', [job.id]))!.status).toBe('done');
    const back = await get('ida');
    expect(back.state).toBe('ok');
    expect(back.integrations.find((h) => h.integration === 'archive')).toMatchObject({
      state: 'ok',
      lastSuccessAt: clock.now(),
      failingSince: null,
      queueDepth: 0,
      oldestWaitingAt: null,
      nextRetryAt: null,
      successes: 1,
      failures: 2,
      // the last failure stays to be read
      lastFailureAt: failedAt + 16 * MIN,
    });
  });

  it('a receipt that has not come yet is neither a failure nor waiting work: the archive stays ok while it polls', async () => {
    const { hub, clock, enqueue, get, receiptCame } = await healthHub({}, { store: kind });
    await enqueue('archive');
    await hub.runner.runDue();
    const { job } = await hub.runner.enqueue('test.archive-receipt', { n: 0 }, 'receipt-1');
    for (let i = 0; i < 4; i++) {
      clock.advance(20 * MIN);
      await hub.runner.runDue();
    }
    expect((await hub.store.sql.get<{ attempts: number }>('SELECT attempts FROM jobs WHERE id = ?', [job.id]))!.attempts).toBeGreaterThan(1);
    const polling = await get('ida');
    expect(polling.state).toBe('ok');
    expect(polling.integrations[0]).toMatchObject({ integration: 'archive', state: 'ok', failures: 0, failingSince: null, queueDepth: 1, oldestWaitingAt: null, nextRetryAt: null });
    receiptCame();
    clock.advance(60 * MIN);
    await hub.runner.runDue();
    expect((await get('ida')).integrations[0]).toMatchObject({ state: 'ok', successes: 2, queueDepth: 0 });
  });

  it('a rate limit pauses the integration: nede until the pause ends, then ok', async () => {
    const { hub, clock, down, enqueue, get } = await healthHub({}, { store: kind });
    down.registers = new IntegrationError('rate-limited', 'For mange forespørsler', { retryAfterMs: 5 * MIN });
    await enqueue('registers');
    await hub.runner.runDue();
    const h = (await get('ida')).integrations.find((x) => x.integration === 'registers')!;
    expect(h).toMatchObject({ state: 'nede', pausedUntil: clock.now() + 5 * MIN, lastErrorKind: 'rate-limited', queueDepth: 1 });
    down.registers = null;
    clock.advance(5 * MIN);
    await hub.runner.runDue();
    expect((await get('ida')).integrations.find((x) => x.integration === 'registers')).toMatchObject({ state: 'ok', pausedUntil: null, queueDepth: 0 });
  });
});

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
function request(port: number, p: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A session as the page gets one: the launch code traded for the token and its bound cookie. */
async function login(b: HttpBridge): Promise<Record<string, string>> {
  const code = new URL(b.newLaunchUrl()).hash.replace(/^#launch=/, '');
  const r = await request(b.port, '/api/session', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ code }));
  const token = (JSON.parse(r.body) as { value: { token: string } }).value.token;
  return { 'x-postmottak-token': token, cookie: String(r.headers['set-cookie']).split(';')[0]! };
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  help: string;
  type: string;
  samples: Sample[];
}

/**
 * A strict parser of the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): every line is
 * `# HELP name text`, `# TYPE name type` or `name{label="value",…} value`; a family's HELP and
 * TYPE come before its samples, once each; a sample belongs to the family whose TYPE came last
 * (its name, or the name with _bucket/_sum/_count for histograms and summaries). Anything else throws.
 */
function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`;
  const sampleRe = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (\\S+)(?: (-?\\d+))?$`);
  let current: string | null = null;
  if (!text.endsWith('\n')) throw new Error('the text must end with a line feed');
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const help = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (help) {
      const f = families.get(help[1]!) ?? { help: '', type: '', samples: [] };
      if (f.help || f.samples.length) throw new Error(`HELP twice or after samples: ${line}`);
      families.set(help[1]!, { ...f, help: help[2]! });
      continue;
    }
    if (type) {
      const f = families.get(type[1]!) ?? { help: '', type: '', samples: [] };
      if (f.type || f.samples.length) throw new Error(`TYPE twice or after samples: ${line}`);
      families.set(type[1]!, { ...f, type: type[2]! });
      current = type[1]!;
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unknown comment line: ${line}`);
    const m = sampleRe.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const name = m[1]!;
    const fam = current && families.get(current);
    const suffixOk = fam && (name === current || (['histogram', 'summary'].includes(fam.type) && /^(_bucket|_sum|_count)$/.test(name.slice(current!.length))));
    if (!fam || !suffixOk) throw new Error(`sample outside its family: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(new RegExp(LABEL, 'g'))) {
      if (l[1]! in labels) throw new Error(`label twice: ${line}`);
      labels[l[1]!] = l[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const raw = m[m.length - 2]!;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : raw === 'NaN' ? NaN : Number(raw);
    if (!/^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+|Inf|NaN)$/.test(raw) || (Number.isNaN(value) && raw !== 'NaN')) throw new Error(`bad value: ${line}`);
    fam.samples.push({ name, labels, value });
  }
  return families;
}

const valueOf = (f: Map<string, Family>, name: string, labels: Record<string, string>) =>
  f.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)?.value;

describe('the parser itself', () => {
  it('refuses what is not the text format', () => {
    expect(() => parsePrometheus('# TYPE a counter\na 1\n')).not.toThrow();
    expect(() => parsePrometheus('a 1\n')).toThrow(/outside its family/);
    expect(() => parsePrometheus('# TYPE a counter\na{b=c} 1\n')).toThrow(/not a sample/);
    expect(() => parsePrometheus('# TYPE a counter\na one\n')).toThrow(/not a sample|bad value/);
    expect(() => parsePrometheus('# TYPE a counter\n# TYPE a gauge\n')).toThrow(/TYPE twice/);
    expect(() => parsePrometheus('# TYPE a counter\nb 1\n')).toThrow(/outside its family/);
    expect(() => parsePrometheus('# TYPE a counter\na 1')).toThrow(/line feed/);
  });
});

describe('/healthz and /metrics on the HTTP bridge', () => {
  it('serves /healthz without a token; /metrics only with the session or the configured bearer, in the Prometheus text format', async () => {
    const { hub: h, clock, down, enqueue } = await healthHub({ metrics: { bearer: { secret: 'METRICS_TOKEN' } } });
    await h.secrets.set('METRICS_TOKEN', 'scrape-me-0123456789');
    down.archive = new IntegrationError('transient', 'Tidsavbrudd');
    await enqueue('archive');
    await enqueue('archive');
    await enqueue('registers');
    // the jobs run 90 s after they were queued; the failed ones wait out their backoff after that (the clock stands still from here)
    clock.advance(90_000);
    await h.runner.runDue();
    await h.start();
    const rendererDir = tempDir('pm-ui-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Postmottak</title>');
    bridge = await startHttpBridge({ hub: h, rendererDir });
    const port = bridge.port;

    const healthz = await request(port, '/healthz');
    expect(healthz.status).toBe(200);
    expect(JSON.parse(healthz.body)).toEqual({ status: 'up' });

    const none = await request(port, '/metrics');
    expect(none.status).toBe(401);
    expect(none.body).not.toContain('postmottak_');
    expect((await request(port, '/metrics', { authorization: 'Bearer wrong-token' })).status).toBe(401);
    // the token alone, without the cookie it is bound to, is no session
    const session = await login(bridge);
    expect((await request(port, '/metrics', { 'x-postmottak-token': session['x-postmottak-token']! })).status).toBe(401);
    expect((await request(port, '/metrics', { ...session }, 'POST')).status).toBe(405);

    const bySession = await request(port, '/metrics', session);
    const byBearer = await request(port, '/metrics', { authorization: 'Bearer scrape-me-0123456789' });
    for (const r of [bySession, byBearer]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    }
    const m = parsePrometheus(byBearer.body);
    // every family has its HELP and TYPE
    for (const [name, f] of m) expect([name, f.help.length > 0, f.type]).toEqual([name, true, expect.stringMatching(/counter|gauge/)]);
    expect(m.get('postmottak_integration_requests_total')!.type).toBe('counter');
    expect(valueOf(m, 'postmottak_integration_requests_total', { integration: 'archive', outcome: 'failure' })).toBe(2);
    expect(valueOf(m, 'postmottak_integration_requests_total', { integration: 'archive', outcome: 'success' })).toBe(0);
    expect(valueOf(m, 'postmottak_integration_requests_total', { integration: 'registers', outcome: 'success' })).toBe(1);
    expect(valueOf(m, 'postmottak_integration_requests_total', { integration: 'registers', outcome: 'failure' })).toBe(0);
    expect(m.get('postmottak_queue_depth')!.type).toBe('gauge');
    expect(valueOf(m, 'postmottak_queue_depth', { integration: 'archive', status: 'queued' })).toBe(2);
    expect(valueOf(m, 'postmottak_queue_depth', { integration: 'archive', status: 'dead' })).toBe(0);
    expect(valueOf(m, 'postmottak_queue_depth', { integration: 'registers', status: 'queued' })).toBe(0);
    expect(valueOf(m, 'postmottak_queue_oldest_waiting_seconds', { integration: 'archive' })).toBe(90);
    expect(valueOf(m, 'postmottak_queue_oldest_waiting_seconds', { integration: 'registers' })).toBe(0);
    expect(valueOf(m, 'postmottak_integration_health_state', { integration: 'archive', state: 'degradert' })).toBe(1);
    expect(valueOf(m, 'postmottak_integration_health_state', { integration: 'archive', state: 'ok' })).toBe(0);
    expect(valueOf(m, 'postmottak_health_state', { state: 'degradert' })).toBe(1);
    expect(valueOf(m, 'postmottak_build_info', { version: '0.0.0-test', host: 'test' })).toBe(1);
    // the scrape names no error text
    expect(byBearer.body).not.toContain('Tidsavbrudd');

    // the session's scrape is the same registry
    expect(valueOf(parsePrometheus(bySession.body), 'postmottak_queue_depth', { integration: 'archive', status: 'queued' })).toBe(2);

    // a stopped hub: /healthz says down (503), and still nothing else
    await h.runner.stop();
    const downNow = await request(port, '/healthz');
    expect(downNow.status).toBe(503);
    expect(JSON.parse(downNow.body)).toEqual({ status: 'down' });
  });

  it('answers 404 on /metrics when metrics are turned off, and has no bearer unless one is configured', async () => {
    const { hub: h } = await healthHub({ metrics: { enabled: false } });
    await h.start();
    bridge = await startHttpBridge({ hub: h, rendererDir: tempDir('pm-ui-') });
    expect(await h.metricsBearer('anything')).toBe(false);
    const session = await login(bridge);
    expect((await request(bridge.port, '/metrics', session)).status).toBe(404);
    expect((await request(bridge.port, '/healthz')).status).toBe(200);
  });
});
