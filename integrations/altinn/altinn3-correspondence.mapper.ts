/**
 * OutgoingCorrespondence → the multipart form of POST /correspondence/upload, the
 * CorrespondenceDetailsExt JSON → CorrespondenceStatus (RESEARCH-NOTES §2), and the Altinn
 * Events CloudEvents of a correspondence resource → CorrespondenceEvent (§1.6, §2.5).
 */
import type { CorrespondenceEvent, CorrespondenceNotice, CorrespondenceStatus, OutgoingCorrespondence } from '../../electron/core/ports/correspondence.port';

/** The form fields and the file part, as ASP.NET binds them to InitializeCorrespondencesExt. */
export function toUploadForm(c: OutgoingCorrespondence): FormData {
  const f = new FormData();
  const add = (k: string, v: string | null | undefined) => {
    if (v !== null && v !== undefined) f.append(k, v);
  };
  const att = 'Correspondence.Content.Attachments[0]';
  add('Correspondence.ResourceId', c.resourceId);
  add('Correspondence.SendersReference', c.sendersReference);
  add('Correspondence.MessageSender', c.messageSender);
  add('Correspondence.Content.Language', c.language);
  add('Correspondence.Content.MessageTitle', c.title);
  add('Correspondence.Content.MessageSummary', c.summary);
  add('Correspondence.Content.MessageBody', c.body);
  add(`${att}.FileName`, c.letter.filename);
  add(`${att}.DisplayName`, c.letter.displayName);
  add(`${att}.SendersReference`, `${c.sendersReference}:letter`);
  add(`${att}.IsEncrypted`, 'false');
  add(`${att}.DataLocationType`, 'NewCorrespondenceAttachment');
  add('Correspondence.DueDateTime', new Date(c.dueAt).toISOString());
  add('Correspondence.Notification.NotificationTemplate', 'CustomMessage');
  add('Correspondence.Notification.NotificationChannel', 'EmailPreferred');
  add('Correspondence.Notification.EmailSubject', c.notification.emailSubject);
  add('Correspondence.Notification.EmailBody', c.notification.emailBody);
  add('Correspondence.Notification.SmsBody', c.notification.sms);
  add('Correspondence.Notification.SendReminder', String(c.reminder));
  if (c.reminder) {
    add('Correspondence.Notification.ReminderEmailSubject', c.notification.emailSubject);
    add('Correspondence.Notification.ReminderEmailBody', c.notification.emailBody);
    add('Correspondence.Notification.ReminderSmsBody', c.notification.sms);
  }
  add('Recipients[0]', recipientUrn(c.recipient));
  add('IdempotentKey', c.idempotentKey);
  f.append('attachments', new Blob([c.letter.bytes as Uint8Array<ArrayBuffer>], { type: c.letter.contentType }), c.letter.filename);
  return f;
}

export function recipientUrn(r: OutgoingCorrespondence['recipient']): string {
  return 'personNumber' in r ? `urn:altinn:person:identifier-no:${r.personNumber}` : `urn:altinn:organization:identifier-no:${r.organisationNumber}`;
}

/** RFC 9110 ProblemDetails with Altinn's `errorCode` extension (and ASP.NET's `errors` for model validation). */
export interface ProblemDetails {
  title?: string;
  detail?: string;
  status?: number;
  errorCode?: number;
  errors?: Record<string, string[]>;
}

export interface InitializeCorrespondencesResponse {
  correspondences?: { correspondenceId?: string; status?: string; recipient?: string }[];
}

interface StatusEntry {
  status?: string;
  statusText?: string | null;
  statusChanged?: string;
}

interface SentDetail {
  succeeded?: boolean;
  sendStatus?: { status?: string; lastUpdate?: string | null };
}

interface NotificationDetailsJson {
  created?: string;
  isReminder?: boolean;
  notificationStatusDetails?: { email?: SentDetail | SentDetail[] | null; sms?: SentDetail | SentDetail[] | null } | null;
}

export interface CorrespondenceDetailsJson {
  correspondenceId?: string;
  status?: string;
  statusText?: string | null;
  published?: string | null;
  read?: string | null;
  statusHistory?: StatusEntry[] | null;
  notifications?: NotificationDetailsJson[] | null;
}

const ms = (s: string | null | undefined): number | null => {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
};

/**
 * Read is the `read` timestamp or the first Read in the history, never `status == 'Read'`:
 * the top-level status is the highest reached (Confirmed, Archived, … after Read).
 */
export function toCorrespondenceStatus(id: string, d: CorrespondenceDetailsJson): CorrespondenceStatus {
  const history = [...(d.statusHistory ?? [])].sort((a, b) => (ms(a.statusChanged) ?? 0) - (ms(b.statusChanged) ?? 0));
  const first = (name: string) => ms(history.find((h) => h.status === name)?.statusChanged);
  const failedEntry = [...history].reverse().find((h) => h.status === 'Failed' || h.status === 'Reserved');
  let failed: string | null = null;
  if (failedEntry) failed = `${failedEntry.status}: ${failedEntry.statusText || failedEntry.status}`;
  else if (d.status === 'Failed' || d.status === 'Reserved') failed = `${d.status}: ${d.statusText || d.status}`;
  return {
    correspondenceId: d.correspondenceId ?? id,
    published: ms(d.published) ?? first('Published'),
    read: ms(d.read) ?? first('Read'),
    notifications: notices(d.notifications ?? []),
    failed,
  };
}

function notices(list: NotificationDetailsJson[]): CorrespondenceNotice[] {
  const out: CorrespondenceNotice[] = [];
  for (const n of list) {
    const details = n.notificationStatusDetails ?? {};
    for (const [channel, v] of [
      ['email', details.email],
      ['sms', details.sms],
    ] as const) {
      for (const s of v == null ? [] : Array.isArray(v) ? v : [v]) {
        const at = ms(s.sendStatus?.lastUpdate) ?? ms(n.created);
        if (at === null) continue;
        out.push({ at, reminder: n.isReminder === true, channel, ok: s.succeeded === true });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** One CloudEvent of GET /events/api/v1/events (the fields we read). */
export interface CloudEventJson {
  id?: string;
  type?: string;
  time?: string;
  resource?: string;
  resourceinstance?: string;
  source?: string;
  subject?: string;
}

export const CORRESPONDENCE_EVENT_PREFIX = 'no.altinn.correspondence.';

/**
 * `no.altinn.correspondence.` + the AltinnEventType name in lower case → our kind. Reserved
 * (KRR) counts as failed, as in status(); a failed notification is not a failed letter.
 */
const KINDS: Record<string, CorrespondenceEvent['kind']> = {
  correspondencepublished: 'published',
  correspondencereceiverread: 'read',
  correspondencenotificationdelivered: 'notified',
  correspondencereceiverneverread: 'never-read',
  correspondencepublishfailed: 'failed',
  correspondencereceiverreserved: 'failed',
};

export function correspondenceEventKind(type: string | undefined): CorrespondenceEvent['kind'] {
  if (!type?.startsWith(CORRESPONDENCE_EVENT_PREFIX)) return 'other';
  return KINDS[type.slice(CORRESPONDENCE_EVENT_PREFIX.length)] ?? 'other';
}

/** A CloudEvent → CorrespondenceEvent; null when it names no correspondence or has no usable time. */
export function toCorrespondenceEvent(e: CloudEventJson): CorrespondenceEvent | null {
  const at = ms(e.time);
  if (typeof e.id !== 'string' || !e.id || typeof e.resourceinstance !== 'string' || !e.resourceinstance || at === null) return null;
  return { id: e.id, kind: correspondenceEventKind(e.type), correspondenceId: e.resourceinstance, at };
}

/** Error texts never carry a fødselsnummer (11 digits on their own). */
export function redactPersonNumbers(text: string): string {
  return text.replace(/(?<!\d)\d{11}(?!\d)/g, '***********');
}
