import { z } from 'zod';
import { ARCHIVISTS, AUDIT_READERS } from './roles';

/**
 * The archivist's desk (#16): deliveries to sak/arkiv and their refusals, the løpende journal,
 * exports (Noark 5 arkivuttrekk with the pre-check, Noark 4 deposit), the public journal, and the
 * audit trail.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const range = z.object({ from: isoDate, to: isoDate });

export const DELIVERY_STATES = ['pending', 'awaiting-receipt', 'archived', 'failed', 'handled'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);

export const deliveryRowSchema = z.object({
  entryKey: z.string(),
  journalposttype: z.enum(['I', 'U']),
  state: deliveryStateSchema,
  transport: z.string().nullable(),
  /** The case as a link target (the application's publicId) and its number once archived. */
  publicId: z.string().uuid(),
  caseNumber: z.string().nullable(),
  /** Public title (screened parts masked). */
  title: z.string(),
  /** The archive's own message when it refused (11-digit runs masked). */
  lastError: z.string().nullable(),
  updatedAt: z.number(),
  handledBy: z.string().nullable(),
  handledNote: z.string().nullable(),
  can: z.object({ retry: z.boolean(), recreateCaseFile: z.boolean(), markHandled: z.boolean() }),
});
export type DeliveryRowDto = z.infer<typeof deliveryRowSchema>;

export const deliveriesSchema = z.object({
  /** Counts per transport and state. */
  counts: z.array(z.object({ transport: z.string(), state: deliveryStateSchema, count: z.number().int() })),
  /** Refused first, then the rest newest first. */
  rows: z.array(deliveryRowSchema),
  total: z.number().int(),
});

export const journalRowSchema = z.object({
  entryKey: z.string(),
  publicId: z.string().uuid(),
  journalposttype: z.enum(['I', 'U']),
  journaldato: isoDate,
  caseNumber: z.string().nullable(),
  journalpostnummer: z.number().int().nullable(),
  title: z.string(),
  /** Avsender (I) or mottaker (U) names as the register has them (the archivist may see them). */
  correspondents: z.array(z.string()),
  administrativEnhet: z.string(),
  saksbehandler: z.string().nullable(),
  screened: z.boolean(),
  skjermingshjemmel: z.string().nullable(),
  state: deliveryStateSchema,
  /** What is missing for the record to be complete («Ikke avskrevet», «Mangler journalpostnummer», …). */
  missing: z.array(z.string()),
});
export type JournalRowDto = z.infer<typeof journalRowSchema>;

export const journalQuerySchema = range
  .extend({
    journalposttype: z.enum(['I', 'U']).optional(),
    administrativEnhet: z.string().max(100).optional(),
    screened: z.boolean().optional(),
    onlyMissing: z.boolean().optional(),
    limit: z.number().int().min(1).max(2000).default(500),
  })
  .strict();

export const EXPORT_KINDS = ['noark5', 'noark4', 'public-journal'] as const;
export const EXPORT_STATES = ['queued', 'running', 'done', 'failed'] as const;

export const exportSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EXPORT_KINDS),
  arkivdel: z.string().nullable(),
  from: isoDate,
  to: isoDate,
  state: z.enum(EXPORT_STATES),
  phase: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  /** Folder (and .tar) on the hub's disk. */
  outDir: z.string().nullable(),
  tarPath: z.string().nullable(),
  /** Pre-check outcome (Noark 5): passed or the failed controls' ids. */
  checkPassed: z.boolean().nullable(),
  failedChecks: z.array(z.string()),
  leftOut: z.array(z.object({ saksnummer: z.string().nullable(), title: z.string(), reason: z.string() })),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ExportDto = z.infer<typeof exportSchema>;

const fileOut = z.object({ filename: z.string(), contentType: z.string(), base64: z.string() });

export const auditRowSchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  /** Details with personal data masked. */
  details: z.record(z.string(), z.unknown()),
});

export const archivistChannels = {
  'archivist.deliveries': {
    input: z.object({ state: deliveryStateSchema.optional(), transport: z.string().max(40).optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: deliveriesSchema,
    roles: ARCHIVISTS,
  },
  /** A refused entry delivered again (after the archive or the mapping was fixed). */
  'archivist.retry': { input: z.object({ entryKey: z.string().min(1).max(200) }).strict(), output: deliveryRowSchema, roles: ARCHIVISTS },
  /** The archive lost the case file: forget its numbers and deliver the case file and its entries again. */
  'archivist.recreateCaseFile': { input: z.object({ entryKey: z.string().min(1).max(200), reason: z.string().trim().min(3).max(500) }).strict(), output: deliveryRowSchema, roles: ARCHIVISTS },
  /** Fixed by hand in the archive: no more deliveries, with the archivist's note. */
  'archivist.markHandled': { input: z.object({ entryKey: z.string().min(1).max(200), note: z.string().trim().min(3).max(500) }).strict(), output: deliveryRowSchema, roles: ARCHIVISTS },
  'archivist.journal': { input: journalQuerySchema, output: z.object({ rows: z.array(journalRowSchema), total: z.number().int(), missing: z.number().int() }), roles: ARCHIVISTS },
  'archivist.arkivdeler': {
    input: z.object({}).strict(),
    output: z.array(z.object({ arkivdel: z.string(), caseFiles: z.number().int(), firstSaksdato: isoDate.nullable(), lastSaksdato: isoDate.nullable() })),
    roles: ARCHIVISTS,
  },
  /** Starts an export job; follow it with archivist.exportGet. */
  'archivist.exportStart': {
    input: z.discriminatedUnion('kind', [
      range.extend({ kind: z.literal('noark5'), arkivdel: z.string().min(1).max(100), pack: z.boolean().default(false) }).strict(),
      range.extend({ kind: z.literal('noark4'), arkivdel: z.string().min(1).max(100) }).strict(),
      range.extend({ kind: z.literal('public-journal') }).strict(),
    ]),
    output: exportSchema,
    roles: ARCHIVISTS,
  },
  'archivist.exportGet': { input: z.object({ id: z.number().int() }).strict(), output: exportSchema, roles: ARCHIVISTS },
  'archivist.exports': { input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(), output: z.array(exportSchema), roles: ARCHIVISTS },
  /** The pre-check report (html, pdf, json) or the public journal (pdf, xml) of a finished export. */
  'archivist.exportFile': { input: z.object({ id: z.number().int(), file: z.enum(['report-html', 'report-pdf', 'report-json', 'journal-pdf', 'journal-xml']) }).strict(), output: fileOut, roles: ARCHIVISTS },
  /** The public journal before publishing: the rows exactly as they will be published (screened). */
  'archivist.publicJournalPreview': {
    input: range.extend({ limit: z.number().int().min(1).max(2000).default(500) }).strict(),
    output: z.object({
      rows: z.array(z.object({ journalposttype: z.enum(['I', 'U']), journaldato: isoDate, caseNumber: z.string().nullable(), journalpostnummer: z.number().int().nullable(), caseTitle: z.string(), title: z.string(), correspondents: z.array(z.string()), skjermingshjemmel: z.string().nullable(), administrativEnhet: z.string() })),
      total: z.number().int(),
    }),
    roles: ARCHIVISTS,
  },
  'archivist.audit': {
    input: z.object({ subject: z.string().max(200).optional(), publicId: z.string().uuid().optional(), from: isoDate.optional(), to: isoDate.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ rows: z.array(auditRowSchema), chain: z.object({ ok: z.boolean(), checked: z.number().int(), problem: z.object({ seq: z.number().int(), reason: z.string() }).nullable() }) }),
    roles: AUDIT_READERS,
  },
} as const;
