import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { outgoingLetter } from '../helpers/correspondence-fixture';
import { failure } from '../helpers/integration-error';
import type { CorrespondenceEvent, CorrespondencePort, OutgoingCorrespondence } from '../../electron/core/ports/correspondence.port';
import {
  ALTINN3_CORRESPONDENCE_EVENT_SCOPES,
  ALTINN3_CORRESPONDENCE_SCOPES,
  createAltinn3CorrespondenceAdapter,
} from '../../integrations/altinn/altinn3-correspondence.adapter';
import { correspondenceEventKind, toCorrespondenceEvent } from '../../integrations/altinn/altinn3-correspondence.mapper';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { createSimClock, startAltinnSimulator, type AltinnSimulator, type SimClock } from '../../integrations/altinn/simulator/altinn-simulator';

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const DAY = 86_400_000;
const RESOURCE = 'kommune-svar-permisjon';
const PREFIX = 'no.altinn.correspondence.';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let sim: AltinnSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(opts: { timeoutMs?: number; pageSize?: number } = {}) {
  const clock: SimClock = createSimClock(() => T0);
  sim = await startAltinnSimulator({
    org: 'kommune',
    orgNumber: '910000001',
    clients: [
      { clientId: 'postmottak', kid: 'kid-1', publicKeyPem: publicPem, scopes: ['altinn:serviceowner', 'altinn:correspondence.write', 'altinn:events.subscribe'] },
      { clientId: 'sender-only', kid: 'kid-2', publicKeyPem: publicPem, scopes: ['altinn:serviceowner', 'altinn:correspondence.write'] },
    ],
    clock,
  });
  const s = sim;
  const provider = (clientId: string, kid: string, scope: string) =>
    createAltinnTokenProvider(
      { tokenUrl: `${s.url}/token`, audience: `${s.url}/`, clientId, kid, scope, privateKeyPem: privatePem, timeoutMs: 5000 },
      `${s.url}/authentication/api/v1/exchange/maskinporten`,
      () => clock.now(),
    );
  const tokens = provider('postmottak', 'kid-1', ALTINN3_CORRESPONDENCE_EVENT_SCOPES);
  const events = { resourceId: RESOURCE, ...(opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {}) };
  const adapter = createAltinn3CorrespondenceAdapter({ platformUrl: s.url, timeoutMs: opts.timeoutMs ?? 5000, events }, { tokens, now: () => clock.now() });
  // the scope string of a sender that never asked for altinn:events.subscribe
  const senderOnly = createAltinn3CorrespondenceAdapter({ platformUrl: s.url, timeoutMs: 5000, events }, { tokens: provider('sender-only', 'kid-2', ALTINN3_CORRESPONDENCE_SCOPES) });
  return { sim: s, clock, adapter, senderOnly, tokens, corr: s.state.correspondence };
}

const letter = (n: number, over: Partial<OutgoingCorrespondence> = {}): OutgoingCorrespondence => outgoingLetter(n, T0, over);

async function sendOne(adapter: CorrespondencePort, n: number, over: Partial<OutgoingCorrespondence> = {}): Promise<string> {
  const r = await adapter.send(letter(n, over));
  if (r.outcome !== 'sent') throw new Error(`not sent: ${r.outcome}`);
  return r.correspondenceId;
}

/** Everything from the start, following `next` until an empty page. */
async function drain(adapter: CorrespondencePort, after: string | null = null): Promise<{ items: CorrespondenceEvent[]; pages: number; cursor: string | null }> {
  const items: CorrespondenceEvent[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const page = await adapter.events!(cursor);
    pages++;
    if (page.next === null) {
      expect(page.items).toEqual([]);
      return { items, pages, cursor };
    }
    items.push(...page.items);
    cursor = page.next;
    if (pages > 100) throw new Error('no end to the pages');
  }
}

/** The read: the recipient opens the content over HTTP, as the inbox does. */
async function openContent(s: AltinnSimulator, token: string, id: string): Promise<void> {
  const res = await fetch(`${s.url}/correspondence/api/v1/correspondence/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  await res.text();
}

describe('Altinn Events for correspondences (adapter against the simulator)', () => {
  it('published ×2, read ×1 with its id and time, never-read ×1 for the unread one; only our resource', async () => {
    const { sim: s, clock, adapter, tokens } = await setup();
    const a = await sendOne(adapter, 1);
    const b = await sendOne(adapter, 2);
    await sendOne(adapter, 3, { resourceId: 'kommune-annen-tjeneste' });
    clock.advance(DAY);
    await openContent(s, await tokens.token(), b);
    clock.set(T0 + 10 * DAY + 1);

    const { items } = await drain(adapter);
    const of = (kind: CorrespondenceEvent['kind']) => items.filter((e) => e.kind === kind);
    expect(of('published').map((e) => [e.correspondenceId, e.at])).toEqual([
      [a, T0],
      [b, T0],
    ]);
    expect(of('read').map((e) => [e.correspondenceId, e.at])).toEqual([[b, T0 + DAY]]);
    expect(of('never-read').map((e) => [e.correspondenceId, e.at])).toEqual([[a, T0 + 10 * DAY]]);
    // the main notification for both and the reminder only for the unread one
    expect(of('notified').map((e) => [e.correspondenceId, e.at])).toEqual([
      [a, T0],
      [b, T0],
      [a, T0 + 7 * DAY],
    ]);
    expect(of('failed')).toEqual([]);
    expect(items.every((e) => e.correspondenceId === a || e.correspondenceId === b)).toBe(true);
    // ids are unique and the order is the log's (oldest first)
    expect(new Set(items.map((e) => e.id)).size).toBe(items.length);
    const simIds = s.state.correspondence
      .events()
      .filter((e) => e.resourceId === RESOURCE)
      .map((e) => e.id);
    expect(items.map((e) => e.id)).toEqual(simIds);
  });

  it('pages with a small page size: every event exactly once, and continuing from next picks up new ones only', async () => {
    const { clock, adapter, corr } = await setup({ pageSize: 2 });
    const a = await sendOne(adapter, 1);
    const b = await sendOne(adapter, 2);
    clock.advance(DAY);
    corr.markRead(b);
    clock.set(T0 + 10 * DAY + 1);
    const expected = corr.events().filter((e) => e.resourceId === RESOURCE);
    expect(expected.length).toBe(7); // published ×2, notified ×3 (main ×2, a's reminder), read, never-read

    const first = await drain(adapter);
    expect(first.items.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(first.pages).toBe(Math.ceil(expected.length / 2) + 1);

    // nothing new: an empty page and no cursor
    expect(await adapter.events!(first.items.at(-1)!.id)).toEqual({ items: [], next: null });

    // a failure later: only that one comes after the cursor
    corr.setStatus(a, 'Failed', 'Failed');
    const later = await drain(adapter, first.items.at(-1)!.id);
    expect(later.items).toMatchObject([{ kind: 'failed', correspondenceId: a }]);
  });

  it('is undefined when events are not configured', async () => {
    const { sim: s, tokens } = await setup();
    const plain = createAltinn3CorrespondenceAdapter({ platformUrl: s.url, timeoutMs: 5000 }, { tokens });
    expect(plain.events).toBeUndefined();
  });

  it('a token without altinn:events.subscribe is auth; 5xx and timeouts transient; 429 rate-limited', async () => {
    const { sim: s, adapter, senderOnly } = await setup({ timeoutMs: 300 });
    await sendOne(adapter, 1);
    expect((await failure(senderOnly.events!(null))).kind).toBe('auth');
    s.setFaults({ events: { errorRate: 1 } });
    expect((await failure(adapter.events!(null))).kind).toBe('transient');
    s.setFaults({ events: { latencyMs: 1000 } });
    expect((await failure(adapter.events!(null))).kind).toBe('transient');
    s.setFaults({ events: { rateLimitRate: 1, retryAfterSec: 7 } });
    expect(await failure(adapter.events!(null))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    s.setFaults({});
    expect((await adapter.events!(null)).items).toHaveLength(2); // published and notified
  });
});

describe('the simulator’s correspondence events endpoint', () => {
  it('serves CloudEvents for urn:altinn:resource:{resourceId}, filters by type, pages with the next header', async () => {
    const { sim: s, adapter, tokens, clock, corr } = await setup();
    const a = await sendOne(adapter, 1);
    const b = await sendOne(adapter, 2);
    clock.advance(DAY);
    corr.markRead(a);
    const token = await tokens.token();
    const get = (q: string) => fetch(`${s.url}/events/api/v1/events?${q}`, { headers: { authorization: `Bearer ${token}` } });

    const res = await get(`resource=urn:altinn:resource:${RESOURCE}&after=0&type=${PREFIX}correspondencepublished&size=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/cloudevents+json');
    const page = (await res.json()) as Record<string, string>[];
    expect(page).toEqual([
      {
        id: expect.any(String),
        resource: `urn:altinn:resource:${RESOURCE}`,
        resourceinstance: a,
        source: `${s.url}/correspondence/api/v1/correspondence`,
        specversion: '1.0',
        type: `${PREFIX}correspondencepublished`,
        subject: 'urn:altinn:person:identifier-no:01017000027',
        alternativesubject: '/person/01017000027',
        time: new Date(T0).toISOString(),
      },
    ]);
    const next = res.headers.get('next') ?? '';
    expect(next).toContain(`after=${page[0]!.id}`);
    const second = (await (await fetch(next, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, string>[];
    expect(second.map((e) => [e.type, e.resourceinstance])).toEqual([[`${PREFIX}correspondencepublished`, b]]);

    // the read event's subject is the sender
    const read = (await (await get(`resource=urn:altinn:resource:${RESOURCE}&after=0&type=${PREFIX}correspondencereceiverread`)).json()) as Record<string, string>[];
    expect(read).toMatchObject([{ resourceinstance: a, subject: 'urn:altinn:organization:identifier-no:910000001', time: new Date(T0 + DAY).toISOString() }]);

    // an id never issued starts from the beginning; an empty page has no next header
    const all = (await (await get(`resource=urn:altinn:resource:${RESOURCE}&after=nope`)).json()) as unknown[];
    expect(all.length).toBe(corr.events().length);
    const empty = await get(`resource=urn:altinn:resource:ingen-slik&after=0`);
    expect(await empty.json()).toEqual([]);
    expect(empty.headers.get('next')).toBeNull();

    expect((await get(`resource=urn:altinn:resource:${RESOURCE}`)).status).toBe(400); // after is required
    expect((await get(`resource=${RESOURCE}&after=0`)).status).toBe(400);
  });
});

describe('CloudEvent mapping', () => {
  it('maps the correspondence event types to kinds; unknown and foreign types are other', () => {
    expect(correspondenceEventKind(`${PREFIX}correspondencepublished`)).toBe('published');
    expect(correspondenceEventKind(`${PREFIX}correspondencereceiverread`)).toBe('read');
    expect(correspondenceEventKind(`${PREFIX}correspondencereceiverneverread`)).toBe('never-read');
    expect(correspondenceEventKind(`${PREFIX}correspondencenotificationdelivered`)).toBe('notified');
    expect(correspondenceEventKind(`${PREFIX}correspondencepublishfailed`)).toBe('failed');
    expect(correspondenceEventKind(`${PREFIX}correspondencereceiverreserved`)).toBe('failed');
    expect(correspondenceEventKind(`${PREFIX}correspondencenotificationfailed`)).toBe('other');
    expect(correspondenceEventKind('app.instance.process.completed')).toBe('other');
    expect(toCorrespondenceEvent({ id: 'e1', type: `${PREFIX}correspondencereceiverread`, resourceinstance: 'c1', time: '2026-12-01T08:00:00Z' })).toEqual({
      id: 'e1',
      kind: 'read',
      correspondenceId: 'c1',
      at: Date.UTC(2026, 11, 1, 8),
    });
    expect(toCorrespondenceEvent({ id: 'e2', type: `${PREFIX}correspondencepublished`, time: '2026-12-01T08:00:00Z' })).toBeNull();
    expect(toCorrespondenceEvent({ id: 'e3', resourceinstance: 'c1', time: 'not a time' })).toBeNull();
  });
});
