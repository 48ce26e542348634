import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { outgoingLetter } from '../helpers/correspondence-fixture';
import { failure } from '../helpers/integration-error';
import type { OutgoingCorrespondence } from '../../electron/core/ports/correspondence.port';
import { ALTINN3_CORRESPONDENCE_SCOPES, createAltinn3CorrespondenceAdapter } from '../../integrations/altinn/altinn3-correspondence.adapter';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { createSimClock, NEVER_READ_EVENT, startAltinnSimulator, type AltinnSimulator, type SimClock } from '../../integrations/altinn/simulator/altinn-simulator';

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const DAY = 86_400_000;
const FNR = '01017000027';
const RESERVED_FNR = '01017000108';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let sim: AltinnSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(opts: { timeoutMs?: number } = {}) {
  const clock: SimClock = createSimClock(() => T0);
  sim = await startAltinnSimulator({
    org: 'kommune',
    orgNumber: '910000001',
    clients: [
      { clientId: 'postmottak', kid: 'kid-1', publicKeyPem: publicPem, scopes: ['altinn:serviceowner', 'altinn:correspondence.write'] },
      { clientId: 'reader', kid: 'kid-2', publicKeyPem: publicPem, scopes: ['altinn:serviceowner'] },
    ],
    clock,
    control: true,
  });
  const s = sim;
  const tokens = createAltinnTokenProvider(
    { tokenUrl: `${s.url}/token`, audience: `${s.url}/`, clientId: 'postmottak', kid: 'kid-1', scope: ALTINN3_CORRESPONDENCE_SCOPES, privateKeyPem: privatePem, timeoutMs: 5000 },
    `${s.url}/authentication/api/v1/exchange/maskinporten`,
    () => clock.now(),
  );
  const adapter = createAltinn3CorrespondenceAdapter({ platformUrl: s.url, timeoutMs: opts.timeoutMs ?? 5000 }, { tokens, now: () => clock.now() });
  // a client without altinn:correspondence.write
  const readerTokens = createAltinnTokenProvider(
    { tokenUrl: `${s.url}/token`, audience: `${s.url}/`, clientId: 'reader', kid: 'kid-2', scope: 'altinn:serviceowner', privateKeyPem: privatePem, timeoutMs: 5000 },
    `${s.url}/authentication/api/v1/exchange/maskinporten`,
    () => clock.now(),
  );
  const unauthorised = createAltinn3CorrespondenceAdapter({ platformUrl: s.url, timeoutMs: 5000 }, { tokens: readerTokens });
  return { sim: s, clock, adapter, unauthorised, corr: s.state.correspondence };
}



const letter = (n: number, over: Partial<OutgoingCorrespondence> = {}): OutgoingCorrespondence => outgoingLetter(n, T0, over);

describe('Altinn 3 Correspondence adapter against the simulator', () => {
  it('sends a reply with its letter, texts, due date and notification', async () => {
    const { adapter, corr } = await setup();
    const r = await adapter.send(letter(1));
    expect(r).toMatchObject({ outcome: 'sent', at: T0 });
    if (r.outcome !== 'sent') return;
    const c = corr.get(r.correspondenceId)!;
    expect(c).toMatchObject({ resourceId: 'kommune-svar-permisjon', sendersReference: 'svar-1', recipient: `urn:altinn:person:identifier-no:${FNR}`, dueDateTime: T0 + 10 * DAY, messageSender: 'Eksempel kommune' });
    // multipart/form-data sends line breaks as CRLF, as a browser form does
    expect({ ...c.content, body: c.content.body.replace(/\r\n/g, '\n') }).toEqual({ language: 'nb', title: 'Vedtak om permisjon', summary: 'Søknaden er innvilget', body: '# Vedtak\n\nSøknaden din er **innvilget**.' });
    expect(c.attachments).toHaveLength(1);
    expect(c.attachments[0]).toMatchObject({ fileName: 'vedtak.pdf', displayName: 'Vedtak', contentType: 'application/pdf' });
    expect(c.attachments[0]!.bytes.toString()).toBe('%PDF-1.7 vedtak 1');
    expect(c.notification).toMatchObject({ channel: 'EmailPreferred', sendReminder: true, emailSubject: 'Du har fått svar', smsBody: 'Du har fått svar i Altinn.' });
  });

  it('a KRR-reserved person gives outcome reserved (422 / 1030), with no number in the message', async () => {
    const { adapter, corr } = await setup();
    corr.reserve(RESERVED_FNR);
    const r = await adapter.send(letter(2, { recipient: { personNumber: RESERVED_FNR } }));
    expect(r.outcome).toBe('reserved');
    expect(JSON.stringify(r)).not.toContain(RESERVED_FNR);
    expect(corr.count()).toBe(0);
  });

  it('a retry with the same idempotentKey (409 / 1034) returns the same correspondence; still exactly one', async () => {
    const { adapter, corr } = await setup();
    const a = await adapter.send(letter(3));
    const b = await adapter.send(letter(3));
    expect(b).toEqual(a);
    expect(corr.count()).toBe(1);
  });

  it('an answer lost after Altinn created it (dropped connection, or 500 after the fact): the retry finds the one correspondence', async () => {
    const { sim: s, adapter, corr } = await setup();
    s.setFaults({ correspondence: { dropAfterRate: 1 } });
    expect((await failure(adapter.send(letter(4)))).kind).toBe('transient');
    expect(corr.count()).toBe(1);
    s.setFaults({ correspondence: { errorAfterRate: 1 } });
    expect((await failure(adapter.send(letter(4)))).kind).toBe('transient'); // 409 hidden behind a 500
    s.setFaults({});
    const r = await adapter.send(letter(4));
    expect(r).toMatchObject({ outcome: 'sent', correspondenceId: corr.all()[0]!.id });
    expect(corr.count()).toBe(1);
  });

  it('classifies 5xx and timeouts as transient, 429 as rate-limited, 403 as auth', async () => {
    const { sim: s, adapter, unauthorised } = await setup({ timeoutMs: 300 });
    expect((await failure(unauthorised.send(letter(5)))).kind).toBe('auth');
    s.setFaults({ correspondence: { errorRate: 1 } });
    expect((await failure(adapter.send(letter(5)))).kind).toBe('transient');
    s.setFaults({ correspondence: { latencyMs: 1000 } });
    const t = await failure(adapter.send(letter(5)));
    expect(t.kind).toBe('transient');
    expect(t.message).toMatch(/tidsavbrudd/);
    s.setFaults({ correspondence: { rateLimitRate: 1, retryAfterSec: 9 } });
    expect(await failure(adapter.send(letter(5)))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 9000 });
    s.setFaults({ 'correspondence-status': { errorRate: 1 } });
    expect((await failure(adapter.status([{ correspondenceId: '00000000-0000-4000-8000-000000000000', sendersReference: 'x' }]))).kind).toBe('transient');
  });

  it('a refused request is validation, with Altinn’s title, detail and errorCode, and no fødselsnummer', async () => {
    const { adapter } = await setup();
    const bad = await failure(adapter.send(letter(6, { recipient: { personNumber: '01017012345' } }))); // checksum wrong
    expect(bad.kind).toBe('validation');
    expect(bad.message).toMatch(/errorCode 1008/);
    expect(bad.message).not.toMatch(/\d{11}/);
    const noTitle = await failure(adapter.send(letter(7, { title: '' })));
    expect(noTitle.kind).toBe('validation');
    expect(noTitle.message).toMatch(/MessageTitle/);
  });

  it('status: published, read by the `read` timestamp, notifications; unknown ids are left out', async () => {
    const { adapter, corr, clock } = await setup();
    const r = await adapter.send(letter(8));
    if (r.outcome !== 'sent') throw new Error('not sent');
    const ref = { correspondenceId: r.correspondenceId, sendersReference: 'svar-8' };
    clock.advance(60_000);
    let [st] = await adapter.status([ref, { correspondenceId: '00000000-0000-4000-8000-000000000000', sendersReference: 'nope' }]);
    expect(st).toMatchObject({ correspondenceId: r.correspondenceId, published: T0, read: null, failed: null });
    expect(st!.notifications).toEqual([{ at: T0, reminder: false, channel: 'email', ok: true }]);
    clock.advance(DAY);
    expect(corr.markRead(r.correspondenceId)).toBe(true);
    [st] = await adapter.status([ref]);
    expect(st!.read).toBe(T0 + 60_000 + DAY);
  });

  it('read is detected when the top-level status has moved on to Confirmed / Archived', async () => {
    const { sim: s, adapter, clock } = await setup();
    const r = await adapter.send(letter(9));
    if (r.outcome !== 'sent') throw new Error('not sent');
    clock.advance(3_600_000);
    // the recipient reads it through the API, then confirms and archives
    const post = (p: string, body?: unknown) => fetch(`${s.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    expect((await post(`/_sim/correspondence/${r.correspondenceId}/read`)).status).toBe(200);
    clock.advance(60_000);
    expect((await post(`/_sim/correspondence/${r.correspondenceId}/status`, { status: 'Confirmed' })).status).toBe(200);
    expect((await post(`/_sim/correspondence/${r.correspondenceId}/status`, { status: 'Archived' })).status).toBe(200);
    const overview = s.state.correspondence.get(r.correspondenceId)!;
    expect(overview.statusHistory.at(-1)?.status).toBe('Archived');
    const [st] = await adapter.status([{ correspondenceId: r.correspondenceId, sendersReference: 'svar-9' }]);
    expect(st!.read).toBe(T0 + 3_600_000);
  });

  it('the reminder goes at day 7 only when unread; the never-read event fires at the due date only when unread', async () => {
    const { adapter, corr, clock } = await setup();
    const unread = await adapter.send(letter(10));
    const read = await adapter.send(letter(11));
    if (unread.outcome !== 'sent' || read.outcome !== 'sent') throw new Error('not sent');
    clock.advance(2 * DAY);
    corr.markRead(read.correspondenceId);
    clock.advance(5 * DAY - 1);
    const [early] = await adapter.status([{ correspondenceId: unread.correspondenceId, sendersReference: 'svar-10' }]);
    expect(early!.notifications.filter((n) => n.reminder)).toEqual([]);
    clock.advance(1);
    const [u, r] = await adapter.status([
      { correspondenceId: unread.correspondenceId, sendersReference: 'svar-10' },
      { correspondenceId: read.correspondenceId, sendersReference: 'svar-11' },
    ]);
    expect(u!.notifications.filter((n) => n.reminder)).toEqual([{ at: T0 + 7 * DAY, reminder: true, channel: 'email', ok: true }]);
    expect(r!.notifications.filter((n) => n.reminder)).toEqual([]);
    expect(corr.events().filter((e) => e.type === NEVER_READ_EVENT)).toEqual([]);
    clock.advance(3 * DAY);
    const neverRead = corr.events().filter((e) => e.type === NEVER_READ_EVENT);
    expect(neverRead.map((e) => [e.correspondenceId, e.time])).toEqual([[unread.correspondenceId, T0 + 10 * DAY]]);
  });

  it('gets a new token when the clock has moved past the old one', async () => {
    const { adapter, clock, sim: s } = await setup();
    await adapter.send(letter(12));
    clock.advance(2 * 3_600_000);
    await adapter.send(letter(13));
    expect(s.state.requestCount('token')).toBe(2);
  });
});
