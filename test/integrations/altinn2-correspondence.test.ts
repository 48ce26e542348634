import { afterEach, describe, expect, it } from 'vitest';
import { outgoingLetter } from '../helpers/correspondence-fixture';
import { failure } from '../helpers/integration-error';
import type { OutgoingCorrespondence } from '../../electron/core/ports/correspondence.port';
import { createAltinn2CorrespondenceAdapter } from '../../integrations/altinn/altinn2-correspondence.adapter';
import { createSimClock, startAltinnSimulator, type AltinnSimulator, type SimClock } from '../../integrations/altinn/simulator/altinn-simulator';
import { CORRESPONDENCE_AGENCY_PATH, correspondenceAgencyExtension } from '../../integrations/altinn/simulator/correspondence-agency.simulator';

const T0 = Date.UTC(2026, 4, 4, 8, 0, 0);
const DAY = 86_400_000;
const FNR = '01017000027';
const USER = 'kommune-sys';
const PASSWORD = 'hemmelig-passord';
const CODE = 'KOMMUNE';

let sim: AltinnSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(over: { password?: string; timeoutMs?: number } = {}) {
  const clock: SimClock = createSimClock(() => T0);
  sim = await startAltinnSimulator({
    org: 'kommune',
    orgNumber: '910000001',
    clients: [],
    clock,
    extensions: [correspondenceAgencyExtension({ systemUserName: USER, systemPassword: PASSWORD, systemUserCode: CODE })],
  });
  const adapter = createAltinn2CorrespondenceAdapter(
    { url: `${sim.url}${CORRESPONDENCE_AGENCY_PATH}`, systemUserName: USER, systemPassword: over.password ?? PASSWORD, systemUserCode: CODE, timeoutMs: over.timeoutMs ?? 5000 },
    { clock },
  );
  return { sim, clock, adapter, corr: sim.state.correspondence };
}



const letter = (n: number, over: Partial<OutgoingCorrespondence> = {}): OutgoingCorrespondence => outgoingLetter(n, T0, { altinn2Service: { serviceCode: '4711', serviceEdition: 1 }, language: 'nn', summary: 'Søknaden er innvilga', body: 'Søknaden din er innvilga. <b>&</b>', notification: { emailSubject: 'Du har fått svar', emailBody: 'Logg inn i Altinn.', sms: 'Svar i Altinn.' }, ...over });

describe('Altinn 2 Correspondence adapter against the simulator (SOAP, WSDL-validated)', () => {
  it('inserts a correspondence with content, attachment and notification in WSDL order', async () => {
    const { adapter, corr } = await setup();
    const r = await adapter.send(letter(1));
    expect(r).toEqual({ outcome: 'sent', correspondenceId: '4711/1/1000001', at: T0 });
    const [c] = corr.all();
    expect(c).toMatchObject({ transport: 'altinn2', altinn2Id: 1_000_001, sendersReference: 'svar-1', recipient: FNR, dueDateTime: T0 + 10 * DAY, messageSender: 'Eksempel kommune' });
    expect(c!.altinn2Service).toEqual({ serviceCode: '4711', serviceEdition: '1' });
    expect(c!.content).toEqual({ language: 'nn', title: 'Vedtak om permisjon', summary: 'Søknaden er innvilga', body: 'Søknaden din er innvilga. <b>&</b>' });
    expect(c!.attachments[0]!.bytes.toString()).toBe('%PDF-1.7 vedtak 1');
    expect(c!.notification).toMatchObject({ channel: 'EmailAndSms', sendReminder: true, emailSubject: 'Du har fått svar', emailBody: 'Logg inn i Altinn.', smsBody: 'Svar i Altinn.' });
  });

  it('the same SendersReference is not inserted twice', async () => {
    const { adapter, corr } = await setup();
    const a = await adapter.send(letter(2));
    const b = await adapter.send(letter(2));
    expect(b).toEqual(a);
    expect(corr.count()).toBe(1);
  });

  it('an insert whose answer was lost is found, not repeated, on the retry', async () => {
    const { sim: s, adapter, corr } = await setup();
    s.setFaults({ extensions: { InsertCorrespondenceBasicV2: { dropAfterRate: 1 } } });
    expect((await failure(adapter.send(letter(3)))).kind).toBe('transient');
    expect(corr.count()).toBe(1);
    s.setFaults({});
    expect(await adapter.send(letter(3))).toMatchObject({ outcome: 'sent', correspondenceId: '4711/1/1000001' });
    expect(corr.count()).toBe(1);
  });

  it('status: Read from the first StatusChange of type Read; notifications, and the reminder only when unread', async () => {
    const { adapter, corr, clock } = await setup();
    const a = await adapter.send(letter(4));
    const b = await adapter.send(letter(5));
    if (a.outcome !== 'sent' || b.outcome !== 'sent') throw new Error('not sent');
    clock.advance(DAY);
    corr.markRead(corr.all().find((c) => c.sendersReference === 'svar-5')!.id);
    clock.advance(6 * DAY);
    const [sa, sb] = await adapter.status([
      { correspondenceId: a.correspondenceId, sendersReference: 'svar-4' },
      { correspondenceId: b.correspondenceId, sendersReference: 'svar-5' },
      { correspondenceId: '4711/1/999', sendersReference: 'ukjent' },
    ]);
    expect(sa).toMatchObject({ correspondenceId: a.correspondenceId, published: T0, read: null, failed: null });
    expect(sb).toMatchObject({ correspondenceId: b.correspondenceId, read: T0 + DAY });
    expect(sa!.notifications).toEqual([
      { at: T0, reminder: false, channel: 'email', ok: true },
      { at: T0, reminder: false, channel: 'sms', ok: true },
      { at: T0 + 7 * DAY, reminder: true, channel: 'email', ok: true },
      { at: T0 + 7 * DAY, reminder: true, channel: 'sms', ok: true },
    ]);
    expect(sb!.notifications.every((n) => !n.reminder)).toBe(true);
  });

  it('maps faults: reserved recipient, bad credentials, invalid reportee, server faults and timeouts', async () => {
    const { sim: s, adapter, corr } = await setup({ timeoutMs: 400 });
    corr.reserve('01017000108');
    const reserved = await adapter.send(letter(6, { recipient: { personNumber: '01017000108' } }));
    expect(reserved.outcome).toBe('reserved');
    expect(JSON.stringify(reserved)).not.toContain('01017000108');

    const invalid = await failure(adapter.send(letter(7, { recipient: { personNumber: '01017012345' } })));
    expect(invalid.kind).toBe('validation');
    expect(invalid.message).toMatch(/AltinnFault 30101/);
    expect(invalid.message).not.toMatch(/\d{11}/);

    s.setFaults({ extensions: { InsertCorrespondenceBasicV2: { errorRate: 1 } } });
    expect((await failure(adapter.send(letter(8)))).kind).toBe('transient');
    s.setFaults({ extensions: { GetCorrespondenceStatusDetailsBasicV3: { latencyMs: 1500 } } });
    expect((await failure(adapter.send(letter(8)))).kind).toBe('transient');
    s.setFaults({});

    const noService = await failure(adapter.send(letter(9, { altinn2Service: undefined })));
    expect(noService.kind).toBe('permanent');

    const { adapter: wrong } = await setup({ password: 'feil-passord' });
    const auth = await failure(wrong.send(letter(10)));
    expect(auth.kind).toBe('auth');
    expect(auth.message).not.toContain('feil-passord');
  });
});
