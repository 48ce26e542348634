/**
 * Altinn 2 CorrespondenceAgencyExternalBasic: OutgoingCorrespondence → the InsertCorrespondenceV2
 * body, and the `soap` client's parsed answers → core shapes (RESEARCH-NOTES §3.2).
 *
 * The Correspondence element is written here rather than by `soap`: its children live in four
 * namespaces (Correspondence/2010/10, ReporteeElementList/2010/10, Notification/2009/10), and
 * `soap` would put every nested element in the first one. Element order is the WSDL sequences'.
 */
import { z } from 'zod';
import type { CorrespondenceNotice, CorrespondenceStatus, OutgoingCorrespondence } from '../../electron/core/ports/correspondence.port';
import { parseAltinnDateTime } from './altinn2.mapper';

export const A2_NS = {
  correspondence: 'http://schemas.altinn.no/services/ServiceEngine/Correspondence/2010/10',
  attachments: 'http://www.altinn.no/services/ServiceEngine/ReporteeElementList/2010/10',
  notification: 'http://schemas.altinn.no/services/ServiceEngine/Notification/2009/10',
} as const;

export const A2_LANGUAGE: Record<OutgoingCorrespondence['language'], string> = { nb: '1044', nn: '2068', en: '1033' };

export interface NotificationTemplates {
  /** NotificationType when the reply has the legal reminder (revarsel). */
  withReminder: string;
  withoutReminder: string;
}

/** Altinn 2's predefined templates used for letters from public agencies (TextToken 0 subject, 1 body, 2 SMS). */
export const DEFAULT_TEMPLATES: NotificationTemplates = { withReminder: 'VarselDPVMedRevarsel', withoutReminder: 'VarselDPVUtenRevarsel' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#xD;');

/** The children of <Correspondence> (InsertCorrespondenceV2), for the `soap` client's `$xml`. */
export function insertCorrespondenceXml(c: OutgoingCorrespondence, service: { serviceCode: string; serviceEdition: number }, now: number, templates: NotificationTemplates = DEFAULT_TEMPLATES): string {
  const x = (name: string, value: string) => `<c:${name}>${esc(value)}</c:${name}>`;
  const a = (name: string, value: string) => `<r:${name}>${esc(value)}</r:${name}>`;
  const n = (name: string, value: string) => `<n:${name}>${esc(value)}</n:${name}>`;
  const reportee = 'personNumber' in c.recipient ? c.recipient.personNumber : c.recipient.organisationNumber;
  const attachment =
    `<r:BinaryAttachmentV2>` +
    a('DestinationType', 'ShowToAll') +
    a('FunctionType', 'Unspecified') +
    a('FileName', c.letter.filename) +
    a('Name', c.letter.displayName) +
    a('Encrypted', 'false') +
    a('Data', Buffer.from(c.letter.bytes).toString('base64')) +
    a('SendersReference', `${c.sendersReference}:letter`) +
    `</r:BinaryAttachmentV2>`;
  const tokens = [c.notification.emailSubject, c.notification.emailBody, c.notification.sms]
    .map((v, i) => `<n:TextToken>${n('TokenNum', String(i))}${n('TokenValue', v)}</n:TextToken>`)
    .join('');
  const endpoints = ['Email', 'SMS'].map((t) => `<n:ReceiverEndPoint>${n('TransportType', t)}</n:ReceiverEndPoint>`).join('');
  const notification =
    `<n:Notification>` +
    n('FromAddress', 'no-reply@altinn.no') +
    n('ShipmentDateTime', new Date(now).toISOString()) +
    n('LanguageCode', A2_LANGUAGE[c.language]) +
    n('NotificationType', c.reminder ? templates.withReminder : templates.withoutReminder) +
    `<n:TextTokens>${tokens}</n:TextTokens>` +
    `<n:ReceiverEndPoints>${endpoints}</n:ReceiverEndPoints>` +
    `</n:Notification>`;
  // each child of <Correspondence> declares its own prefix, as `soap` puts the wrapper in the operation namespace
  const top = (xml: string) => xml.replace(/^<c:([A-Za-z]+)/, `<c:$1 xmlns:c="${A2_NS.correspondence}"`);
  return [
    x('ServiceCode', service.serviceCode),
    x('ServiceEdition', String(service.serviceEdition)),
    x('Reportee', reportee),
    `<c:Content>${x('LanguageCode', A2_LANGUAGE[c.language])}${x('MessageTitle', c.title)}${c.summary !== null ? x('MessageSummary', c.summary) : ''}${x('MessageBody', c.body)}` +
      `<c:Attachments><c:BinaryAttachments xmlns:r="${A2_NS.attachments}">${attachment}</c:BinaryAttachments></c:Attachments></c:Content>`,
    x('VisibleDateTime', new Date(now).toISOString()),
    x('DueDateTime', new Date(c.dueAt).toISOString()),
    `<c:Notifications xmlns:n="${A2_NS.notification}">${notification}</c:Notifications>`,
    x('AllowForwarding', 'false'),
    x('MessageSender', c.messageSender),
    x('IsReservable', 'true'),
  ]
    .map(top)
    .join('');
}

// --- responses ---------------------------------------------------------------------------------

const intLike = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const text = z.union([z.string(), z.object({ $value: z.string() }).transform((v) => v.$value)]);

function list<T extends z.ZodType>(item: T) {
  return z
    .union([z.array(item), item])
    .nullish()
    .transform((v): z.output<T>[] => (v == null ? [] : Array.isArray(v) ? v : [v as z.output<T>]));
}

export const receiptResponse = z
  .object({
    InsertCorrespondenceBasicV2Result: z.object({
      ReceiptId: intLike.nullish(),
      ReceiptStatusCode: z.string().nullish(),
      ReceiptText: text.nullish(),
      References: z.object({ Reference: list(z.object({ ReferenceTypeName: z.string().nullish(), ReferenceValue: text.nullish() })) }).nullish(),
    }),
  })
  .transform((v) => v.InsertCorrespondenceBasicV2Result);

const statusV2 = z.object({
  CorrespondenceID: intLike,
  CreatedDate: z.string().nullish(),
  Notifications: z.object({ Notification: list(z.object({ SentDate: z.string().nullish(), TransportType: z.string().nullish() })) }).nullish(),
  SendersReference: text.nullish(),
  StatusChanges: z.object({ StatusChangeV2: list(z.object({ StatusDate: z.string().nullish(), StatusType: z.string().nullish() })) }).nullish(),
});
export type StatusV2 = z.output<typeof statusV2>;

export const statusResponse = z
  .object({
    GetCorrespondenceStatusDetailsBasicV3Result: z
      .object({
        CorrespondenceStatusInformation: z
          .object({ CorrespondenceStatusDetailsList: z.object({ StatusV2: list(statusV2) }).nullish(), LimitReached: z.union([z.boolean(), z.string()]).nullish() })
          .nullish(),
      })
      .nullish(),
  })
  .nullish()
  .transform((v) => v?.GetCorrespondenceStatusDetailsBasicV3Result?.CorrespondenceStatusInformation?.CorrespondenceStatusDetailsList?.StatusV2 ?? []);

const when = (s: string | null | undefined): number | null => {
  if (!s) return null;
  const t = parseAltinnDateTime(s);
  return Number.isNaN(t) ? null : t;
};

export function hasStatus(s: StatusV2, type: string): boolean {
  return (s.StatusChanges?.StatusChangeV2 ?? []).some((c) => c.StatusType === type);
}

/**
 * Read is the first StatusChange of type Read. Altinn 2 does not mark reminders, so a later
 * notification on a channel already used counts as the reminder.
 */
export function toCorrespondenceStatus(correspondenceId: string, s: StatusV2): CorrespondenceStatus {
  const changes = (s.StatusChanges?.StatusChangeV2 ?? []).map((c) => ({ type: c.StatusType ?? '', at: when(c.StatusDate) })).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  const first = (type: string) => changes.find((c) => c.type === type && c.at !== null)?.at ?? null;
  const sent = (s.Notifications?.Notification ?? [])
    .map((n) => ({ at: when(n.SentDate), channel: channelOf(n.TransportType) }))
    .filter((n): n is { at: number; channel: CorrespondenceNotice['channel'] } => n.at !== null)
    .sort((a, b) => a.at - b.at);
  const used = new Set<string>();
  const notifications: CorrespondenceNotice[] = sent.map((n) => {
    const reminder = used.has(n.channel);
    used.add(n.channel);
    return { at: n.at, reminder, channel: n.channel, ok: true };
  });
  return {
    correspondenceId,
    published: first('Created') ?? when(s.CreatedDate),
    read: first('Read'),
    notifications,
    failed: first('Reserved') !== null ? 'Reserved: mottakeren er reservert mot digital post (KRR)' : null,
  };
}

function channelOf(t: string | null | undefined): CorrespondenceNotice['channel'] {
  if (t === 'Email' || t === 'EmailPreferred') return 'email';
  if (t === 'SMS' || t === 'SMSPreferred') return 'sms';
  return 'other';
}

/** "{serviceCode}/{edition}/{CorrespondenceID}": the id the port gets, so status() knows the service to ask. */
export function toCorrespondenceRefId(service: { serviceCode: string; serviceEdition: number }, id: number | string): string {
  return `${service.serviceCode}/${service.serviceEdition}/${id}`;
}

export function parseCorrespondenceRefId(id: string): { serviceCode: string; serviceEdition: number; correspondenceId: number | null } | null {
  const m = /^([^/]+)\/(\d+)\/(\d+|receipt-\d+)$/.exec(id);
  if (!m) return null;
  return { serviceCode: m[1]!, serviceEdition: Number(m[2]), correspondenceId: /^\d+$/.test(m[3]!) ? Number(m[3]) : null };
}
