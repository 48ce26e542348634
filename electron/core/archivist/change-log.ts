import type { AuditEntry } from '../ports/audit-log.port';
import type { ChangeLogEntry } from '../ports/archive-extraction.port';
import { replyEntryKey } from '../archive/archive.jobs';
import { localDateTime } from '../local-time';
import { SYSTEM_NAME } from './case-file-closure';

/** Audit actions of the archivist's desk (their subject is `entry:<entryKey>`). */
export const ARCHIVIST_ACTIONS = {
  retry: 'archivist.retry',
  recreateCaseFile: 'archivist.recreate-case-file',
  markHandled: 'archivist.mark-handled',
  exportStarted: 'archivist.export-started',
  exportDone: 'archivist.export-done',
  exportFailed: 'archivist.export-failed',
} as const;

/** The audit actions that change archived metadata, and so go in the endringslogg. */
export const CHANGE_LOG_ACTIONS = ['archive.archived', 'archive.marked-sent', 'reply.confirm-recipient', ARCHIVIST_ACTIONS.recreateCaseFile, ARCHIVIST_ACTIONS.markHandled] as const;

export interface ChangeLogContext {
  timezone: string;
  /** systemID of a case file or entry by its external key. */
  systemIdOf(externalKey: string): Promise<string | undefined>;
  /** systemID of a case file by its local id (the recreate audit names the case file by id). */
  caseFileSystemId(caseFileId: number): string | undefined;
  /** Display name of an account ('system' is Postmottak itself). */
  actorName(account: string): string | Promise<string>;
}

const PERSON_NUMBER = /(?<!\d)\d{6}\s?\d{5}(?!\d)/g;
const clean = (s: string): string => s.replace(PERSON_NUMBER, '***********');
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);

/** The external key of the case file or entry an audit subject names (`entry:…`, `case-file:…`, `reply:…` → its U). */
export function subjectKey(subject: string | null): string | null {
  if (!subject) return null;
  const i = subject.indexOf(':');
  if (i < 0) return null;
  const kind = subject.slice(0, i);
  const key = subject.slice(i + 1);
  if (!key) return null;
  if (kind === 'entry' || kind === 'case-file') return key;
  if (kind === 'reply') return replyEntryKey(key);
  return null;
}

type Change = Omit<ChangeLogEntry, 'referanseArkivenhet' | 'endretDato' | 'endretAv'>;

/** The metadata an action changed, by Noark 5 metadata name (endringslogg.xsd referanseMetadata). */
function changesOfAction(a: AuditEntry, timezone: string): Change[] {
  const d = a.details ?? {};
  switch (a.action) {
    case 'archive.archived': {
      const out: Change[] = [{ referanseMetadata: 'journalstatus', tidligereVerdi: null, nyVerdi: 'Arkivert' }];
      const nr = str(d.journalpostnummer);
      if (nr) out.push({ referanseMetadata: 'journalpostnummer', tidligereVerdi: null, nyVerdi: nr });
      return out;
    }
    case 'archive.marked-sent': {
      const sentAt = typeof d.sentAt === 'string' ? Date.parse(d.sentAt) : NaN;
      const out: Change[] = [{ referanseMetadata: 'journalstatus', tidligereVerdi: 'Arkivert', nyVerdi: 'Ekspedert' }];
      if (Number.isFinite(sentAt)) out.push({ referanseMetadata: 'sendtDato', tidligereVerdi: null, nyVerdi: localDateTime(sentAt, timezone) });
      return out;
    }
    case 'reply.confirm-recipient': {
      const name = str(d.registerName);
      return name ? [{ referanseMetadata: 'korrespondansepartNavn', tidligereVerdi: str(d.formName) ?? str(d.previousName), nyVerdi: clean(name) }] : [];
    }
    case ARCHIVIST_ACTIONS.recreateCaseFile: {
      // the archive lost the case file: its numbers are forgotten until it is delivered again
      const out: Change[] = [];
      const aar = str(d.saksaar);
      const seq = str(d.sakssekvensnummer);
      if (aar) out.push({ referanseMetadata: 'saksaar', tidligereVerdi: aar, nyVerdi: null });
      if (seq) out.push({ referanseMetadata: 'sakssekvensnummer', tidligereVerdi: seq, nyVerdi: null });
      return out;
    }
    case ARCHIVIST_ACTIONS.markHandled: {
      const note = str(d.note);
      return note ? [{ referanseMetadata: 'merknadstekst', tidligereVerdi: null, nyVerdi: clean(note) }] : [];
    }
    default:
      return [];
  }
}

/** One audit entry as endringslogg entries; empty when it changes no archived metadata or names nothing known. */
export async function changesOf(a: AuditEntry, ctx: ChangeLogContext): Promise<ChangeLogEntry[]> {
  const changes = changesOfAction(a, ctx.timezone);
  if (changes.length === 0) return [];
  let ref: string | undefined;
  if (a.action === ARCHIVIST_ACTIONS.recreateCaseFile) {
    const id = a.details?.caseFileId;
    ref = typeof id === 'number' ? ctx.caseFileSystemId(id) : undefined;
  } else {
    const key = subjectKey(a.subject);
    ref = key ? await ctx.systemIdOf(key) : undefined;
  }
  if (!ref) return [];
  const endretAv = a.actor === 'system' ? SYSTEM_NAME : await ctx.actorName(a.actor);
  const endretDato = localDateTime(a.at, ctx.timezone);
  return changes.map((c) => ({ referanseArkivenhet: ref, endretDato, endretAv, ...c }));
}

const RELEVANT: ReadonlySet<string> = new Set(CHANGE_LOG_ACTIONS);

/**
 * The endringslogg, streamed from the audit trail: only changes whose referanseArkivenhet is in the
 * package go in (endringslogg.xsd v5.0 refers to arkivenheter of the uttrekk): those `ctx` resolves
 * when it knows only the package's keys, else those `inPackage` accepts.
 */
export async function* changeLog(audit: AsyncIterable<AuditEntry>, ctx: ChangeLogContext, inPackage: (systemId: string) => boolean = () => true): AsyncIterable<ChangeLogEntry> {
  for await (const a of audit) {
    if (!RELEVANT.has(a.action)) continue;
    for (const c of await changesOf(a, ctx)) if (inPackage(c.referanseArkivenhet)) yield c;
  }
}
