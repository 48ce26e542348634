import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient } from '../sql/sql-client';

export type RetentionPolicy = 'move' | 'remove';

export interface RetentionRun {
  id: number;
  startedAt: number;
  finishedAt: number | null;
  state: 'running' | 'done' | 'failed';
  policy: RetentionPolicy;
  afterDays: number;
  cases: number;
  blobs: number;
  bytes: number;
  orphansRemoved: number;
  error: string | null;
}

interface RunRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  state: RetentionRun['state'];
  policy: RetentionPolicy;
  after_days: number;
  cases: number;
  blobs: number;
  bytes: number;
  orphans_removed: number;
  error: string | null;
}

const toRun = (r: RunRow): RetentionRun => ({
  id: Number(r.id),
  startedAt: Number(r.started_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  state: r.state,
  policy: r.policy,
  afterDays: Number(r.after_days),
  cases: Number(r.cases),
  blobs: Number(r.blobs),
  bytes: Number(r.bytes),
  orphansRemoved: Number(r.orphans_removed),
  error: r.error,
});

/** Ids bound into an IN list: integers the database handed out, checked, so the list is never text from outside. */
const idList = (ids: readonly number[]) => {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`Ugyldig id: ${String(id)}`);
  return `(${ids.join(', ')})`;
};
const SHA = /^[0-9a-f]{64}$/;
const shaList = (shas: readonly string[]) => {
  for (const s of shas) if (!SHA.test(s)) throw new Error('Ugyldig innholdsadresse');
  return `(${shas.map((s) => `'${s}'`).join(', ')})`;
};

/**
 * A submission still in use somewhere: not one retention has finished with, and not one of this batch.
 * A blob any such submission refers to stays in the database (content-addressed bytes are shared).
 */
const HOT_REFERRER = (batch: string) => `(
  EXISTS (SELECT 1 FROM submission_parts p WHERE p.sha256 = b.sha256 AND p.submission_id NOT IN ${batch}
            AND NOT EXISTS (SELECT 1 FROM retention_cases x WHERE x.submission_id = p.submission_id))
  OR EXISTS (SELECT 1 FROM archive_documents d JOIN archive_entries e ON e.id = d.entry_id WHERE d.sha256 = b.sha256 AND e.submission_id NOT IN ${batch}
            AND NOT EXISTS (SELECT 1 FROM retention_cases x WHERE x.submission_id = e.submission_id))
  OR EXISTS (SELECT 1 FROM replies r WHERE r.letter_sha256 = b.sha256 AND r.submission_id NOT IN ${batch}
            AND NOT EXISTS (SELECT 1 FROM retention_cases x WHERE x.submission_id = r.submission_id)))`;

/**
 * #17 item 6: which cases are fully processed and old enough, which of their blobs may leave the
 * database, and the bookkeeping of runs. The files themselves are the caller's (content-files.ts):
 * this repo changes a row only when told the file is written.
 */
export function createRetentionRepo(sql: SqlClient, uow: UnitOfWork) {
  const pg = sql.dialect === 'postgres';
  return {
    /**
     * Submissions whose whole processing ended before `cutoff`, oldest id first after `afterId`.
     * Conservative on purpose: a received application (not quarantined) whose case is approved; its
     * incoming entry exists and every entry of it is archived, in archived case files; the reply was
     * read in Altinn or printed (a reply only sent may still go to print, and needs its letter); every
     * hand-over delivered or done. Each of those moments must lie before the cutoff.
     */
    async eligible(cutoff: number, afterId: number, limit: number): Promise<number[]> {
      const rows = await sql.all<{ id: number }>(
        // walked in id order from the low-water mark (SQLite would otherwise take the status index and sort every case ever received)
        `SELECT s.id FROM submissions s ${pg ? '' : 'NOT INDEXED'}
           JOIN cases c ON c.submission_id = s.id AND c.status = 'approved'
           JOIN replies r ON r.submission_id = s.id
         WHERE s.id > @after AND s.status = 'received' AND s.received_at <= @cutoff
           AND ((r.state = 'read' AND r.read_at <= @cutoff) OR (r.state = 'printed' AND r.printed_at <= @cutoff))
           AND NOT EXISTS (SELECT 1 FROM retention_cases x WHERE x.submission_id = s.id)
           AND EXISTS (SELECT 1 FROM archive_entries e WHERE e.submission_id = s.id AND e.journalposttype = 'I')
           AND NOT EXISTS (SELECT 1 FROM archive_entries e WHERE e.submission_id = s.id
                             AND (e.status <> 'archived' OR e.archived_at IS NULL OR e.archived_at > @cutoff))
           AND NOT EXISTS (SELECT 1 FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id
                             WHERE e.submission_id = s.id AND f.archived_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.submission_id = s.id
                             AND (h.status NOT IN ('delivered', 'done') OR h.updated_at > @cutoff))
         ORDER BY s.id LIMIT @limit`,
        { after: afterId, cutoff, limit },
      );
      return rows.map((r) => Number(r.id));
    },

    /** The blobs of these submissions (parts, archive documents, the reply letter) still in the database and used by no other live case. */
    async movable(submissionIds: readonly number[]): Promise<{ sha256: string; size: number }[]> {
      if (!submissionIds.length) return [];
      const batch = idList(submissionIds);
      const rows = await sql.all<{ sha256: string; size: number }>(
        `SELECT b.sha256, b.size FROM blobs b
         WHERE b.state = 'db' AND b.sha256 IN (
             SELECT p.sha256 FROM submission_parts p WHERE p.submission_id IN ${batch} AND p.sha256 IS NOT NULL
             UNION SELECT d.sha256 FROM archive_documents d JOIN archive_entries e ON e.id = d.entry_id WHERE e.submission_id IN ${batch}
             UNION SELECT r.letter_sha256 FROM replies r WHERE r.submission_id IN ${batch})
           AND NOT ${HOT_REFERRER(batch)}
         ORDER BY b.sha256`,
      );
      return rows.map((r) => ({ sha256: r.sha256, size: Number(r.size) }));
    },

    /** The bytes of a blob still in its row. */
    async data(sha256: string): Promise<Uint8Array | undefined> {
      const r = await sql.get<{ data: Uint8Array }>("SELECT data FROM blobs WHERE sha256 = ? AND state = 'db'", [sha256]);
      return r ? new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) : undefined;
    },

    /**
     * Commits one batch: each blob's bytes leave its row (its file is written already when moved;
     * the sharing check is asked again in the same statement), the cases are finished with, and
     * the run's counts grow. Returns what changed.
     */
    finishBatch: (b: { runId: number; submissionIds: readonly number[]; blobs: readonly { sha256: string; size: number }[]; policy: RetentionPolicy; afterDays: number; at: number }) =>
      uow.run(async () => {
        // the cases first: then "used by a live case" is simply "used by a case retention is not done with"
        for (const id of b.submissionIds) {
          await sql.run('INSERT INTO retention_cases (submission_id, done_at, policy) VALUES (?, ?, ?) ON CONFLICT (submission_id) DO NOTHING', [id, b.at, b.policy]);
        }
        let blobs = 0;
        let bytes = 0;
        // SQLite: the emptied row also moves to the end of the table (a new rowid; the foreign keys name its sha256), so
        // the pages it leaves empty go to the free list and incremental vacuum can give them back; emptied in place,
        // each would keep a page that is almost all unused. PostgreSQL's autovacuum reclaims the space by itself.
        const move = pg ? '' : 'rowid = (SELECT max(rowid) FROM blobs) + 1,';
        for (const blob of b.blobs) {
          // asked again in the same statement: a case that took up these bytes meanwhile keeps them in the database
          const r = await sql.run(
            `UPDATE blobs SET ${move} data = @empty, state = @state, moved_at = @at, after_days = @days
             WHERE sha256 = @sha AND state = 'db' AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = blobs.sha256 AND ${HOT_REFERRER('(0)')})`,
            { empty: new Uint8Array(0), state: b.policy === 'move' ? 'file' : 'removed', at: b.at, days: b.afterDays, sha: blob.sha256 },
          );
          if (r.changes) {
            blobs++;
            bytes += blob.size;
          }
        }
        await sql.run('UPDATE retention_runs SET cases = cases + ?, blobs = blobs + ?, bytes = bytes + ? WHERE id = ?', [b.submissionIds.length, blobs, bytes, b.runId]);
        return { blobs, bytes };
      }),

    /** The first submission at or after `from` retention is not done with (every one before it is): where the next run starts. */
    async lowWater(from: number): Promise<number> {
      const r = await sql.get<{ id: number }>(
        `SELECT s.id FROM submissions s WHERE s.id >= ? AND NOT EXISTS (SELECT 1 FROM retention_cases x WHERE x.submission_id = s.id) ORDER BY s.id LIMIT 1`,
        [from],
      );
      if (r) return Number(r.id);
      return Number((await sql.get<{ id: number | null }>('SELECT max(id) AS id FROM submissions'))?.id ?? 0) + 1;
    },

    async startRun(policy: RetentionPolicy, afterDays: number, at: number): Promise<number> {
      const r = await sql.get<{ id: number }>("INSERT INTO retention_runs (started_at, state, policy, after_days) VALUES (?, 'running', ?, ?) RETURNING id", [at, policy, afterDays]);
      return Number(r!.id);
    },
    async finishRun(id: number, at: number, outcome: { orphansRemoved?: number; error?: string }): Promise<void> {
      await sql.run('UPDATE retention_runs SET finished_at = ?, state = ?, orphans_removed = orphans_removed + ?, error = ? WHERE id = ?', [
        at,
        outcome.error ? 'failed' : 'done',
        outcome.orphansRemoved ?? 0,
        outcome.error ?? null,
        id,
      ]);
    },
    /** A run a killed process left 'running' is closed as failed when the next one starts (its batches that committed stay done). */
    async closeAbandoned(at: number): Promise<void> {
      await sql.run("UPDATE retention_runs SET state = 'failed', finished_at = ?, error = 'Avbrutt (prosessen stoppet); neste kjøring fortsatte der denne slapp.' WHERE state = 'running'", [at]);
    },
    async lastRun(): Promise<RetentionRun | undefined> {
      const r = await sql.get<RunRow>('SELECT * FROM retention_runs ORDER BY id DESC LIMIT 1');
      return r ? toRun(r) : undefined;
    },
    async runs(limit: number): Promise<RetentionRun[]> {
      return (await sql.all<RunRow>('SELECT * FROM retention_runs ORDER BY id DESC LIMIT ?', [limit])).map(toRun);
    },

    /** Blobs and their bytes by where they are (the bytes of moved and removed blobs are what they were). */
    /**
     * The bytes moved to files: through the partial index on moved rows, whose bytes are gone, so it reads
     * only them (blobStats' GROUP BY reads every row's state, stored after the bytes themselves).
     */
    async movedBytes(): Promise<number> {
      const r = await sql.get<{ bytes: number | null }>("SELECT sum(size) AS bytes FROM blobs WHERE state = 'file'");
      return Number(r?.bytes ?? 0);
    },

    async blobStats(): Promise<Record<'db' | 'file' | 'removed', { count: number; bytes: number }>> {
      const out = { db: { count: 0, bytes: 0 }, file: { count: 0, bytes: 0 }, removed: { count: 0, bytes: 0 } };
      for (const r of await sql.all<{ state: 'db' | 'file' | 'removed'; n: number; bytes: number | null }>('SELECT state, count(*) AS n, sum(size) AS bytes FROM blobs GROUP BY state')) {
        out[r.state] = { count: Number(r.n), bytes: Number(r.bytes ?? 0) };
      }
      return out;
    },

    /** Where these blobs' bytes are (absent: no such row). */
    async statesOf(shas: readonly string[]): Promise<Map<string, 'db' | 'file' | 'removed'>> {
      const out = new Map<string, 'db' | 'file' | 'removed'>();
      for (let i = 0; i < shas.length; i += 500) {
        const chunk = shas.slice(i, i + 500);
        for (const r of await sql.all<{ sha256: string; state: 'db' | 'file' | 'removed' }>(`SELECT sha256, state FROM blobs WHERE sha256 IN ${shaList(chunk)}`)) {
          out.set(r.sha256, r.state);
        }
      }
      return out;
    },

    /** Whether retention has finished with this submission, and how. */
    async caseDone(submissionId: number): Promise<{ doneAt: number; policy: RetentionPolicy } | undefined> {
      const r = await sql.get<{ done_at: number; policy: RetentionPolicy }>('SELECT done_at, policy FROM retention_cases WHERE submission_id = ?', [submissionId]);
      return r ? { doneAt: Number(r.done_at), policy: r.policy } : undefined;
    },
  };
}
export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
