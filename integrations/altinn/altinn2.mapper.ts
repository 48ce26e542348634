/**
 * Altinn 2 DownloadQueue responses (as the `soap` client parses them) → core shapes.
 * The client's object shapes depend on how well it resolved the WSDL types, so the schemas
 * accept both forms: numbers or digit strings, one item or an array, base64 text or an
 * MTOM/XOP reference.
 */
import { z } from 'zod';
import type { IncomingSubmission, PendingRef, Reportee, SubmissionPart } from '../../electron/core/ingest/submission';

/** One MIME part of an MTOM response, as `soap` hands it over. */
export interface MtomPart {
  body: Buffer;
  headers: Record<string, string>;
}

const intLike = z.union([z.number().int(), z.string().trim().regex(/^-?\d+$/).transform(Number)]);
const dateLike = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const ms = v instanceof Date ? v.getTime() : parseAltinnDateTime(v);
  if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'not a dateTime' });
  return ms;
});
/** Inline base64, or `<xop:Include href="cid:…"/>` when the server used MTOM. */
const binary = z.union([z.string(), z.object({ Include: z.object({ attributes: z.object({ href: z.string() }) }) })]);
type Binary = z.output<typeof binary>;

function list<T extends z.ZodType>(item: T) {
  return z
    .union([z.array(item), item])
    .nullish()
    .transform((v): z.output<T>[] => (v == null ? [] : Array.isArray(v) ? v : [v as z.output<T>]));
}

const queueItem = z.object({
  ArchiveReference: z.string().trim().min(1),
  ArchivedDate: dateLike,
  ServiceCode: z.string().trim().min(1),
  ServiceEditionCode: intLike,
});

export const queueResponse = z
  .object({ GetDownloadQueueItemsResult: z.object({ DownloadQueueItemBE: list(queueItem) }).nullish() })
  .nullish()
  .transform((v) => v?.GetDownloadQueueItemsResult?.DownloadQueueItemBE ?? []);

const form = z.object({
  DataFormatID: z.string().nullish(),
  DataFormatVersionID: intLike.nullish(),
  FormData: z.string().nullish(),
  ParentReference: z.string().nullish(),
});

const attachment = z.object({
  AttachmentData: binary.nullish(),
  AttachmentType: z.string().nullish(),
  FileName: z.string().nullish(),
  AttachmentTypeName: z.string().nullish(),
});

export const formTaskResponse = z
  .object({
    GetArchivedFormTaskBasicDQResult: z.object({
      ArchiveReference: z.string().trim().min(1),
      ArchiveTimeStamp: dateLike,
      Reportee: z.string().nullish(),
      Forms: z.object({ ArchivedFormDQBE: list(form) }).nullish(),
      Attachments: z.object({ ArchivedAttachmentDQBE: list(attachment) }).nullish(),
    }),
  })
  .transform((v) => v.GetArchivedFormTaskBasicDQResult);
export type FormTask = z.output<typeof formTaskResponse>;

export const pdfResponse = z.object({ GetFormSetPdfBasicResult: binary }).transform((v) => v.GetFormSetPdfBasicResult);

export function toPendingRef(item: z.output<typeof queueItem>): PendingRef {
  return {
    source: 'altinn2',
    sourceId: item.ArchiveReference,
    serviceKey: `${item.ServiceCode}:${item.ServiceEditionCode}`,
    a2ArchiveRef: item.ArchiveReference,
    lastChanged: item.ArchivedDate,
  };
}

/** `mtom` holds the form task response's MIME parts (cids are only unique within one message). */
export function toSubmission(ref: PendingRef, task: FormTask, pdf: Uint8Array, mtom: MtomPart[]): IncomingSubmission {
  const forms = [...(task.Forms?.ArchivedFormDQBE ?? [])].sort((a, b) => Number(!!a.ParentReference) - Number(!!b.ParentReference));
  const parts: SubmissionPart[] = [
    ...forms.map((f) => ({ role: 'form' as const, dataType: 'form', filename: null, contentType: 'application/xml', bytes: Buffer.from(f.FormData ?? '', 'utf8') })),
    { role: 'receipt-pdf', dataType: 'formset-pdf', filename: null, contentType: 'application/pdf', bytes: pdf },
    ...(task.Attachments?.ArchivedAttachmentDQBE ?? []).map((a) => ({
      role: 'attachment' as const,
      dataType: a.AttachmentTypeName || 'attachment',
      filename: a.FileName || null,
      contentType: a.AttachmentType || 'application/octet-stream',
      bytes: a.AttachmentData == null ? new Uint8Array() : decodeBinary(a.AttachmentData, mtom),
    })),
  ];
  return { ref, reportee: reportee(task.Reportee), submittedAt: task.ArchiveTimeStamp, parts };
}

/** The form task names its reportee only by number: 11 digits is a person, 9 an organisation. */
function reportee(id: string | null | undefined): Reportee {
  const v = id?.trim() ?? '';
  return { partyId: null, personNumber: /^\d{11}$/.test(v) ? v : null, organisationNumber: /^\d{9}$/.test(v) ? v : null };
}

export function decodeBinary(v: Binary, mtom: MtomPart[]): Uint8Array {
  if (typeof v === 'string') return Buffer.from(v.replace(/\s+/g, ''), 'base64');
  const cid = decodeURIComponent(v.Include.attributes.href.replace(/^cid:/i, ''));
  const part = mtom.find((p) => (p.headers['content-id'] ?? '').replace(/^<|>$/g, '') === cid);
  if (!part) throw new Error('MTOM part referenced by xop:Include is missing');
  return part.body;
}

/**
 * WCF writes DateTime with an offset (Local/Utc kinds) or without one (Unspecified). Altinn 2
 * ran on Norwegian time, so an offset-less value is read as Europe/Oslo wall time.
 */
export function parseAltinnDateTime(s: string): number {
  const v = s.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v)) return NaN;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(v)) return Date.parse(v);
  const wall = Date.parse(`${v}Z`);
  const first = wall - osloOffsetMs(wall);
  return wall - osloOffsetMs(first); // second pass settles DST edges
}

function osloOffsetMs(ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}
