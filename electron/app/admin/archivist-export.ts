import fs from 'node:fs';
import path from 'node:path';
import type { ExportStart } from '../../core/archivist/archivist.service';
import type { JournalRow } from '../../core/ports/archive-extract.port';
import type { ExportRecord } from '../../core/ports/archivist-store.port';
import type { Hub } from '../create-hub';

/** #16: the CLI's exports and journals on the data folder's store, through the same core service as the Arkiv screen. */

/** Where exports go unless asked otherwise: config archive.exportDir, else <data>/exports. */
export const exportDirOf = (config: { archive: { exportDir?: string } }, dataDir: string): string =>
  config.archive.exportDir ? path.resolve(config.archive.exportDir) : path.join(dataDir, 'exports');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date argument (YYYY-MM-DD, a real calendar day), or a Norwegian message saying what is wrong. */
export function checkDate(v: string): string | null {
  if (!ISO_DATE.test(v)) return `«${v}» er ikke en dato på formen ÅÅÅÅ-MM-DD`;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) return `«${v}» er ikke en gyldig dato`;
  return null;
}

/** The period of --date, or of --from and --to; a Norwegian message when they do not make one. */
export function periodOf(o: { date?: string; from?: string; to?: string }): { from: string; to: string } | string {
  if (o.date && (o.from || o.to)) return 'Bruk enten --date eller --from og --to, ikke begge.';
  const from = o.date ?? o.from;
  const to = o.date ?? o.to;
  if (!from || !to) return 'Oppgi --date ÅÅÅÅ-MM-DD, eller både --from og --to.';
  const bad = checkDate(from) ?? checkDate(to);
  if (bad) return bad;
  if (from > to) return `Perioden er baklengs: ${from} er etter ${to}.`;
  return { from, to };
}

const PHASES: Record<string, string> = {
  counting: 'teller',
  writing: 'skriver',
  documents: 'dokumenter',
  checking: 'kontrollerer',
  packing: 'pakker',
  done: 'ferdig',
};

/** One progress line (stderr): phase in Norwegian, done of total. */
export const progressLine = (r: Pick<ExportRecord, 'phase' | 'done' | 'total'>): string =>
  `${r.phase ? (PHASES[r.phase] ?? r.phase) : 'starter'}: ${r.done}${r.total ? ` av ${r.total}` : ''}`;

/**
 * Runs one export to the end in this process, under `out` when given (else the export folder):
 * the same start and run the screen's job does, progress read back from the export record.
 */
export async function runExportNow(
  hub: Hub,
  req: ExportStart,
  o: { out?: string; account: string; onProgress?(r: ExportRecord): void; pollMs?: number },
): Promise<ExportRecord> {
  const service = o.out ? hub.archivist.serviceAt(o.out) : hub.archivist.service;
  const started = await service.startExport(req, { account: o.account });
  let last = '';
  const report = async () => {
    const r = await hub.archivist.store.exportById(started.id);
    if (!r || !o.onProgress) return;
    const line = `${r.phase}:${r.done}:${r.total}`;
    if (line !== last) {
      last = line;
      o.onProgress(r);
    }
  };
  let polling = Promise.resolve();
  const timer = setInterval(() => void (polling = polling.then(report).catch(() => undefined)), o.pollMs ?? 500);
  try {
    await service.runExport(started.id);
  } finally {
    clearInterval(timer);
    await polling;
  }
  return service.exportGet(started.id);
}

const KIND_TEXT: Record<ExportRecord['kind'], string> = {
  noark5: 'Arkivuttrekk (Noark 5)',
  noark4: 'Deponering (Noark 4)',
  'public-journal': 'Offentlig journal',
};

/** The Norwegian summary of a finished export (stdout), with the pre-check's verdict and the case files left out. */
export function exportSummary(r: ExportRecord): string[] {
  const lines: string[] = [];
  const scope = `${r.arkivdel ? `arkivdel ${r.arkivdel}, ` : ''}${r.from} – ${r.to}`;
  if (r.state !== 'done') {
    lines.push(`${KIND_TEXT[r.kind]} (${scope}): ${r.error ?? 'Uttrekket feilet av ukjent grunn.'}`);
    return lines;
  }
  lines.push(`${KIND_TEXT[r.kind]} (${scope}) er skrevet.`);
  if (r.outDir) lines.push(`  Mappe: ${r.outDir}`);
  if (r.tarPath) lines.push(`  Pakke: ${r.tarPath}`);
  for (const [name, p] of Object.entries(r.files)) lines.push(`  ${FILE_TEXT[name] ?? name}: ${p}`);
  const counts = Object.entries(r.counts);
  if (counts.length) lines.push(`  Antall: ${counts.map(([k, v]) => `${COUNT_TEXT[k] ?? k} ${v}`).join(', ')}`);
  if (r.checkPassed !== null) {
    lines.push(r.checkPassed ? 'Forhåndskontrollen er bestått.' : `Forhåndskontrollen er IKKE bestått: ${r.failedChecks.join(', ')} feilet. Se rapporten.`);
  }
  if (r.leftOut.length) {
    const n = r.counts.utelatt ?? r.leftOut.length;
    lines.push(`Utelatt: ${n} ${n === 1 ? 'saksmappe' : 'saksmapper'} som ikke er avsluttet${n > r.leftOut.length ? ` (de første ${r.leftOut.length} vises)` : ''}:`);
    for (const l of r.leftOut) lines.push(`  ${l.saksnummer ?? '(uten saksnummer)'}\t${l.title}\t${l.reason}`);
  } else if (r.kind !== 'public-journal') lines.push('Ingen saksmapper er utelatt.');
  return lines;
}

const FILE_TEXT: Record<string, string> = {
  html: 'Rapport (HTML)',
  pdf: 'Rapport (PDF)',
  json: 'Rapport (JSON)',
  'report-html': 'Rapport (HTML)',
  'report-pdf': 'Rapport (PDF)',
  'report-json': 'Rapport (JSON)',
  xml: 'Offentlig journal (XML)',
  'journal-xml': 'Offentlig journal (XML)',
  'journal-pdf': 'Offentlig journal (PDF)',
};

const COUNT_TEXT: Record<string, string> = {
  mappe: 'mapper',
  registrering: 'registreringer',
  dokumentfiler: 'dokumentfiler',
  endringer: 'endringer',
  converted: 'konvertert til PDF/A',
  saksmapper: 'avsluttede saksmapper',
  utelatt: 'utelatt',
  journalposter: 'journalposter',
};

/** The exit code of an export: 0 done and checked, 3 the pre-check failed, 1 the export itself failed. */
export const exportExitCode = (r: ExportRecord): number => (r.state !== 'done' ? 1 : r.checkPassed === false ? 3 : 0);

const JOURNAL_HEADER = ['Journaldato', 'Type', 'Saksnr', 'Journalpostnr', 'Tittel', 'Avsender/mottaker', 'Enhet', 'Saksbehandler', 'Skjerming', 'Status'];

const STATUS_TEXT: Record<JournalRow['status'], string> = { pending: 'venter', 'awaiting-receipt': 'venter på kvittering', archived: 'arkivert', failed: 'avvist' };

const cell = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

/** One row of the løpende journal as a tab-separated line. */
export function journalLine(r: JournalRow): string {
  const c = r.caseFile;
  const screening = r.screening ?? c.screening;
  return [
    r.journaldato,
    r.journalposttype,
    c.saksaar !== null && c.sakssekvensnummer !== null ? `${c.saksaar}/${c.sakssekvensnummer}` : '',
    r.journalpostnummer === null ? '' : String(r.journalpostnummer),
    r.title,
    r.correspondents.map((x) => x.name).join('; '),
    r.administrativEnhet,
    r.saksbehandler ?? '',
    screening?.skjermingshjemmel ?? '',
    STATUS_TEXT[r.status],
  ]
    .map(cell)
    .join('\t');
}

/**
 * The løpende journal for the period as tab-separated lines, streamed from the store page by page
 * into `out` (a file, or stdout when none); returns the number of rows.
 */
export async function writeJournal(hub: Hub, period: { from: string; to: string }, out: NodeJS.WritableStream): Promise<number> {
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(JOURNAL_HEADER.join('\t'));
  let n = 0;
  for await (const r of hub.archivist.reader.journal(period)) {
    await write(journalLine(r));
    n++;
  }
  return n;
}

/** A file stream for --out, in a folder created if missing; closed (flushed) by `end`. */
export function fileOut(file: string): { stream: fs.WriteStream; end(): Promise<void> } {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const stream = fs.createWriteStream(file);
  return { stream, end: () => new Promise((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve()))) };
}
