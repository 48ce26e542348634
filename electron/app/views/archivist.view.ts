import type { DeliveriesResult, DeliveryView, JournalView } from '../../core/archivist/archivist.service';
import type { PublicJournalRow } from '../../core/ports/archive-extraction.port';
import type { ExportRecord } from '../../core/ports/archivist-store.port';
import type { AuditEntry } from '../../core/ports/audit-log.port';
import { redact, redactText } from '../../core/redact';
import type { archivistChannels, DeliveryRowDto, ExportDto, JournalRowDto } from '../../ipc/archivist.contract';
import type { z } from 'zod';

/**
 * The archivist's desk as the UI sees it (#16): people by name, not by account; the archive's
 * messages and error texts with 11-digit runs (fødselsnummer) masked; audit details redacted.
 */

type Out<C extends keyof typeof archivistChannels> = z.input<(typeof archivistChannels)[C]['output']>;

/** Display name of an account; the account itself when nobody by that account is known (the system, a removed user). */
export type PersonName = (account: string) => string;

/** A transport not yet tried: the desk groups those entries under this label. */
export const NO_TRANSPORT = 'ikke sendt';

const caseNumberOf = (c: { saksaar: number | null; sakssekvensnummer: number | null }): string | null =>
  c.saksaar !== null && c.sakssekvensnummer !== null ? `${c.saksaar}/${c.sakssekvensnummer}` : null;

const masked = (s: string | null): string | null => (s === null ? null : redactText(s));

export function toDeliveryRow(v: DeliveryView, name: PersonName): DeliveryRowDto {
  return {
    entryKey: v.entryKey,
    journalposttype: v.journalposttype,
    state: v.state,
    transport: v.transport,
    publicId: v.publicId,
    caseNumber: caseNumberOf(v),
    title: v.titlePublic,
    lastError: masked(v.lastError),
    updatedAt: v.updatedAt,
    handledBy: v.handled ? name(v.handled.by) : null,
    handledNote: v.handled ? redactText(v.handled.note) : null,
    can: v.can,
  };
}

export function toDeliveries(r: DeliveriesResult, name: PersonName): Out<'archivist.deliveries'> {
  return {
    counts: r.counts.map((c) => ({ transport: c.transport ?? NO_TRANSPORT, state: c.state, count: c.count })),
    rows: r.rows.map((v) => toDeliveryRow(v, name)),
    total: r.total,
  };
}

export function toJournalRow(v: JournalView, publicId: string): JournalRowDto {
  const { row } = v;
  const screening = row.screening ?? row.caseFile.screening;
  return {
    entryKey: row.externalKey,
    publicId,
    journalposttype: row.journalposttype,
    journaldato: row.journaldato,
    caseNumber: caseNumberOf(row.caseFile),
    journalpostnummer: row.journalpostnummer,
    title: row.title,
    correspondents: row.correspondents.map((c) => c.name),
    administrativEnhet: row.administrativEnhet,
    saksbehandler: row.saksbehandler,
    screened: screening !== null,
    skjermingshjemmel: screening?.skjermingshjemmel ?? null,
    state: v.state,
    missing: v.missing,
  };
}

export function toExport(r: ExportRecord, name: PersonName): ExportDto {
  return {
    id: r.id,
    kind: r.kind,
    arkivdel: r.arkivdel,
    from: r.from,
    to: r.to,
    state: r.state,
    phase: r.phase,
    done: r.done,
    total: r.total,
    outDir: r.outDir,
    tarPath: r.tarPath,
    checkPassed: r.checkPassed,
    failedChecks: r.failedChecks,
    leftOut: r.leftOut,
    counts: r.counts,
    error: masked(r.error),
    requestedBy: name(r.requestedBy),
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

/** A public journal row as it will be published: already screened by core; names only, no roles. */
export const toPublicJournalRow = (r: PublicJournalRow): Out<'archivist.publicJournalPreview'>['rows'][number] => ({
  journalposttype: r.journalposttype,
  journaldato: r.journaldato,
  caseNumber: r.saksnummer,
  journalpostnummer: r.journalpostnummer,
  caseTitle: r.caseTitle,
  title: r.title,
  correspondents: r.correspondents.map((c) => c.name),
  skjermingshjemmel: r.skjermingshjemmel,
  administrativEnhet: r.administrativEnhet,
});

/** An audit row: the actor by name where known, subject and details with personal data masked. */
export const toAuditRow = (e: AuditEntry, name: PersonName): Out<'archivist.audit'>['rows'][number] => ({
  seq: e.seq,
  at: e.at,
  actor: name(e.actor),
  action: e.action,
  subject: masked(e.subject),
  details: redact(e.details) as Record<string, unknown>,
});
