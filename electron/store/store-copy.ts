import { createHash } from 'node:crypto';
import type { Store } from './open-store';
import { createAuditRepo } from './repos/audit.repo';
import type { SqlValue } from './sql/sql-client';

/**
 * Every table a store holds, parents before children, with the key that orders its rows. Tables
 * an engine derives by itself (SQLite's FTS5 index, PostgreSQL's case_search) are not copied:
 * the target's triggers rebuild them from the rows. case_persons is derived too, on both engines,
 * and is compared after the copy as a check that the derivation agrees.
 */
export const COPIED_TABLES: readonly { table: string; key: string }[] = [
  { table: 'meta', key: 'key TXT' },
  { table: 'blobs', key: 'sha256 TXT' },
  { table: 'jobs', key: 'id' },
  { table: 'integration_pauses', key: 'integration TXT' },
  { table: 'schedules', key: 'name TXT' },
  { table: 'audit_log', key: 'seq' },
  { table: 'audit_head', key: 'id' },
  { table: 'submissions', key: 'id' },
  { table: 'submission_parts', key: 'submission_id, seq' },
  { table: 'source_items', key: 'source TXT, source_id TXT' },
  { table: 'archive_case_files', key: 'id' },
  { table: 'archive_entries', key: 'id' },
  { table: 'archive_correspondents', key: 'entry_id, seq' },
  { table: 'archive_documents', key: 'entry_id, number' },
  { table: 'cases', key: 'submission_id' },
  { table: 'case_notes', key: 'id' },
  { table: 'case_decisions', key: 'submission_id' },
  { table: 'case_letters', key: 'submission_id' },
  { table: 'case_approvals', key: 'id' },
  { table: 'case_events', key: 'id' },
  { table: 'replies', key: 'id' },
  { table: 'register_cache', key: 'person_number TXT, kind TXT' },
  { table: 'quarantine_actions', key: 'id' },
  { table: 'quarantine_resolutions', key: 'submission_id' },
  { table: 'handovers', key: 'id' },
  { table: 'designs', key: 'kind TXT, profile_id TXT, target TXT, version' },
  { table: 'archive_exports', key: 'id' },
  // #17: health, alert incidents, and what retention moved out (the moved files stay where retention.filesDir points)
  { table: 'integration_health', key: 'integration TXT' },
  { table: 'alert_incidents', key: 'id' },
  { table: 'retention_cases', key: 'submission_id' },
  { table: 'retention_runs', key: 'id' },
];
const DERIVED_CHECKED = [{ table: 'case_persons', key: 'person_number TXT, submission_id' }];
/** Tables whose id the target hands out itself afterwards: its sequence must start past the copied rows. */
const IDENTITY_TABLES = ['jobs', 'submissions', 'archive_case_files', 'archive_entries', 'case_notes', 'case_approvals', 'case_events', 'replies', 'quarantine_actions', 'handovers', 'archive_exports', 'alert_incidents', 'retention_runs'];

const PAGE = 500;

export interface TableReport {
  table: string;
  rows: number;
  sha256: string;
}
export interface CopyReport {
  tables: TableReport[];
  audit: { ok: boolean; checked: number };
}

export class StoreCopyError extends Error {
  override readonly name = 'StoreCopyError';
}

type Row = Record<string, unknown>;

async function columnsOf(store: Store, table: string): Promise<string[]> {
  if (store.kind === 'sqlite') {
    return (await store.sql.all<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)).map((c) => c.name);
  }
  return (
    await store.sql.all<{ c: string }>(
      'SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
      [table],
    )
  ).map((c) => c.c);
}

/** The key as ORDER BY: text keys (marked TXT) compared by bytes on both engines, whatever PostgreSQL's locale. */
const orderBy = (store: Store, key: string) => key.replaceAll(' TXT', store.kind === 'postgres' ? ' COLLATE "C"' : '');
/** The key's columns, for ON CONFLICT. */
const keyColumns = (key: string) => key.replaceAll(' TXT', '');

async function* pages(store: Store, table: string, key: string, cols: string[]): AsyncGenerator<Row[]> {
  // files are large: fewer at a time
  const size = table === 'blobs' ? 20 : PAGE;
  for (let offset = 0; ; offset += size) {
    const rows = await store.sql.all<Row>(`SELECT ${cols.join(', ')} FROM ${table} ORDER BY ${orderBy(store, key)} LIMIT ? OFFSET ?`, [size, offset]);
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}

/** One value in a form both engines give alike: integers as decimal text, bytes as hex. */
const canonical = (v: unknown): string => {
  if (v === null || v === undefined) return 'n';
  if (v instanceof Uint8Array) return `x${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `i${String(v)}`;
  return `s${String(v)}`;
};

/** Row count and a SHA-256 over every row in key order: what must be equal on both sides. */
export async function tableDigest(store: Store, table: string, key: string, cols: string[]): Promise<TableReport> {
  const h = createHash('sha256');
  let rows = 0;
  for await (const page of pages(store, table, key, cols)) {
    for (const r of page) h.update(JSON.stringify(cols.map((c) => canonical(r[c]))) + '\n');
    rows += page.length;
  }
  return { table, rows, sha256: h.digest('hex') };
}

/**
 * Copies every row of `from` into the empty store `to` in one transaction, then proves the copy:
 * the same rows (count and checksum per table, in key order), the same persons index, and an
 * audit chain that verifies on the target. Nothing is reported copied that was not checked.
 */
export async function copyStore(from: Store, to: Store, progress: (table: string, rows: number) => void = () => undefined): Promise<CopyReport> {
  const [vf, vt] = [await from.schemaVersion(), await to.schemaVersion()];
  if (vf !== vt) throw new StoreCopyError(`Skjemaversjonene er ulike (fra ${vf}, til ${vt}): oppgrader begge med «postmottak migrate» først.`);
  for (const t of ['submissions', 'jobs', 'audit_log']) {
    const n = (await to.sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))?.n ?? 0;
    if (n > 0) throw new StoreCopyError(`Mållageret er ikke tomt (${t} har ${n} rader). Kopier bare til en ny, tom database.`);
  }
  const plan: { table: string; key: string; cols: string[] }[] = [];
  for (const { table, key } of COPIED_TABLES) {
    const target = new Set(await columnsOf(to, table));
    const cols = (await columnsOf(from, table)).filter((c) => target.has(c));
    plan.push({ table, key, cols });
  }

  await to.uow.run(async () => {
    for (const { table, key, cols } of plan) {
      let copied = 0;
      for await (const page of pages(from, table, key, cols)) {
        const values: SqlValue[] = [];
        const tuples = page.map((r) => {
          for (const c of cols) values.push((r[c] ?? null) as SqlValue);
          return `(${cols.map(() => '?').join(', ')})`;
        });
        // meta and audit_head may hold rows the target's migration wrote (install id, an empty head): the source's win
        const conflict = table === 'meta' || table === 'audit_head' ? ` ON CONFLICT (${keyColumns(key)}) DO UPDATE SET ${cols.filter((c) => c !== keyColumns(key)).map((c) => `${c} = excluded.${c}`).join(', ')}` : '';
        await to.sql.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}${conflict}`, values);
        copied += page.length;
      }
      progress(table, copied);
    }
    if (to.kind === 'postgres') {
      for (const t of IDENTITY_TABLES) {
        await to.sql.run(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`);
      }
    }
  });

  const tables: TableReport[] = [];
  for (const { table, key, cols } of [...plan, ...(await Promise.all(DERIVED_CHECKED.map(async (d) => ({ ...d, cols: await columnsOf(from, d.table) }))))]) {
    const [a, b] = [await tableDigest(from, table, key, cols), await tableDigest(to, table, key, cols)];
    if (a.rows !== b.rows || a.sha256 !== b.sha256) {
      throw new StoreCopyError(`Kontrollen feilet for ${table}: ${a.rows} rader i kilden, ${b.rows} i målet${a.rows === b.rows ? ' (innholdet er ulikt)' : ''}.`);
    }
    tables.push(b);
  }
  const audit = await createAuditRepo(to.sql, to.uow).verify();
  if (!audit.ok) throw new StoreCopyError(`Revisjonsloggen i målet verifiserer ikke: ${audit.problem?.reason ?? 'ukjent feil'} (rad ${audit.problem?.seq ?? '?'}).`);
  return { tables, audit: { ok: true, checked: audit.checked } };
}
