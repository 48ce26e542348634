import type { TFunction } from 'i18next';
import type { DeliveryRowDto, ExportDto } from '../../../electron/ipc/archivist.contract';

/**
 * The Arkiv screen's value lists, kept in step with electron/ipc/archivist.contract.ts (the
 * renderer may import only types from there); `satisfies` makes a typo a compile error.
 */
type DeliveryState = DeliveryRowDto['state'];
export const DELIVERY_STATE_ORDER = ['failed', 'pending', 'awaiting-receipt', 'archived', 'handled'] as const satisfies readonly DeliveryState[];

const STATE_KEYS = {
  pending: 'archivist.states.pending',
  'awaiting-receipt': 'archivist.states.awaiting-receipt',
  archived: 'archivist.states.archived',
  failed: 'archivist.states.failed',
  handled: 'archivist.states.handled',
} as const satisfies Record<DeliveryState, string>;
export const deliveryStateLabel = (t: TFunction, state: DeliveryState): string => t(STATE_KEYS[state]);

const STATE_COLORS = { pending: 'info', 'awaiting-receipt': 'info', archived: 'success', failed: 'danger', handled: 'neutral' } as const satisfies Record<DeliveryState, string>;
export const deliveryStateColor = (state: DeliveryState) => STATE_COLORS[state];

const TRANSPORT_KEYS: Record<string, `archive.transports.${'noark5-rest' | 'geointegrasjon' | 'noark4-ws' | 'arkivmelding'}`> = {
  'noark5-rest': 'archive.transports.noark5-rest',
  geointegrasjon: 'archive.transports.geointegrasjon',
  'noark4-ws': 'archive.transports.noark4-ws',
  arkivmelding: 'archive.transports.arkivmelding',
};
// how the hub names entries no transport has delivered yet (electron/app/views/archivist.view.ts NO_TRANSPORT)
const NO_TRANSPORT = new Set(['', 'none', 'ikke sendt']);
export const isNoTransport = (transport: string | null): boolean => transport === null || NO_TRANSPORT.has(transport);

/** A known transport in words; none (not delivered yet) said so; an unknown one as the hub names it. */
export const transportLabel = (t: TFunction, transport: string | null): string => {
  if (transport === null || NO_TRANSPORT.has(transport)) return t('archivist.noTransport');
  const key = TRANSPORT_KEYS[transport];
  return key ? t(key) : transport;
};

export const typeLabel = (t: TFunction, type: 'I' | 'U'): string => t(type === 'I' ? 'archivist.types.I' : 'archivist.types.U');

type ExportKind = ExportDto['kind'];
export const EXPORT_KINDS = ['noark5', 'noark4', 'public-journal'] as const satisfies readonly ExportKind[];
const KIND_KEYS = {
  noark5: 'archivist.export.kinds.noark5',
  noark4: 'archivist.export.kinds.noark4',
  'public-journal': 'archivist.export.kinds.public-journal',
} as const satisfies Record<ExportKind, string>;
export const exportKindLabel = (t: TFunction, kind: ExportKind): string => t(KIND_KEYS[kind]);
const KIND_HINT_KEYS = {
  noark5: 'archivist.export.kindHints.noark5',
  noark4: 'archivist.export.kindHints.noark4',
  'public-journal': 'archivist.export.kindHints.public-journal',
} as const satisfies Record<ExportKind, string>;
export const exportKindHint = (t: TFunction, kind: ExportKind): string => t(KIND_HINT_KEYS[kind]);

const EXPORT_STATE_KEYS = {
  queued: 'archivist.export.states.queued',
  running: 'archivist.export.states.running',
  done: 'archivist.export.states.done',
  failed: 'archivist.export.states.failed',
} as const satisfies Record<ExportDto['state'], string>;
export const exportStateLabel = (t: TFunction, state: ExportDto['state']): string => t(EXPORT_STATE_KEYS[state]);

// the writers' phases (electron/core/ports/archive-extraction.port.ts ExtractionProgress)
const PHASE_KEYS: Record<string, `archivist.export.phases.${'counting' | 'writing' | 'documents' | 'checking' | 'packing' | 'done'}`> = {
  counting: 'archivist.export.phases.counting',
  writing: 'archivist.export.phases.writing',
  documents: 'archivist.export.phases.documents',
  checking: 'archivist.export.phases.checking',
  packing: 'archivist.export.phases.packing',
  done: 'archivist.export.phases.done',
};
/** A known phase in words, any other as the hub wrote it. */
export const phaseLabel = (t: TFunction, phase: string | null): string | null => {
  if (!phase) return null;
  const key = PHASE_KEYS[phase];
  return key ? t(key) : phase;
};

export type ExportFile = 'report-html' | 'report-pdf' | 'report-json' | 'journal-pdf' | 'journal-xml';
const FILE_KEYS = {
  'report-html': 'archivist.export.files.report-html',
  'report-pdf': 'archivist.export.files.report-pdf',
  'report-json': 'archivist.export.files.report-json',
  'journal-pdf': 'archivist.export.files.journal-pdf',
  'journal-xml': 'archivist.export.files.journal-xml',
} as const satisfies Record<ExportFile, string>;
export const exportFileLabel = (t: TFunction, file: ExportFile): string => t(FILE_KEYS[file]);

/** What a finished export offers to download: the pre-check report, or the public journal. */
export const filesOf = (kind: ExportKind): ExportFile[] =>
  kind === 'public-journal' ? ['journal-pdf', 'journal-xml'] : kind === 'noark5' ? ['report-html', 'report-pdf', 'report-json'] : [];

/** «2026/118-3»: the case number and the entry's number within it, as the journal shows them. */
export const entryNumber = (caseNumber: string | null, journalpostnummer: number | null): string | null =>
  caseNumber === null ? null : journalpostnummer === null ? caseNumber : `${caseNumber}-${journalpostnummer}`;

// ---- calendar dates (the hub's dates are Europe/Oslo dates) ----

const OSLO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Oslo calendar date of an instant, as 'YYYY-MM-DD'. */
export const osloDate = (ms: number): string => OSLO_DATE.format(ms);

export interface Period {
  from: string;
  to: string;
}

/** The calendar month the instant falls in (Oslo), first to last day. */
export function monthOf(ms: number): Period {
  const today = osloDate(ms);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (value: string): boolean => ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** Why a period cannot be asked for, or null when it can. */
export function periodProblem(t: TFunction, p: Period): { field: 'from' | 'to'; message: string } | null {
  if (!isIsoDate(p.from)) return { field: 'from', message: t('archivist.period.required') };
  if (!isIsoDate(p.to)) return { field: 'to', message: t('archivist.period.required') };
  if (p.to < p.from) return { field: 'to', message: t('archivist.period.invalid') };
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/** The export's counts as the hub names them (electron/core/archivist/export-run.ts), in the order shown. */
const COUNT_KEYS = {
  mappe: 'archivist.export.countLabels.mappe',
  saksmapper: 'archivist.export.countLabels.saksmapper',
  registrering: 'archivist.export.countLabels.registrering',
  journalposter: 'archivist.export.countLabels.journalposter',
  dokumentfiler: 'archivist.export.countLabels.dokumentfiler',
  endringer: 'archivist.export.countLabels.endringer',
  converted: 'archivist.export.countLabels.converted',
  utelatt: 'archivist.export.countLabels.utelatt',
  ikkeArkivert: 'archivist.export.countLabels.ikkeArkivert',
} as const;
type CountKey = keyof typeof COUNT_KEYS;
const isCountKey = (k: string): k is CountKey => Object.hasOwn(COUNT_KEYS, k);

export interface ExportCount {
  key: string;
  label: string;
  value: number;
}

/**
 * An export's counts in words, known ones first in a fixed order, unknown ones after as the hub names
 * them. `saksmapper` (the closed case files) is the writer's `mappe` again: shown once when they agree.
 */
export function exportCounts(t: TFunction, counts: Record<string, number>): ExportCount[] {
  const order = Object.keys(COUNT_KEYS);
  const keys = Object.keys(counts).filter((k) => !(k === 'saksmapper' && counts.mappe === counts.saksmapper));
  const rank = (k: string): number => (isCountKey(k) ? order.indexOf(k) : order.length);
  return keys
    .map((key, i) => ({ key, i }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
    .map(({ key }) => ({ key, label: isCountKey(key) ? t(COUNT_KEYS[key]) : key, value: counts[key]! }));
}
