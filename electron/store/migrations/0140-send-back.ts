import type { Migration } from './migration';

/** The case statuses after this step: `returned` (a leader sent the case back, #14) after awaiting-approval. */
export const CASE_STATUS_CHECK_0140 = "('new', 'in-progress', 'decided', 'awaiting-approval', 'returned', 'approved', 'quarantined')";
const CASE_STATUS_CHECK_0040 = "('new', 'in-progress', 'decided', 'awaiting-approval', 'approved', 'quarantined')";

/** The case's event kinds after this step: the leader's send back and rejection of the letter (#14). */
export const CASE_EVENT_KINDS_0140 = `('received', 'archived', 'routed', 'claimed', 'released', 'reassigned', 'note', 'decided', 'letter-edited', 'approved',
  'replied', 'notified', 'read', 'printed', 'print-held', 'print-resumed', 'print-stopped', 'print-manual', 'sent-back', 'letter-rejected')`;

/**
 * Status sort key from this step on: the order of the work, a returned case between the caseworker's
 * and the leader's part. The list orders by exactly this expression (the expression index below).
 */
export const statusRank = (col = 'status') =>
  `CASE ${col} WHEN 'new' THEN 1 WHEN 'in-progress' THEN 2 WHEN 'returned' THEN 3 WHEN 'decided' THEN 4 WHEN 'awaiting-approval' THEN 5 WHEN 'approved' THEN 6 ELSE 7 END`;

interface SchemaRow {
  type: string;
  name: string;
  tbl: string;
  sql: string;
}

/** The desk's tables that reference cases: rebuilt with it (none of them is referenced itself). */
const CHILDREN = ['case_notes', 'case_decisions', 'case_letters', 'case_approvals', 'case_events'] as const;

/**
 * #14, the leader's approval: a case a leader sent back to its caseworker has the status
 * `returned`, and the timeline records the send back and the rejection of a letter.
 *
 * SQLite cannot change a CHECK, and with foreign keys on (inside this step's transaction they
 * cannot be turned off) neither dropping `cases` under its children nor renaming it aside works:
 * a rename rewrites the children's references. So the new `cases` is made beside the old one, each
 * child is copied into a table that references the new one, the old tables are dropped, and the
 * renames bring back the names (renaming `cases_new` rewrites the children's references to
 * `cases`). The indexes and triggers are made again as they were, the status sort index with the
 * new order; `case_events` with the new kinds.
 */
export const m0140SendBack: Migration = {
  version: 140,
  name: 'send-back',
  up(db) {
    const sqlOf = (name: string) => db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)!.sql;
    const table = sqlOf('cases');
    if (!table.includes(CASE_STATUS_CHECK_0040)) throw new Error('0140: the cases table is not as 0040 made it');
    const related = ['cases', ...CHILDREN];
    // the indexes and triggers of these tables, and the triggers elsewhere that write to cases (submissions_desk_sync)
    const kept = db
      .prepare<[], SchemaRow>("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('index', 'trigger') ORDER BY type, name")
      .all()
      .filter((r) => (related.includes(r.tbl) || (r.type === 'trigger' && /UPDATE cases /.test(r.sql))) && r.name !== 'cases_status_rank');
    for (const r of kept) if (r.type === 'trigger') db.exec(`DROP TRIGGER ${r.name}`);
    const newTable = (name: string, sql: string) => {
      const made = sql.replace(/^CREATE TABLE ("?)\w+\1 \(/, `CREATE TABLE ${name} (`).replace(/REFERENCES cases \(submission_id\)/g, 'REFERENCES cases_new (submission_id)');
      if (made === sql) throw new Error(`0140: cannot rebuild ${name}`);
      return made;
    };
    db.exec(`${newTable('cases_new', table.replace(CASE_STATUS_CHECK_0040, CASE_STATUS_CHECK_0140))}; INSERT INTO cases_new SELECT * FROM cases;`);
    for (const child of CHILDREN) {
      const sql =
        child === 'case_events'
          ? `CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES cases (submission_id),
        kind TEXT NOT NULL CHECK (kind IN ${CASE_EVENT_KINDS_0140}),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        text TEXT
      ) STRICT`
          : sqlOf(child);
      db.exec(`${newTable(`${child}_new`, sql)}; INSERT INTO ${child}_new SELECT * FROM ${child}; DROP TABLE ${child};`);
    }
    db.exec('DROP TABLE cases; ALTER TABLE cases_new RENAME TO cases;');
    for (const child of CHILDREN) db.exec(`ALTER TABLE ${child}_new RENAME TO ${child}`);
    for (const r of kept) db.exec(r.sql);
    db.exec(`CREATE INDEX cases_status_rank ON cases (${statusRank()}, received_at);`);
  },
};
