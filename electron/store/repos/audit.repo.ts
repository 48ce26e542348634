import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditEntryInput, AuditLog, AuditVerification } from '../../core/ports/audit-log.port';

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash covers every column but itself, in a fixed order, chained to the previous row. */
export function auditHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.subject, r.details, r.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export function createAuditRepo(db: Database.Database): AuditLog {
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insert = db.prepare('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const setHead = db.prepare(
    'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log');
  const recent = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');

  const append = db.transaction((entry: AuditEntryInput, at: number): AuditEntry => {
    const h = head.get();
    const row: Omit<AuditRow, 'hash'> = {
      seq: (h?.seq ?? 0) + 1,
      at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      details: JSON.stringify(entry.details ?? {}),
      prev_hash: h?.hash ?? GENESIS_HASH,
    };
    const hash = auditHash(row);
    insert.run(row.seq, row.at, row.actor, row.action, row.subject, row.details, row.prev_hash, hash);
    setHead.run(row.seq, hash);
    return toEntry({ ...row, hash });
  });

  return {
    append: (entry, at) => append(entry, at),
    count: () => count.get()!.n,
    recent: (limit) => recent.all(limit).map(toEntry),
    verify(): AuditVerification {
      let expectedSeq = 1;
      let prev = GENESIS_HASH;
      let checked = 0;
      for (const row of all.iterate()) {
        if (row.seq !== expectedSeq) {
          return { ok: false, checked, problem: { seq: expectedSeq, reason: `rad ${expectedSeq} mangler` } };
        }
        if (row.prev_hash !== prev) {
          return { ok: false, checked, problem: { seq: row.seq, reason: 'kjeden er brutt: forrige hash stemmer ikke' } };
        }
        const { hash, ...rest } = row;
        if (auditHash(rest) !== hash) {
          return { ok: false, checked, problem: { seq: row.seq, reason: 'raden er endret etter at den ble skrevet' } };
        }
        prev = hash;
        expectedSeq++;
        checked++;
      }
      const h = head.get();
      const headSeq = h?.seq ?? 0;
      if (headSeq !== checked || (h?.hash ?? GENESIS_HASH) !== prev) {
        return { ok: false, checked, problem: { seq: headSeq, reason: 'de nyeste radene er fjernet' } };
      }
      return { ok: true, checked, problem: null };
    },
  };
}
