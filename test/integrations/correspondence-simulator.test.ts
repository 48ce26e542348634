import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { createSimClock, CorrespondenceSimState, NEVER_READ_EVENT, startAltinnSimulator, type AltinnSimulator, type SimClock } from '../../integrations/altinn/simulator/altinn-simulator';
import { CORRESPONDENCE_AGENCY_PATH, correspondenceAgencyExtension } from '../../integrations/altinn/simulator/correspondence-agency.simulator';
import { isValidOrgNumber, isValidPersonNumber } from '../../integrations/altinn/simulator/correspondence-sim-state';

const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const DAY = 86_400_000;
const FNR = '01017000027';
const FNR2 = '01017000299';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const BASE = '/correspondence/api/v1/correspondence';

let sim: AltinnSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(withControl = true) {
  const clock: SimClock = createSimClock(() => T0);
  sim = await startAltinnSimulator({
    org: 'kommune',
    orgNumber: '910000001',
    clients: [{ clientId: 'postmottak', kid: 'kid-1', publicKeyPem: publicPem, scopes: ['altinn:serviceowner', 'altinn:correspondence.write'] }],
    clock,
    control: withControl,
    extensions: [correspondenceAgencyExtension({ systemUserName: 'sys', systemPassword: 'pw' })],
  });
  const s = sim;
  const tokens = createAltinnTokenProvider(
    { tokenUrl: `${s.url}/token`, audience: `${s.url}/`, clientId: 'postmottak', kid: 'kid-1', scope: 'altinn:serviceowner altinn:correspondence.write', privateKeyPem: privatePem, timeoutMs: 5000 },
    `${s.url}/authentication/api/v1/exchange/maskinporten`,
    () => clock.now(),
  );
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokens.token()}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };
  return { sim: s, clock, api, control, corr: s.state.correspondence };
}

function request(over: { recipients?: string[]; idempotentKey?: string; correspondence?: Record<string, unknown>; notification?: Record<string, unknown> | null } = {}) {
  const notification =
    over.notification === null
      ? undefined
      : { notificationTemplate: 'CustomMessage', notificationChannel: 'Email', emailSubject: 'Svar', emailBody: 'Du har fått svar', sendReminder: true, reminderEmailSubject: 'Påminnelse', reminderEmailBody: 'Husk svaret', ...over.notification };
  return {
    correspondence: {
      resourceId: 'kommune-svar',
      sendersReference: 'ref-1',
      content: { language: 'nb', messageTitle: 'Vedtak', messageSummary: 'Kort', messageBody: 'Tekst' },
      dueDateTime: new Date(T0 + 10 * DAY).toISOString(),
      notification,
      ...over.correspondence,
    },
    recipients: over.recipients ?? [FNR],
    ...(over.idempotentKey ? { idempotentKey: over.idempotentKey } : {}),
  };
}

describe('Correspondence simulator (Altinn 3 REST)', () => {
  it('validates required fields, lengths, recipients (fnr checksum), notification texts and idempotentKey use', async () => {
    const { api } = await setup();
    const noTitle = await api('POST', BASE, request({ correspondence: { content: { messageBody: 'x' } } }));
    expect(noTitle.status).toBe(400);
    expect(Object.keys(noTitle.json.errors as object)).toContain('Correspondence.Content.MessageTitle');
    const long = await api('POST', BASE, request({ correspondence: { content: { messageTitle: 'x'.repeat(256), messageBody: 'x' } } }));
    expect(long.status).toBe(400);
    expect((await api('POST', BASE, request({ recipients: ['01017012345'] }))).json).toMatchObject({ status: 400, errorCode: 1008 });
    expect((await api('POST', BASE, request({ recipients: ['0192:974760673'] }))).status).toBe(200);
    expect((await api('POST', BASE, request({ recipients: ['0192:974760674'] }))).json).toMatchObject({ errorCode: 1008 });
    expect((await api('POST', BASE, request({ recipients: [FNR, `urn:altinn:person:identifier-no:${FNR}`] }))).json).toMatchObject({ errorCode: 1009 });
    expect((await api('POST', BASE, request({ notification: { emailSubject: undefined } }))).json).toMatchObject({ errorCode: 3002 });
    expect((await api('POST', BASE, request({ notification: { notificationChannel: 'EmailPreferred' } }))).json).toMatchObject({ errorCode: 3003 });
    expect((await api('POST', BASE, request({ notification: { notificationChannel: undefined } }))).json).toMatchObject({ errorCode: 3006 });
    const twoWithKey = await api('POST', BASE, request({ recipients: [FNR, FNR2], idempotentKey: '11111111-1111-4111-8111-111111111111' }));
    expect(twoWithKey.json).toMatchObject({ errorCode: 1047 });
  });

  it('422/1030 for one reserved person, Reserved status among several; 409/1034 for a repeated idempotentKey', async () => {
    const { api, corr } = await setup();
    corr.reserve(FNR2);
    const one = await api('POST', BASE, request({ recipients: [FNR2] }));
    expect(one.status).toBe(422);
    expect(one.json).toMatchObject({ errorCode: 1030 });
    expect(JSON.stringify(one.json)).not.toContain(FNR2);
    const many = await api('POST', BASE, request({ recipients: [FNR, FNR2] }));
    expect(many.status).toBe(200);
    expect((many.json.correspondences as { status: string }[]).map((c) => c.status)).toEqual(['ReadyForPublish', 'Reserved']);
    const key = '22222222-2222-4222-8222-222222222222';
    expect((await api('POST', BASE, request({ idempotentKey: key }))).status).toBe(200);
    const again = await api('POST', BASE, request({ idempotentKey: key }));
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ errorCode: 1034 });
    expect((await api('GET', `${BASE}?resourceId=kommune-svar&role=Sender&idempotentKey=${key}`)).json.ids).toHaveLength(1);
  });

  it('status machine: published at the requested time; Read then Confirmed shows Confirmed with read set; Fetched never shows', async () => {
    const { api, control, clock } = await setup();
    const created = await api('POST', BASE, request({ correspondence: { requestedPublishTime: new Date(T0 + 3_600_000).toISOString() } }));
    const id = (created.json.correspondences as { correspondenceId: string }[])[0]!.correspondenceId;
    expect((await api('GET', `${BASE}/${id}`)).json).toMatchObject({ status: 'ReadyForPublish', published: null, read: null });
    clock.advance(3_600_000);
    expect((await api('GET', `${BASE}/${id}`)).json).toMatchObject({ status: 'Published', published: new Date(T0 + 3_600_000).toISOString() });
    expect((await control('POST', `/_sim/correspondence/${id}/status`, { status: 'Fetched' })).status).toBe(200);
    expect((await api('GET', `${BASE}/${id}`)).json.status).toBe('Published');
    clock.advance(60_000);
    expect((await api('GET', `${BASE}/${id}/content`)).status).toBe(200); // the recipient opens it
    clock.advance(60_000);
    await control('POST', `/_sim/correspondence/${id}/status`, { status: 'Confirmed' });
    const overview = (await api('GET', `${BASE}/${id}`)).json;
    expect(overview).toMatchObject({ status: 'Confirmed', read: new Date(T0 + 3_660_000).toISOString() });
    const details = (await api('GET', `${BASE}/${id}/details`)).json;
    expect((details.statusHistory as { status: string }[]).map((h) => h.status)).toEqual(['Initialized', 'ReadyForPublish', 'Published', 'Fetched', 'Read', 'Confirmed']);
    const [main] = details.notifications as { isReminder: boolean; notificationStatusDetails: { email: { sendStatus: { lastUpdate: string } }[] } }[];
    expect(main).toMatchObject({ isReminder: false });
    expect(main!.notificationStatusDetails.email[0]!.sendStatus.lastUpdate).toBe(new Date(T0 + 3_600_000).toISOString());
    expect((await api('POST', `${BASE}/${id}/markasread`)).status).toBe(200); // a second read changes nothing
    expect((await api('GET', `${BASE}/${id}`)).json.read).toBe(new Date(T0 + 3_660_000).toISOString());
    expect((await api('GET', `${BASE}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('search: role is required; by sendersReference and by status; ids only', async () => {
    const { api } = await setup();
    await api('POST', BASE, request());
    await api('POST', BASE, request({ correspondence: { sendersReference: 'ref-2' } }));
    expect((await api('GET', `${BASE}?resourceId=kommune-svar`)).status).toBe(400);
    expect((await api('GET', `${BASE}?resourceId=kommune-svar&role=Sender&sendersReference=ref-2`)).json.ids).toHaveLength(1);
    expect((await api('GET', `${BASE}?resourceId=kommune-svar&role=Sender&status=Published`)).json.ids).toHaveLength(2);
    expect((await api('GET', `${BASE}?resourceId=annen&role=Sender`)).json).toEqual({ ids: [] });
  });

  it('reminder after reminderDelayDays only when unread; never-read at the due date only when unread; clock over HTTP', async () => {
    const { api, control, corr } = await setup();
    const ids: string[] = [];
    for (const ref of ['a', 'b']) {
      const r = await api('POST', BASE, request({ correspondence: { sendersReference: ref } }));
      ids.push((r.json.correspondences as { correspondenceId: string }[])[0]!.correspondenceId);
    }
    expect((await control('POST', '/_sim/clock/advance', { ms: DAY })).json.now).toBe(T0 + DAY);
    await control('POST', `/_sim/correspondence/${ids[1]}/read`);
    await control('POST', '/_sim/clock/advance', { ms: 6 * DAY });
    expect((await control('GET', '/_sim/clock')).json).toMatchObject({ now: T0 + 7 * DAY });
    const reminders = (id: string) => corr.get(id)!.notifications.filter((n) => n.isReminder);
    expect(reminders(ids[0]!)[0]).toMatchObject({ processingStatus: 'Completed', sent: [{ channel: 'Email', at: T0 + 7 * DAY }] });
    expect(reminders(ids[1]!)[0]).toMatchObject({ processingStatus: 'SendConditionNotMet', sent: [] });
    await control('POST', '/_sim/clock/set', { ms: T0 + 10 * DAY });
    const events = (await control('GET', '/_sim/correspondence/events')).json as unknown as { type: string; correspondenceId: string }[];
    expect(events.filter((e) => e.type === NEVER_READ_EVENT).map((e) => e.correspondenceId)).toEqual([ids[0]]);
  });

  it('mounts /_sim only with control: true', async () => {
    const { control } = await setup(false);
    expect((await control('GET', '/_sim/clock')).status).toBe(404);
  });

  it('handles 10,000 correspondences with indexed lookups and one queue', { timeout: 30_000 }, () => {
    const clock = createSimClock(() => T0);
    const state = new CorrespondenceSimState(() => clock.now());
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      state.create({
        transport: 'altinn3',
        resourceId: 'kommune-svar',
        altinn2Service: null,
        sendersReference: `ref-${i}`,
        idempotentKey: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        messageSender: null,
        recipient: FNR,
        content: { language: 'nb', title: 't', summary: null, body: 'b' },
        attachments: [],
        requestedPublishTime: T0 + (i % 100) * 60_000,
        dueDateTime: T0 + 10 * DAY,
        notification: { template: 'CustomMessage', channel: 'Email', emailSubject: 's', emailBody: 'b', smsBody: null, sendReminder: true, reminderEmailSubject: 's', reminderEmailBody: 'b', reminderSmsBody: null },
      });
    }
    for (let i = 0; i < 10_000; i += 2) state.markRead(state.findSender({ resourceId: 'kommune-svar', sendersReference: `ref-${i}` })[0]!.id);
    clock.advance(2 * DAY);
    for (let i = 0; i < 10_000; i += 2) expect(state.markRead(state.byIdempotentKey(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)!.id)).toBe(true);
    clock.advance(9 * DAY);
    const neverRead = state.events().filter((e) => e.type === NEVER_READ_EVENT);
    expect(neverRead).toHaveLength(5_000);
    expect(performance.now() - started).toBeLessThan(20_000); // generous: shared CI machines are slow; the point is no O(n) scans
  });
});

describe('Correspondence agency simulator (Altinn 2 SOAP)', () => {
  const TNS = 'http://www.altinn.no/services/ServiceEngine/Correspondence/2009/10';
  const C = 'http://schemas.altinn.no/services/ServiceEngine/Correspondence/2010/10';
  const F = 'http://schemas.altinn.no/services/ServiceEngine/Correspondence/2016/02';
  const post = async (url: string, op: string, inner: string) => {
    const res = await fetch(`${url}${CORRESPONDENCE_AGENCY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${TNS}/ICorrespondenceAgencyExternalBasic/${op}"` },
      body: `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${op} xmlns="${TNS}">${inner}</${op}></s:Body></s:Envelope>`,
    });
    return { status: res.status, text: await res.text() };
  };
  const creds = '<systemUserName>sys</systemUserName><systemPassword>pw</systemPassword>';
  const insert = (corr: string) => `${creds}<SystemUserCode>X</SystemUserCode><ExternalShipmentReference>r1</ExternalShipmentReference><Correspondence xmlns:c="${C}">${corr}</Correspondence>`;

  it('refuses elements out of WSDL order or in the wrong namespace; accepts a valid minimal insert', async () => {
    const { sim: s, corr } = await setup();
    const content = `<c:Content><c:LanguageCode>1044</c:LanguageCode><c:MessageTitle>T</c:MessageTitle></c:Content>`;
    const outOfOrder = await post(s.url, 'InsertCorrespondenceBasicV2', insert(`<c:ServiceEdition>1</c:ServiceEdition><c:ServiceCode>4711</c:ServiceCode><c:Reportee>${FNR}</c:Reportee>${content}`));
    expect(outOfOrder.status).toBe(500);
    expect(outOfOrder.text).toMatch(/deserialize the message: .*ServiceCode/);
    const wrongNs = await post(s.url, 'InsertCorrespondenceBasicV2', insert(`<ServiceCode>4711</ServiceCode>`));
    expect(wrongNs.text).toMatch(/deserialize/);
    const badEnum = await post(
      s.url,
      'InsertCorrespondenceBasicV2',
      insert(`<c:ServiceCode>4711</c:ServiceCode><c:ServiceEdition>1</c:ServiceEdition><c:Reportee>${FNR}</c:Reportee><c:Notifications xmlns:n="http://schemas.altinn.no/services/ServiceEngine/Notification/2009/10"><n:Notification><n:ReceiverEndPoints><n:ReceiverEndPoint><n:TransportType>Pigeon</n:TransportType></n:ReceiverEndPoint></n:ReceiverEndPoints></n:Notification></c:Notifications>`),
    );
    expect(badEnum.text).toMatch(/enumeration/);
    expect(corr.count()).toBe(0);
    const ok = await post(s.url, 'InsertCorrespondenceBasicV2', insert(`<c:ServiceCode>4711</c:ServiceCode><c:ServiceEdition>1</c:ServiceEdition><c:Reportee>${FNR}</c:Reportee>${content}`));
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/<a:ReceiptStatusCode>OK<\/a:ReceiptStatusCode>/);
    expect(corr.count()).toBe(1);
  });

  it('status details need ServiceCode and ServiceEditionCode; answers StatusV2 with StatusChanges', async () => {
    const { sim: s, corr } = await setup();
    const missing = await post(s.url, 'GetCorrespondenceStatusDetailsBasicV3', `${creds}<filterCriteria xmlns:f="${F}"><f:SendersReference>r1</f:SendersReference></filterCriteria>`);
    expect(missing.text).toMatch(/ServiceCode is required/);
    await post(s.url, 'InsertCorrespondenceBasicV2', insert(`<c:ServiceCode>4711</c:ServiceCode><c:ServiceEdition>1</c:ServiceEdition><c:Reportee>${FNR}</c:Reportee><c:Content><c:MessageTitle>T</c:MessageTitle></c:Content>`));
    corr.markRead(corr.all()[0]!.id);
    const found = await post(
      s.url,
      'GetCorrespondenceStatusDetailsBasicV3',
      `${creds}<filterCriteria xmlns:f="${F}"><f:SendersReference>r1</f:SendersReference><f:ServiceCode>4711</f:ServiceCode><f:ServiceEditionCode>1</f:ServiceEditionCode></filterCriteria>`,
    );
    expect(found.text).toMatch(/<b:CorrespondenceID>1000001<\/b:CorrespondenceID>/);
    expect(found.text).toMatch(/<b:StatusType>Created<\/b:StatusType>.*<b:StatusType>Read<\/b:StatusType>/);
    const badCreds = await post(s.url, 'GetCorrespondenceStatusDetailsBasicV3', `<systemUserName>sys</systemUserName><systemPassword>nope</systemPassword><filterCriteria xmlns:f="${F}"><f:ServiceCode>4711</f:ServiceCode><f:ServiceEditionCode>1</f:ServiceEditionCode></filterCriteria>`);
    expect(badCreds.text).toMatch(/<ErrorID>6<\/ErrorID>/);
  });
});

describe('national id checks', () => {
  it('mod-11 for fødselsnummer and organisasjonsnummer', () => {
    expect(isValidPersonNumber(FNR)).toBe(true);
    expect(isValidPersonNumber('01017012345')).toBe(false);
    expect(isValidOrgNumber('974760673')).toBe(true);
    expect(isValidOrgNumber('974760674')).toBe(false);
  });
});
