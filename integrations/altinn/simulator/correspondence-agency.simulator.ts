/**
 * Altinn 2 CorrespondenceAgencyExternalBasic (SOAP 1.1) simulator, from the WSDL the app ships
 * (resources/wsdl/altinn2/CorrespondenceAgencyExternalBasic.wsdl) and RESEARCH-NOTES §3.2 / §5
 * item 13. An `extensions` entry of the Altinn simulator, like downloadQueueExtension; it shares
 * the Correspondence state (and its clock) with the Altinn 3 REST side.
 *
 * Operations: InsertCorrespondenceBasicV2, GetCorrespondenceStatusDetailsBasicV3, Test. The
 * request body is checked against the WSDL's own XSDs (element names, namespaces, order,
 * required elements, simple-type values) before anything happens, as WCF's
 * DataContractSerializer would refuse it; a violation is a SOAP Client fault. Business errors
 * (credentials, reportee, reservation, missing content) are AltinnFaults. Responses are written
 * in WCF DataContract style (prefixed item namespaces, i:nil for nulls).
 *
 * Faults for tests come from the simulator's FaultInjector under the operation name
 * (`faults.extensions.InsertCorrespondenceBasicV2`), by the shared fault step in front of `soap`
 * (listenAltinn2Soap): e.g. latencyMs, errorRate (a Server fault, 500) and dropAfterRate (the
 * insert happens, then the connection is cut).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import type { IServices } from 'soap';
import { altinn2WsdlPath } from '../altinn2-wsdl';
import { A2_AUTH_FAULT, A2_NS, altinnFault, authenticateSystem, el, listenAltinn2Soap, nil, osloDateTime, parseXml, soapFault, text, type Altinn2SoapFaults, type Altinn2SoapRequests, type XEl } from './altinn2-soap.simulator';
import { altinn2ResourceId, isValidOrgNumber, isValidPersonNumber, type CorrespondenceSimState, type NotificationChannelName, type SimCorrespondence } from './correspondence-sim-state';

/** What this extension needs from the simulator state (SimState satisfies it). */
export interface CorrespondenceAgencyState {
  correspondence: CorrespondenceSimState;
  faults?: Altinn2SoapFaults['injector'];
}

export interface CorrespondenceAgencyExtensionOptions {
  systemUserName: string;
  systemPassword: string;
  /** When set, SystemUserCode must match it. */
  systemUserCode?: string;
  path?: string;
  wsdlPath?: string;
  /** Most StatusV2 items in one answer (LimitReached beyond it). Default 1000. */
  statusLimit?: number;
}

export const CORRESPONDENCE_AGENCY_PATH = '/ServiceEngineExternal/CorrespondenceAgencyExternalBasic.svc';

/** AltinnFault ErrorIDs beyond 5/6 are this simulator's own (Altinn's are not documented). */
export const A2_CORRESPONDENCE_FAULT = {
  ...A2_AUTH_FAULT,
  invalidRequest: 30100,
  invalidReportee: 30101,
  /** The reportee has reserved against digital communication (KRR) and IsReservable is true. */
  reporteeReserved: 30102,
  unknownService: 30103,
} as const;

const NS = {
  ...A2_NS,
  xs: 'http://www.w3.org/2001/XMLSchema',
  tns: 'http://www.altinn.no/services/ServiceEngine/Correspondence/2009/10',
  contract: 'http://www.altinn.no/services/2009/10',
  receipt: 'http://schemas.altinn.no/services/Intermediary/Receipt/2009/10',
  v3: 'http://schemas.altinn.no/services/ServiceEngine/Correspondence/2016/02',
  v2: 'http://schemas.altinn.no/services/ServiceEngine/Correspondence/2014/10',
  n2013: 'http://schemas.altinn.no/services/ServiceEngine/Correspondence/2013/11',
} as const;

const LANGUAGES: Record<string, string> = { '1044': 'nb', '2068': 'nn', '1033': 'en' };
/** The operations faults are injected into (Test never fails). */
const FAULT_OPS = ['InsertCorrespondenceBasicV2', 'GetCorrespondenceStatusDetailsBasicV3'] as const;

export function correspondenceAgencyExtension(opts: CorrespondenceAgencyExtensionOptions): (server: http.Server, state: CorrespondenceAgencyState) => void {
  const wsdl = fs.readFileSync(opts.wsdlPath ?? altinn2WsdlPath('CorrespondenceAgencyExternalBasic.wsdl'), 'utf8');
  const schema = loadSchema(wsdl);
  return (server, state) =>
    listenAltinn2Soap(server, {
      path: opts.path ?? CORRESPONDENCE_AGENCY_PATH,
      wsdl,
      services: (requests) => services(opts, state, schema, requests),
      faults: state.faults && { injector: state.faults, ops: FAULT_OPS },
    });
}

// --- operations ------------------------------------------------------------------------------

type Handler = (args: unknown, cb: unknown, headers: unknown, req: http.IncomingMessage) => Promise<{ $xml: string } | Record<string, never>>;

function services(opts: CorrespondenceAgencyExtensionOptions, state: CorrespondenceAgencyState, schema: Schema, requests: Altinn2SoapRequests): IServices {
  const corr = state.correspondence;
  const operation = (req: http.IncomingMessage, op: string, ns: string = NS.tns): XEl => {
    const el = requests.operation(req, op, ns);
    const problem = schema.validateOperation(el);
    if (problem) throw soapFault(`The formatter threw an exception while trying to deserialize the message: ${problem}`, undefined, 'a:DeserializationFailed');
    return el;
  };
  const authenticate = (el: XEl) => authenticateSystem(opts, textOf(el, 'systemUserName'), textOf(el, 'systemPassword'));

  const ops: Record<string, Handler> = {
    Test: async (_a, _c, _h, req) => {
      operation(req, 'Test', NS.contract);
      return {};
    },
    InsertCorrespondenceBasicV2: async (_a, _c, _h, req) => {
      const el = operation(req, 'InsertCorrespondenceBasicV2');
      authenticate(el);
      if (opts.systemUserCode !== undefined && textOf(el, 'SystemUserCode') !== opts.systemUserCode) {
        throw altinnFault(A2_CORRESPONDENCE_FAULT.authenticationFailed, 'The SystemUserCode does not match the authenticated system.');
      }
      const ref = textOf(el, 'ExternalShipmentReference')?.trim();
      if (!ref) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidRequest, 'ExternalShipmentReference is required.');
      const c = kid(el, 'Correspondence')!;
      const input = readInsert(c, ref);
      if (input.recipientReserved(corr)) throw altinnFault(A2_CORRESPONDENCE_FAULT.reporteeReserved, 'The reportee has reserved against electronic communication from public agencies (KRR); the correspondence is reservable.');
      return { $xml: receiptXml(corr.create(input.value), ref) };
    },
    GetCorrespondenceStatusDetailsBasicV3: async (_a, _c, _h, req) => {
      const el = operation(req, 'GetCorrespondenceStatusDetailsBasicV3');
      authenticate(el);
      const f = kid(el, 'filterCriteria')!;
      const serviceCode = textOf(f, 'ServiceCode')?.trim();
      const edition = textOf(f, 'ServiceEditionCode')?.trim();
      if (!serviceCode || !edition) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidRequest, 'ServiceCode and ServiceEditionCode are required.');
      const after8601 = (name: string) => {
        const v = textOf(f, name);
        return v ? Date.parse(v) : null;
      };
      const status = textOf(f, 'CurrentStatus');
      const notificationSent = textOf(f, 'NotificationSent');
      let found = corr.findAltinn2({
        serviceCode,
        serviceEdition: edition,
        sendersReference: textOf(f, 'SendersReference') || null,
        reportee: textOf(f, 'Reportee') || null,
        createdAfter: after8601('CreatedAfterDate'),
        createdBefore: after8601('CreatedBeforeDate'),
      });
      if (status && status !== 'NotSet') found = found.filter((c) => statusChanges(c).at(-1)?.type === status);
      if (notificationSent) found = found.filter((c) => c.notifications.some((n) => n.sent.length > 0) === (notificationSent === 'true'));
      const limit = opts.statusLimit ?? 1000;
      return { $xml: statusXml(found.slice(0, limit), found.length > limit, serviceCode, edition) };
    },
  };
  return { CorrespondenceAgencyExternalBasicSF: { BasicHttpBinding_ICorrespondenceAgencyExternalBasic: ops } };
}

function readInsert(c: XEl, ref: string) {
  const serviceCode = textOf(c, 'ServiceCode')?.trim();
  const serviceEdition = textOf(c, 'ServiceEdition')?.trim();
  if (!serviceCode || !serviceEdition) throw altinnFault(A2_CORRESPONDENCE_FAULT.unknownService, 'ServiceCode and ServiceEdition are required.');
  const reportee = textOf(c, 'Reportee')?.trim() ?? '';
  if (!(isValidPersonNumber(reportee) || isValidOrgNumber(reportee))) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidReportee, 'The Reportee is not a valid social security number or organisation number.');
  const content = kid(c, 'Content');
  const title = content ? textOf(content, 'MessageTitle') : undefined;
  if (!content || !title?.trim()) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidRequest, 'Content.MessageTitle is required.');
  const languageCode = textOf(content, 'LanguageCode') ?? '1044';
  const language = LANGUAGES[languageCode];
  if (!language) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidRequest, `LanguageCode ${languageCode} is not supported.`);
  const attachments = (kid(kid(content, 'Attachments'), 'BinaryAttachments')?.kids ?? [])
    .filter((k) => k.name === 'BinaryAttachmentV2' && !k.nil)
    .map((a) => {
      const fileName = textOf(a, 'FileName') ?? '';
      const data = textOf(a, 'Data') ?? '';
      if (!fileName || !data) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidRequest, 'A binary attachment needs FileName and Data.');
      return { id: randomUUID(), fileName, displayName: textOf(a, 'Name') ?? fileName, sendersReference: textOf(a, 'SendersReference') ?? '', contentType: 'application/octet-stream', bytes: Buffer.from(data, 'base64') };
    });
  const visible = textOf(c, 'VisibleDateTime');
  const due = textOf(c, 'DueDateTime');
  const notification = kid(kid(c, 'Notifications'), 'Notification');
  let channel: NotificationChannelName | null = null;
  let template = '';
  const tokens: string[] = [];
  if (notification && !notification.nil) {
    template = textOf(notification, 'NotificationType') ?? '';
    const types = new Set((kid(notification, 'ReceiverEndPoints')?.kids ?? []).map((e) => textOf(e, 'TransportType') ?? ''));
    const email = types.has('Email') || types.has('Both');
    const sms = types.has('SMS') || types.has('Both');
    channel = email && sms ? 'EmailAndSms' : types.has('EmailPreferred') ? 'EmailPreferred' : types.has('SMSPreferred') ? 'SmsPreferred' : sms ? 'Sms' : 'Email';
    for (const t of kid(notification, 'TextTokens')?.kids ?? []) tokens[Number(textOf(t, 'TokenNum') ?? tokens.length)] = textOf(t, 'TokenValue') ?? '';
    if (!template) throw altinnFault(A2_CORRESPONDENCE_FAULT.invalidRequest, 'Notification.NotificationType (a notification template) is required.');
  }
  const reservable = textOf(c, 'IsReservable') !== 'false';
  const value = {
    transport: 'altinn2' as const,
    resourceId: altinn2ResourceId(serviceCode, serviceEdition),
    altinn2Service: { serviceCode, serviceEdition },
    sendersReference: ref,
    idempotentKey: null,
    messageSender: textOf(c, 'MessageSender') ?? null,
    recipient: reportee,
    content: { language, title: title.trim(), summary: textOf(content, 'MessageSummary') ?? null, body: textOf(content, 'MessageBody') ?? '' },
    attachments,
    requestedPublishTime: visible ? Date.parse(visible) : null,
    dueDateTime: due ? Date.parse(due) : null,
    notification: channel
      ? {
          template: 'CustomMessage' as const,
          channel,
          emailSubject: tokens[0] ?? null,
          emailBody: tokens[1] ?? null,
          smsBody: tokens[2] ?? null,
          // Altinn 2 reminders come from the template: "…MedRevarsel", "…Reminder"
          sendReminder: /revarsel|reminder/i.test(template) && !/uten/i.test(template),
          reminderEmailSubject: tokens[0] ?? null,
          reminderEmailBody: tokens[1] ?? null,
          reminderSmsBody: tokens[2] ?? null,
        }
      : null,
  };
  return { value, recipientReserved: (s: CorrespondenceSimState) => reservable && s.isReserved(reportee) };
}

// --- response bodies -------------------------------------------------------------------------

function receiptXml(c: SimCorrespondence, ref: string): string {
  const refs = [
    ['ExternalShipmentReference', ref],
    ['SendersReference', ref],
  ].map(([type, value]) => el('a:Reference', [text('a:ReferenceTypeName', type!), text('a:ReferenceValue', value!)]));
  return el(
    'InsertCorrespondenceBasicV2Result',
    [
      text('a:LastChanged', osloDateTime(c.created)),
      text('a:ParentReceiptId', '0'),
      nil('a:ReceiptHistory'),
      text('a:ReceiptId', String(c.altinn2Id ?? 0)),
      text('a:ReceiptStatusCode', 'OK'),
      text('a:ReceiptText', 'Correspondence created.'),
      text('a:ReceiptTypeName', 'Correspondence'),
      el('a:References', refs),
      nil('a:SubReceipts'),
    ],
    ` xmlns:a="${NS.receipt}" xmlns:i="${NS.xsi}"`,
  );
}

interface A2StatusChange {
  type: 'Created' | 'Read' | 'Confirmed' | 'Reserved';
  at: number;
}

function statusChanges(c: SimCorrespondence): A2StatusChange[] {
  const out: A2StatusChange[] = [{ type: 'Created', at: c.created }];
  for (const h of c.statusHistory) {
    if (h.status === 'Read' || h.status === 'Confirmed' || h.status === 'Reserved') out.push({ type: h.status, at: h.at });
  }
  return out;
}

function statusXml(list: SimCorrespondence[], limitReached: boolean, serviceCode: string, edition: string): string {
  const items = list.map((c) => {
    const notes = c.notifications.flatMap((n) =>
      n.sent.map((s) =>
        el('c:Notification', [
          text('c:Recipient', s.channel === 'Email' ? 'innbygger@example.invalid' : '+4799999999'),
          text('c:SentDate', osloDateTime(s.at)),
          text('c:TransportType', s.channel === 'Email' ? 'Email' : 'SMS'),
        ]),
      ),
    );
    return el('b:StatusV2', [
      text('b:CorrespondenceID', String(c.altinn2Id ?? 0)),
      text('b:CreatedDate', osloDateTime(c.created)),
      el('b:Notifications', notes, ` xmlns:c="${NS.n2013}"`),
      text('b:Reportee', c.recipient),
      text('b:SendersReference', c.sendersReference),
      el(
        'b:StatusChanges',
        statusChanges(c).map((s) => el('b:StatusChangeV2', [text('b:StatusDate', osloDateTime(s.at)), text('b:StatusType', s.type)])),
      ),
    ]);
  });
  return el(
    'GetCorrespondenceStatusDetailsBasicV3Result',
    [
      el('a:CorrespondenceStatusInformation', [el('a:CorrespondenceStatusDetailsList', items, ` xmlns:b="${NS.v2}"`), text('a:LimitReached', String(limitReached))]),
      nil('a:SdpStatusInformation'),
      text('a:ServiceCode', serviceCode),
      text('a:ServiceEditionCode', edition),
    ],
    ` xmlns:a="${NS.v3}" xmlns:i="${NS.xsi}"`,
  );
}

// --- namespace-aware request reading ---------------------------------------------------------

function kid(e: XEl | undefined, name: string): XEl | undefined {
  return e?.kids.find((k) => k.name === name);
}

function textOf(e: XEl, name: string): string | undefined {
  const k = kid(e, name);
  return !k || k.nil ? undefined : k.text;
}

// --- the WSDL's XSDs, enough to check a request ------------------------------------------------

interface Particle {
  name: string;
  ns: string;
  type: QName | null;
  inline: ComplexType | null;
  min: number;
  max: number;
  nillable: boolean;
}
interface ComplexType {
  base: QName | null;
  particles: Particle[];
}
interface QName {
  ns: string;
  local: string;
}
interface Schema {
  /** null when the operation element is valid, else what is wrong (names only, never values). */
  validateOperation(op: XEl): string | null;
}

const key = (q: QName) => `{${q.ns}}${q.local}`;

export function loadSchema(wsdl: string): Schema {
  const root = parseXml(wsdl)[0];
  const complex = new Map<string, ComplexType>();
  const simple = new Map<string, string[] | null>();
  const elements = new Map<string, Particle>();
  const qname = (e: XEl, v: string | undefined): QName | null => {
    if (!v) return null;
    const i = v.indexOf(':');
    return { ns: e.scope.get(i < 0 ? '' : v.slice(0, i)) ?? '', local: i < 0 ? v : v.slice(i + 1) };
  };
  const complexOf = (ct: XEl, tns: string): ComplexType => {
    let base: QName | null = null;
    let seqHolder: XEl | undefined = ct;
    const cc = ct.kids.find((k) => k.name === 'complexContent');
    if (cc) {
      const ext = cc.kids.find((k) => k.name === 'extension' || k.name === 'restriction');
      base = ext?.name === 'extension' ? qname(ext, ext.attrs.base) : null;
      seqHolder = ext;
    }
    const seq = seqHolder?.kids.find((k) => k.name === 'sequence');
    return { base, particles: (seq?.kids ?? []).filter((k) => k.name === 'element' && k.ns === NS.xs).map((k) => particleOf(k, tns)) };
  };
  const particleOf = (e: XEl, tns: string): Particle => {
    const inlineCt = e.kids.find((k) => k.name === 'complexType' && k.ns === NS.xs);
    return {
      name: e.attrs.name ?? '',
      ns: tns, // every schema here is elementFormDefault="qualified"
      type: qname(e, e.attrs.type),
      inline: inlineCt ? complexOf(inlineCt, tns) : null,
      min: e.attrs.minOccurs === undefined ? 1 : Number(e.attrs.minOccurs),
      max: e.attrs.maxOccurs === 'unbounded' ? Infinity : e.attrs.maxOccurs === undefined ? 1 : Number(e.attrs.maxOccurs),
      nillable: e.attrs.nillable === 'true',
    };
  };
  const walk = (e: XEl) => {
    if (e.ns === NS.xs && e.name === 'schema') {
      const tns = e.attrs.targetNamespace ?? '';
      for (const d of e.kids) {
        const name = d.attrs.name;
        if (!name || d.ns !== NS.xs) continue;
        if (d.name === 'complexType') complex.set(key({ ns: tns, local: name }), complexOf(d, tns));
        else if (d.name === 'simpleType') {
          const r = d.kids.find((k) => k.name === 'restriction');
          const enums = (r?.kids ?? []).filter((k) => k.name === 'enumeration').map((k) => k.attrs.value ?? '');
          simple.set(key({ ns: tns, local: name }), enums.length ? enums : null);
        } else if (d.name === 'element') elements.set(key({ ns: tns, local: name }), particleOf(d, tns));
      }
      return;
    }
    e.kids.forEach(walk);
  };
  if (root) walk(root);

  const particlesOf = (ct: ComplexType): Particle[] => {
    const base = ct.base ? complex.get(key(ct.base)) : undefined;
    return [...(base ? particlesOf(base) : []), ...ct.particles];
  };

  function check(e: XEl, p: Particle, where: string): string | null {
    if (e.nil) return p.nillable ? null : `${where} is not nillable`;
    const ct = p.inline ?? (p.type ? complex.get(key(p.type)) : undefined);
    if (!ct) {
      if (e.kids.length > 0) return `${where} has child elements, but is a simple value`;
      const v = e.text.trim();
      const t = p.type;
      if (!t) return null;
      if (t.ns === NS.xs) {
        if (t.local === 'int' && !/^[+-]?\d+$/.test(v)) return `${where} is not an int`;
        if (t.local === 'boolean' && !/^(true|false|1|0)$/.test(v)) return `${where} is not a boolean`;
        if (t.local === 'dateTime' && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) || Number.isNaN(Date.parse(v)))) return `${where} is not a dateTime`;
        if (t.local === 'base64Binary' && !/^[A-Za-z0-9+/=\s]*$/.test(v)) return `${where} is not base64`;
        return null;
      }
      const enums = simple.get(key(t));
      if (enums && !enums.includes(v)) return `${where} has a value outside its enumeration`;
      return null;
    }
    const particles = particlesOf(ct);
    let i = 0;
    const seen = new Map<Particle, number>();
    for (const k of e.kids) {
      while (i < particles.length && !(particles[i]!.name === k.name && particles[i]!.ns === k.ns)) {
        const skipped = particles[i]!;
        if ((seen.get(skipped) ?? 0) < skipped.min) return `${where}/${skipped.name} is required before ${k.name}`;
        i++;
      }
      const q = particles[i];
      if (!q) return `${where}/${k.name} (${k.ns}) is unexpected here: unknown, out of order or in the wrong namespace`;
      const n = (seen.get(q) ?? 0) + 1;
      if (n > q.max) return `${where}/${k.name} occurs too often`;
      seen.set(q, n);
      const inner = check(k, q, `${where}/${k.name}`);
      if (inner) return inner;
    }
    for (; i < particles.length; i++) {
      const q = particles[i]!;
      if ((seen.get(q) ?? 0) < q.min) return `${where}/${q.name} is required`;
    }
    return null;
  }

  return {
    validateOperation(op) {
      const p = elements.get(key({ ns: op.ns, local: op.name }));
      if (!p) return `unknown operation element ${op.name}`;
      return check(op, p, op.name);
    },
  };
}
