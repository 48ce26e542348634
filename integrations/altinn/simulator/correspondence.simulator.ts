/**
 * Altinn 3 Correspondence API v1 (RESEARCH-NOTES §2, §5 items 7–11), sender side plus the two
 * recipient endpoints tests need, over CorrespondenceSimState:
 *
 *   POST /correspondence/api/v1/correspondence            (JSON InitializeCorrespondencesExt)
 *   POST /correspondence/api/v1/correspondence/upload     (multipart/form-data, file parts `attachments`)
 *   GET  /correspondence/api/v1/correspondence?role=Sender&resourceId=&sendersReference=&idempotentKey=&status=&from=&to=
 *   GET  /correspondence/api/v1/correspondence/{id}       (overview: status = highest reached, `read`)
 *   GET  /correspondence/api/v1/correspondence/{id}/details (statusHistory, notifications)
 *   POST /correspondence/api/v1/correspondence/{id}/markasread, GET .../{id}/content (recipient: set Read)
 *
 * and the test-control routes under /_sim/ (only when the simulator runs with `control: true`).
 * Errors are ProblemDetails with `errorCode`. 1030 (KRR-reserved single recipient), 1034
 * (duplicate idempotentKey) and 1047 (idempotentKey with several recipients) are Altinn's; the
 * other codes are this simulator's approximations of Altinn's 1002–1055 / 3001–3025 ranges.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AuthenticationSimulator } from './authentication.simulator';
import {
  CORRESPONDENCE_STATUSES,
  currentStatus,
  isValidOrgNumber,
  isValidPersonNumber,
  latestEntry,
  type CorrespondenceSimState,
  type CorrespondenceStatusName,
  type NotificationChannelName,
  type SimAttachment,
  type SimClock,
  type SimCorrespondence,
  type SimNotificationRequest,
} from './correspondence-sim-state';
import { json, problem, text, unauthorized, validationProblem, type SimResponse } from '../../shared/simulator/sim-response';

export const CORRESPONDENCE_BASE = '/correspondence/api/v1/correspondence';
const WRITE_SCOPE = 'altinn:correspondence.write';

export const CORRESPONDENCE_ERROR = {
  /** Altinn's: a single recipient reserved in KRR and no ignoreReservation. */
  recipientReserved: 1030,
  /** Altinn's: idempotentKey already used. */
  duplicateIdempotentKey: 1034,
  /** Altinn's: idempotentKey is not allowed with more than one recipient. */
  idempotentKeyMultipleRecipients: 1047,
  // The simulator's own choices for the rest:
  invalidRecipient: 1008,
  duplicateRecipient: 1009,
  dueDateInPast: 1011,
  dueDateBeforePublish: 1012,
  attachmentMismatch: 1021,
  invalidLanguage: 1023,
  missingEmailTexts: 3002,
  missingSmsTexts: 3003,
  missingReminderEmailTexts: 3004,
  missingReminderSmsTexts: 3005,
  missingNotificationChannel: 3006,
} as const;

const CHANNELS: readonly NotificationChannelName[] = ['Email', 'Sms', 'EmailPreferred', 'SmsPreferred', 'EmailAndSms'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Obj = Record<string, unknown>;

export class CorrespondenceSimulator {
  constructor(
    private readonly state: CorrespondenceSimState,
    private readonly auth: AuthenticationSimulator,
  ) {}

  // --- sender side -------------------------------------------------------------------------

  async create(req: http.IncomingMessage, body: Buffer, multipart: boolean): Promise<SimResponse> {
    const denied = await this.sender(req);
    if (denied) return denied;
    let model: Obj;
    let files: FilePart[] = [];
    if (multipart) {
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
      const b = boundary?.[1] ?? boundary?.[2];
      if (!b || !/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return problem(415, 'Expected multipart/form-data.', { title: 'Unsupported Media Type' });
      const parts = parseMultipart(body, b);
      if (!parts) return problem(400, 'The multipart body could not be read.');
      model = formModel(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')]));
      files = parts.filter((p): p is FilePart => p.filename !== undefined && p.name.toLowerCase() === 'attachments');
    } else {
      if (!/^application\/(.+\+)?json/i.test(req.headers['content-type'] ?? '')) return problem(415, 'Expected application/json.', { title: 'Unsupported Media Type' });
      try {
        model = lowerKeys(JSON.parse(body.toString('utf8'))) as Obj;
      } catch {
        return validationProblem({ $: ['The JSON value could not be converted.'] });
      }
    }
    return this.initialize(model, files);
  }

  private initialize(model: Obj, files: FilePart[]): SimResponse {
    const now = this.state.now();
    const corr = obj(model.correspondence);
    const content = obj(corr?.content);
    const errors: Record<string, string[]> = {};
    const need = (key: string, v: string | null, max: number) => {
      if (v === null || v.trim() === '') errors[key] = [`The ${key.split('.').pop()} field is required.`];
      else if (v.length > max) errors[key] = [`The field ${key.split('.').pop()} must be a string with a maximum length of ${max}.`];
    };
    const opt = (key: string, v: string | null, max: number) => {
      if (v !== null && v.length > max) errors[key] = [`The field ${key.split('.').pop()} must be a string with a maximum length of ${max}.`];
    };
    const resourceId = str(corr?.resourceid);
    const sendersReference = str(corr?.sendersreference);
    const title = str(content?.messagetitle);
    const body = str(content?.messagebody);
    const summary = str(content?.messagesummary);
    const messageSender = str(corr?.messagesender);
    need('Correspondence.ResourceId', resourceId, 255);
    need('Correspondence.SendersReference', sendersReference, 4096);
    if (!content) errors['Correspondence.Content'] = ['The Content field is required.'];
    else {
      need('Correspondence.Content.MessageTitle', title, 255);
      need('Correspondence.Content.MessageBody', body, 30000);
      opt('Correspondence.Content.MessageSummary', summary, 255);
    }
    opt('Correspondence.MessageSender', messageSender, 255);
    const recipients = list(model.recipients).map((r) => String(r ?? '').trim());
    if (recipients.length === 0) errors.Recipients = ['The Recipients field is required.'];
    if (recipients.length > 500) errors.Recipients = ['At most 500 recipients.'];
    const idempotentKey = str(model.idempotentkey);
    if (idempotentKey !== null && !GUID.test(idempotentKey)) errors.IdempotentKey = ['The value is not a valid Guid.'];
    const due = date(corr?.duedatetime);
    const publishAt = date(corr?.requestedpublishtime);
    if (due === 'invalid') errors['Correspondence.DueDateTime'] = ['The value is not a valid date.'];
    if (publishAt === 'invalid') errors['Correspondence.RequestedPublishTime'] = ['The value is not a valid date.'];
    if (Object.keys(errors).length > 0) return validationProblem(errors);

    const bad = (status: number, code: number, detail: string) => problem(status, detail, { errorCode: code });
    const language = (str(content?.language) ?? 'nb').toLowerCase();
    if (!['nb', 'nn', 'en'].includes(language)) return bad(400, CORRESPONDENCE_ERROR.invalidLanguage, 'Language must be nb, nn or en.');
    for (const r of recipients) if (!validRecipient(r)) return bad(400, CORRESPONDENCE_ERROR.invalidRecipient, 'One or more recipients are not valid (format or checksum).');
    if (new Set(recipients.map(recipientKey)).size !== recipients.length) return bad(400, CORRESPONDENCE_ERROR.duplicateRecipient, 'Recipients must be unique.');
    if (idempotentKey && recipients.length > 1) return bad(400, CORRESPONDENCE_ERROR.idempotentKeyMultipleRecipients, 'IdempotentKey is not allowed with more than one recipient.');
    if (typeof due === 'number' && due < startOfDay(now)) return bad(400, CORRESPONDENCE_ERROR.dueDateInPast, 'DueDateTime cannot be in the past.');
    if (typeof due === 'number' && typeof publishAt === 'number' && due < publishAt) return bad(400, CORRESPONDENCE_ERROR.dueDateBeforePublish, 'DueDateTime cannot be before RequestedPublishTime.');

    const notification = readNotification(obj(corr?.notification));
    if (typeof notification === 'object' && notification && 'error' in notification) return bad(400, notification.error, notification.detail);

    const attachmentMeta = list(content?.attachments).map(obj);
    const newAttachments = attachmentMeta.filter((a) => (str(a?.datalocationtype) ?? 'NewCorrespondenceAttachment') === 'NewCorrespondenceAttachment');
    if (newAttachments.length !== files.length) return bad(400, CORRESPONDENCE_ERROR.attachmentMismatch, 'The number of uploaded files does not match the attachments described.');
    const attachments: SimAttachment[] = [];
    for (const [i, a] of newAttachments.entries()) {
      const f = files[i]!;
      const fileName = str(a?.filename) ?? f.filename ?? '';
      const ref = str(a?.sendersreference);
      if (!fileName || !ref) return bad(400, CORRESPONDENCE_ERROR.attachmentMismatch, 'Each attachment needs FileName and SendersReference.');
      attachments.push({ id: '', fileName, displayName: str(a?.displayname) ?? fileName, sendersReference: ref, contentType: f.contentType ?? 'application/octet-stream', bytes: f.data });
    }

    if (idempotentKey && this.state.byIdempotentKey(idempotentKey)) return problem(409, 'A correspondence with the same idempotent key already exists.', { title: 'Conflict', errorCode: CORRESPONDENCE_ERROR.duplicateIdempotentKey });
    const ignoreReservation = bool(corr?.ignorereservation) === true;
    if (recipients.length === 1 && !ignoreReservation && this.state.isReserved(recipients[0]!)) {
      // no number in the text: a ProblemDetails ends up in logs
      return problem(422, 'Recipient has reserved themselves from digital communication (KRR).', { title: 'Unprocessable Entity', errorCode: CORRESPONDENCE_ERROR.recipientReserved });
    }

    const out: { c: SimCorrespondence; status: CorrespondenceStatusName }[] = [];
    for (const recipient of recipients) {
      const c = this.state.create(
        {
          transport: 'altinn3',
          resourceId: resourceId!,
          altinn2Service: null,
          sendersReference: sendersReference!,
          idempotentKey,
          messageSender,
          recipient,
          content: { language, title: title!, summary, body: body! },
          attachments: attachments.map((a) => ({ ...a, id: randomUUID() })),
          requestedPublishTime: typeof publishAt === 'number' ? publishAt : null,
          dueDateTime: typeof due === 'number' ? due : null,
          notification: notification ?? null,
        },
        // several recipients: a reserved one is created, with status Reserved
        { reserved: !ignoreReservation && this.state.isReserved(recipient) },
      );
      out.push({ c, status: currentStatus(c) });
    }
    return json(200, {
      correspondences: out.map(({ c, status }) => ({
        correspondenceId: c.id,
        status,
        recipient: c.recipient,
        notifications: c.notifications.map((n) => ({ orderId: n.id, isReminder: n.isReminder, status: 'Success' })),
      })),
      attachmentIds: out.flatMap(({ c }) => c.attachments.map((a) => a.id)),
    });
  }

  async search(req: http.IncomingMessage, url: URL): Promise<SimResponse> {
    const denied = await this.sender(req);
    if (denied) return denied;
    const p = url.searchParams;
    const role = p.get('role');
    if (!role) return validationProblem({ role: ['The role field is required.'] });
    if (!['Sender', 'Recipient', 'RecipientAndSender'].includes(role)) return validationProblem({ role: [`The value '${role}' is not valid.`] });
    const status = p.get('status');
    if (status && !(CORRESPONDENCE_STATUSES as readonly string[]).includes(status)) return validationProblem({ status: [`The value '${status}' is not valid.`] });
    const from = p.get('from') ? Date.parse(p.get('from')!) : null;
    const to = p.get('to') ? Date.parse(p.get('to')!) : null;
    if (Number.isNaN(from) || Number.isNaN(to)) return validationProblem({ from: ['The value is not a valid date.'] });
    const ids = this.state
      .findSender({ resourceId: p.get('resourceId'), sendersReference: p.get('sendersReference'), idempotentKey: p.get('idempotentKey'), status: status as CorrespondenceStatusName | null, from, to })
      .map((c) => c.id);
    return json(200, { ids });
  }

  async overview(req: http.IncomingMessage, id: string): Promise<SimResponse> {
    const denied = await this.sender(req);
    if (denied) return denied;
    const c = this.state.get(id);
    return c ? json(200, overviewJson(c)) : problem(404, 'The requested correspondence was not found', { errorCode: 1001 });
  }

  async details(req: http.IncomingMessage, id: string): Promise<SimResponse> {
    const denied = await this.sender(req);
    if (denied) return denied;
    const c = this.state.get(id);
    return c ? json(200, detailsJson(c)) : problem(404, 'The requested correspondence was not found', { errorCode: 1001 });
  }

  // --- recipient side (any valid Altinn token; the simulator has no ID-porten users) -------

  async markAsRead(req: http.IncomingMessage, id: string): Promise<SimResponse> {
    if (!(await this.auth.principal(req))) return unauthorized();
    return this.state.markRead(id) ? json(200, id) : problem(404, 'The requested correspondence was not found', { errorCode: 1001 });
  }

  async content(req: http.IncomingMessage, id: string): Promise<SimResponse> {
    if (!(await this.auth.principal(req))) return unauthorized();
    const c = this.state.get(id);
    if (!c || !this.state.markRead(id)) return problem(404, 'The requested correspondence was not found', { errorCode: 1001 });
    return text(200, c.content.body, 'text/plain; charset=utf-8');
  }

  private async sender(req: http.IncomingMessage): Promise<SimResponse | null> {
    const caller = await this.auth.authorize(req, (c) => c.scopes.includes(WRITE_SCOPE) && c.org !== null);
    if ('refused' in caller) return caller.refused;
    return null;
  }
}

// --- test control (/_sim/…) -----------------------------------------------------------------

/**
 * GET /_sim/clock, POST /_sim/clock/advance {ms}, POST /_sim/clock/set {ms | iso},
 * POST /_sim/correspondence/{id}/read, POST /_sim/correspondence/{id}/status {status, statusText?},
 * POST /_sim/correspondence/reserve {personNumber}, GET /_sim/correspondence/events.
 * Returns null for paths that are not control routes.
 */
export function simControl(method: string, url: URL, body: Buffer, clock: SimClock, state: CorrespondenceSimState): SimResponse | null {
  const path = url.pathname;
  if (!path.startsWith('/_sim/')) return null;
  const input = (): Obj => {
    try {
      return (JSON.parse(body.toString('utf8') || '{}') ?? {}) as Obj;
    } catch {
      return {};
    }
  };
  const clockJson = () => {
    state.tick();
    return json(200, { now: clock.now(), iso: new Date(clock.now()).toISOString() });
  };
  if (path === '/_sim/clock' && method === 'GET') return clockJson();
  if (path === '/_sim/clock/advance' && method === 'POST') {
    const ms = Number(input().ms);
    if (!Number.isFinite(ms)) return problem(400, 'ms must be a number');
    clock.advance(ms);
    return clockJson();
  }
  if (path === '/_sim/clock/set' && method === 'POST') {
    const b = input();
    const ms = typeof b.iso === 'string' ? Date.parse(b.iso) : Number(b.ms);
    if (!Number.isFinite(ms)) return problem(400, 'ms or iso required');
    clock.set(ms);
    return clockJson();
  }
  if (path === '/_sim/correspondence/reserve' && method === 'POST') {
    const p = input().personNumber;
    if (typeof p !== 'string') return problem(400, 'personNumber required');
    state.reserve(p);
    return json(200, { reserved: true });
  }
  if (path === '/_sim/correspondence/events' && method === 'GET') return json(200, state.events());
  const m = /^\/_sim\/correspondence\/([^/]+)\/(read|status)$/.exec(path);
  if (m && method === 'POST') {
    const id = m[1] ?? '';
    if (m[2] === 'read') return state.markRead(id) ? json(200, { id }) : problem(404, 'Unknown or unpublished correspondence');
    const b = input();
    const status = String(b.status ?? '');
    if (!(CORRESPONDENCE_STATUSES as readonly string[]).includes(status)) return problem(400, 'Unknown status');
    return state.setStatus(id, status as CorrespondenceStatusName, typeof b.statusText === 'string' ? b.statusText : undefined) ? json(200, { id }) : problem(404, 'Unknown correspondence');
  }
  return problem(404, 'Unknown control route');
}

// --- JSON views ----------------------------------------------------------------------------

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function overviewJson(c: SimCorrespondence): Obj {
  const status = currentStatus(c);
  const last = latestEntry(c, status);
  return {
    correspondenceId: c.id,
    resourceId: c.resourceId,
    sendersReference: c.sendersReference,
    messageSender: c.messageSender,
    recipient: c.recipient,
    content: {
      language: c.content.language,
      messageTitle: c.content.title,
      messageSummary: c.content.summary,
      messageBody: c.content.body,
      attachments: c.attachments.map((a) => ({ id: a.id, fileName: a.fileName, displayName: a.displayName, sendersReference: a.sendersReference, dataLocationType: 'AltinnCorrespondenceAttachment', status: 'Published' })),
    },
    created: iso(c.created),
    requestedPublishTime: iso(c.requestedPublishTime),
    dueDateTime: iso(c.dueDateTime),
    status,
    statusText: last?.statusText ?? status,
    statusChanged: iso(last?.at ?? c.created),
    notifications: c.notifications.map((n) => ({ notificationOrderId: n.id, isReminder: n.isReminder })),
    altinn2CorrespondenceId: c.altinn2Id,
    published: iso(c.published),
    read: iso(c.read),
    isConfirmationNeeded: false,
    isConfidential: false,
    allowForwarding: false,
  };
}

function detailsJson(c: SimCorrespondence): Obj {
  return {
    ...overviewJson(c),
    statusHistory: c.statusHistory.map((h) => ({ status: h.status, statusText: h.statusText, statusChanged: iso(h.at) })),
    notifications: c.notifications.map((n) => ({
      id: n.id,
      sendersReference: c.sendersReference,
      creator: 'altinn-correspondence',
      created: iso(n.created),
      requestedSendTime: iso(n.requestedSendTime),
      isReminder: n.isReminder,
      notificationChannel: c.notification?.channel ?? null,
      ignoreReservation: false,
      resourceId: c.resourceId,
      processingStatus: { status: n.processingStatus, description: null, lastUpdate: iso(n.sent[0]?.at ?? n.created) },
      notificationStatusDetails: {
        email: n.sent.filter((s) => s.channel === 'Email').map((s, i) => sentJson(n.id, i, s)),
        sms: n.sent.filter((s) => s.channel === 'Sms').map((s, i) => sentJson(n.id, i, s)),
      },
    })),
    systemLabel: null,
  };
}

function sentJson(orderId: string, i: number, s: { channel: 'Email' | 'Sms'; at: number; succeeded: boolean }): Obj {
  return {
    id: `${orderId.slice(0, 24)}${String(i).padStart(12, '0')}`,
    succeeded: s.succeeded,
    recipient: s.channel === 'Email' ? { emailAddress: 'innbygger@example.invalid' } : { mobileNumber: '+4799999999' },
    sendStatus: { status: s.channel === 'Email' ? 'Succeeded' : 'Accepted', statusDescription: 'Delivered', lastUpdate: iso(s.at) },
  };
}

// --- request model ---------------------------------------------------------------------------

function readNotification(n: Obj | undefined): SimNotificationRequest | { error: number; detail: string } | undefined {
  if (!n) return undefined;
  const channel = str(n.notificationchannel);
  const ch = CHANNELS.find((c) => c.toLowerCase() === channel?.toLowerCase());
  if (!ch) return { error: CORRESPONDENCE_ERROR.missingNotificationChannel, detail: 'NotificationChannel is required (Email, Sms, EmailPreferred, SmsPreferred, EmailAndSms).' };
  const template = (str(n.notificationtemplate) ?? 'CustomMessage').toLowerCase() === 'genericaltinnmessage' ? 'GenericAltinnMessage' : 'CustomMessage';
  const r: SimNotificationRequest = {
    template,
    channel: ch,
    emailSubject: str(n.emailsubject),
    emailBody: str(n.emailbody),
    smsBody: str(n.smsbody),
    sendReminder: bool(n.sendreminder) === true,
    reminderEmailSubject: str(n.reminderemailsubject),
    reminderEmailBody: str(n.reminderemailbody),
    reminderSmsBody: str(n.remindersmsbody),
  };
  const long = [
    [r.emailSubject, 512],
    [r.emailBody, 10000],
    [r.smsBody, 2144],
    [r.reminderEmailSubject, 512],
    [r.reminderEmailBody, 10000],
    [r.reminderSmsBody, 2144],
  ] as const;
  if (long.some(([v, max]) => v !== null && v.length > max)) return { error: CORRESPONDENCE_ERROR.missingEmailTexts, detail: 'A notification text is too long.' };
  if (template === 'CustomMessage') {
    // the *Preferred channels fall back to the other one, so both sets of texts are needed
    const email = ch !== 'Sms';
    const sms = ch !== 'Email';
    if (email && (!r.emailSubject || !r.emailBody)) return { error: CORRESPONDENCE_ERROR.missingEmailTexts, detail: `EmailSubject and EmailBody are required for ${ch}.` };
    if (sms && !r.smsBody) return { error: CORRESPONDENCE_ERROR.missingSmsTexts, detail: `SmsBody is required for ${ch}.` };
    if (r.sendReminder) {
      if (email && (!r.reminderEmailSubject || !r.reminderEmailBody)) return { error: CORRESPONDENCE_ERROR.missingReminderEmailTexts, detail: `Reminder email texts are required for ${ch}.` };
      if (sms && !r.reminderSmsBody) return { error: CORRESPONDENCE_ERROR.missingReminderSmsTexts, detail: `ReminderSmsBody is required for ${ch}.` };
    }
  }
  return r;
}

function validRecipient(r: string): boolean {
  const person = /^(?:urn:altinn:person:identifier-no:)?(\d{11})$/.exec(r);
  if (person) return isValidPersonNumber(person[1]!);
  const org = /^(?:0192:|urn:altinn:organization:identifier-no:)(\d{9})$/.exec(r);
  if (org) return isValidOrgNumber(org[1]!);
  if (/^urn:altinn:person:idporten-email:[^@\s]+@[^@\s]+$/.test(r)) return true;
  return /^urn:altinn:person:legacy-selfidentified:\S+$/.test(r);
}

const recipientKey = (r: string) => r.replace(/^(urn:altinn:person:identifier-no:|urn:altinn:organization:identifier-no:|0192:)/, '');

const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : v === 'true' || v === 'True' ? true : v === 'false' || v === 'False' ? false : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const startOfDay = (ms: number) => ms - (ms % 86_400_000);

function date(v: unknown): number | null | 'invalid' {
  const s = str(v);
  if (s === null || s === '') return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? 'invalid' : ms;
}

function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
  return v;
}

/** ASP.NET form binding: "A.B[0].C" paths, case-insensitive; a repeated "Recipients" key makes a list. */
function formModel(fields: [string, string][]): Obj {
  const root: Obj = {};
  for (const [name, value] of fields) {
    const segs = name
      .toLowerCase()
      .split('.')
      .flatMap((s) => {
        const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(s);
        if (!m) return [s];
        return [m[1]!, ...[...(m[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
      });
    let cur: Obj | unknown[] = root;
    for (let i = 0; i < segs.length; i++) {
      const k = segs[i]!;
      const last = i === segs.length - 1;
      const nextIsIndex = typeof segs[i + 1] === 'number';
      const holder = cur as Record<string | number, unknown>;
      if (last) {
        const existing = holder[k];
        if (existing === undefined) holder[k] = value;
        else holder[k] = Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
      } else {
        holder[k] ??= nextIsIndex ? [] : {};
        cur = holder[k] as Obj | unknown[];
      }
    }
  }
  return root;
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}
type FilePart = Part & { filename: string };

/** A minimal multipart/form-data reader (RFC 7578): enough for what fetch's FormData writes. */
export function parseMultipart(body: Buffer, boundary: string): Part[] | null {
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) return null;
  for (;;) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') return null;
    pos += 2;
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) return null;
    const head = body.subarray(pos, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) return null;
    const data = body.subarray(headEnd + 4, next);
    const disp = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disp)?.[1];
    if (name === undefined) return null;
    const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}), data: Buffer.from(data) });
    pos = next + 2;
  }
}
