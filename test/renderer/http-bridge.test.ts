// @vitest-environment jsdom
import './helpers/setup-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge, type HttpBridge } from '../../renderer/src/bridge/http-bridge';

interface Recorded {
  url: string;
  init: RequestInit;
}

/** A hand-driven SSE body: the test decides exactly where chunks split. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    body,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    sendBytes: (bytes: Uint8Array) => controller.enqueue(bytes),
    end: () => controller.close(),
  };
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

const headerOf = (init: RequestInit, name: string) => new Headers(init.headers).get(name);

let bridge: HttpBridge | undefined;
afterEach(() => bridge?.close());

describe('http bridge: invoke', () => {
  it('POSTs {channel,input} to /api/invoke with the token header and returns the HubResult', async () => {
    const calls: Recorded[] = [];
    const fetchStub = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      return json({ ok: true, value: { jobId: 5, created: true } });
    });
    bridge = createHttpBridge({ token: 'tok-123', fetch: fetchStub as typeof fetch });

    const result = await bridge.invoke('schedules.runNow', { name: 'store.backup' });

    expect(result).toEqual({ ok: true, value: { jobId: 5, created: true } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/invoke');
    expect(calls[0]!.init.method).toBe('POST');
    expect(headerOf(calls[0]!.init, 'x-postmottak-token')).toBe('tok-123');
    expect(headerOf(calls[0]!.init, 'content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ channel: 'schedules.runNow', input: { name: 'store.backup' } });
  });

  it('passes hub errors (ok:false with 200) through unchanged', async () => {
    bridge = createHttpBridge({ token: 't', fetch: (async () => json({ ok: false, error: { code: 'bad-input', message: 'Ugyldig' } })) as typeof fetch });
    expect(await bridge.invoke('system.status', {})).toEqual({ ok: false, error: { code: 'bad-input', message: 'Ugyldig' } });
  });

  it('turns a network failure into ok:false "unreachable" instead of throwing', async () => {
    bridge = createHttpBridge({
      token: 't',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    const result = await bridge.invoke('system.status', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unreachable');
    expect(result.error.message).toMatch(/Får ikke kontakt med Postmottak/);
  });

  it('turns non-2xx into ok:false "http-<status>"', async () => {
    bridge = createHttpBridge({ token: 't', fetch: (async () => new Response('nope', { status: 500 })) as typeof fetch });
    const r500 = await bridge.invoke('system.status', {});
    expect(r500).toEqual({ ok: false, error: { code: 'http-500', message: 'Det oppstod en feil i Postmottak (HTTP 500).' } });

    bridge = createHttpBridge({ token: 't', fetch: (async () => json({ ok: false, error: { code: 'forbidden', message: 'Feil nøkkel' } }, 401)) as typeof fetch });
    const r401 = await bridge.invoke('system.status', {});
    expect(r401.ok).toBe(false);
    if (!r401.ok) {
      expect(r401.error.code).toBe('http-401');
      expect(r401.error.message).toContain('ugyldig tilgangsnøkkel');
      expect(r401.error.message).toContain('Feil nøkkel');
    }
  });

  it('rejects a 2xx body that is not a HubResult', async () => {
    bridge = createHttpBridge({ token: 't', fetch: (async () => json({ hello: 'world' })) as typeof fetch });
    const result = await bridge.invoke('system.status', {});
    expect(result.ok ? null : result.error.code).toBe('bad-response');
  });
});

describe('http bridge: events', () => {
  it('reads SSE from /api/events with the token in a header, across arbitrary chunk splits', async () => {
    const stream = controlledStream();
    const calls: Recorded[] = [];
    const fetchStub = async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(stream.body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    };
    bridge = createHttpBridge({ token: 'secret', fetch: fetchStub as typeof fetch });
    const jobs: unknown[] = [];
    const changes: unknown[] = [];
    bridge.on('job.updated', (p) => jobs.push(p));
    bridge.on('status.changed', (p) => changes.push(p));

    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.url).toBe('/api/events');
    expect(calls[0]!.url).not.toContain('secret');
    expect(headerOf(calls[0]!.init, 'x-postmottak-token')).toBe('secret');

    stream.send(': keep-alive\n\n');
    stream.send('event: job.updated\ndata: {"id":1,');
    stream.send('"type":"store.backup","status":"done"}\n');
    expect(jobs).toEqual([]); // not dispatched before the blank line
    stream.send('\nevent: job.upd');
    stream.send('ated\r'); // CRLF split between chunks must not read as a blank line
    stream.send('\ndata: {"id":2,"type":"x","status":"dead"}\r\n\r\n');
    // A multi-byte character (ø) split between two chunks.
    const bytes = new TextEncoder().encode('event: status.changed\ndata: {"reason":"bløt"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    stream.sendBytes(bytes.slice(0, cut));
    stream.sendBytes(bytes.slice(cut));
    stream.send('event: job.updated\ndata: not json\n\n'); // ignored, stream survives
    stream.send('event: job.updated\ndata: {"id":3,"type":"y","status":"queued"}\n\n');

    await vi.waitFor(() => expect(jobs).toHaveLength(3));
    expect(jobs).toEqual([
      { id: 1, type: 'store.backup', status: 'done' },
      { id: 2, type: 'x', status: 'dead' },
      { id: 3, type: 'y', status: 'queued' },
    ]);
    expect(changes).toEqual([{ reason: 'bløt' }]);
  });

  it('stops delivering to an unsubscribed listener', async () => {
    const stream = controlledStream();
    bridge = createHttpBridge({ token: 't', fetch: (async () => new Response(stream.body)) as typeof fetch });
    const seen: unknown[] = [];
    const off = bridge.on('status.changed', (p) => seen.push(p));
    const keep: unknown[] = [];
    bridge.on('status.changed', (p) => keep.push(p));
    stream.send('event: status.changed\ndata: {"reason":"a"}\n\n');
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    off();
    stream.send('event: status.changed\ndata: {"reason":"b"}\n\n');
    await vi.waitFor(() => expect(keep).toHaveLength(2));
    expect(seen).toEqual([{ reason: 'a' }]);
  });

  it('reconnects with backoff when the stream ends or fails, and asks screens to refetch', async () => {
    const first = controlledStream();
    const second = controlledStream();
    const attempts: number[] = [];
    let n = 0;
    const fetchStub = async () => {
      attempts.push(Date.now());
      n++;
      if (n === 1) return new Response(first.body);
      if (n === 2) throw new TypeError('connection refused');
      if (n === 3) return new Response('busy', { status: 503 });
      return new Response(second.body);
    };
    bridge = createHttpBridge({ token: 't', fetch: fetchStub as typeof fetch, retryInitialMs: 20, retryMaxMs: 1000 });
    const changes: unknown[] = [];
    const jobs: unknown[] = [];
    bridge.on('status.changed', (p) => changes.push(p));
    bridge.on('job.updated', (p) => jobs.push(p));

    await vi.waitFor(() => expect(n).toBe(1));
    first.send('event: job.updated\ndata: {"id":1,"type":"a","status":"done"}\n\n');
    await vi.waitFor(() => expect(jobs).toHaveLength(1));
    expect(changes).toEqual([]); // the first connection is not a reconnect
    first.end();

    await vi.waitFor(() => expect(n).toBe(4), { timeout: 2000 });
    // Backoff grows between failed attempts (20 ms, 40 ms, 80 ms).
    expect(attempts[3]! - attempts[2]!).toBeGreaterThanOrEqual(attempts[2]! - attempts[1]! - 5);
    expect(attempts[3]! - attempts[2]!).toBeGreaterThanOrEqual(60);
    await vi.waitFor(() => expect(changes).toEqual([{ reason: 'reconnected' }]));
    second.send('event: job.updated\ndata: {"id":2,"type":"b","status":"done"}\n\n');
    await vi.waitFor(() => expect(jobs).toHaveLength(2));
  });

  it('close() stops reconnecting', async () => {
    let n = 0;
    bridge = createHttpBridge({
      token: 't',
      fetch: (async () => {
        n++;
        throw new TypeError('down');
      }) as typeof fetch,
      retryInitialMs: 10,
    });
    bridge.on('job.updated', () => {});
    await vi.waitFor(() => expect(n).toBeGreaterThanOrEqual(2));
    bridge.close();
    const after = n;
    await new Promise((r) => setTimeout(r, 100));
    expect(n).toBe(after);
  });
});
