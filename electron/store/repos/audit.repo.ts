import { createHash } from 'node:crypto';
import type { AuditEntry, AuditLog, AuditVerification } from '../../core/ports/audit-log.port';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient } from '../sql/sql-client';

/** A row of audit_log, as both engines return it. */
export interface AuditRow {
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
/** The advisory-lock key appends queue on (PostgreSQL): 'PM' 2. */
const AUDIT_APPEND_LOCK = 0x504d_0002;

/** The hash covers every column but itself, in a fixed order, chained to the previous row. */
export function auditHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.subject, r.details, r.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: Number(r.at),
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Appends are serialised so each links to the row before it: on PostgreSQL by a transaction-level
 * advisory lock taken before the head is read (a row lock would not do for the very first append,
 * when there is no head row to lock yet), on SQLite by BEGIN IMMEDIATE, which already admits one
 * writer at a time. Concurrent writers from several hub nodes queue behind each other.
 */
export function createAuditRepo(sql: SqlClient, uow: UnitOfWork): AuditLog {
  const head = () => sql.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const serialise = async () => {
    if (sql.dialect === 'postgres') await sql.run('SELECT pg_advisory_xact_lock(?)', [AUDIT_APPEND_LOCK]);
  };

  return {
    append: (entry, at) =>
      uow.run(async (): Promise<AuditEntry> => {
        await serialise();
        const h = await head();
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
        await sql.run('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          row.seq, row.at, row.actor, row.action, row.subject, row.details, row.prev_hash, hash,
        ]);
        await sql.run('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash', [row.seq, hash]);
        return toAuditEntry({ ...row, hash });
      }),
    count: async () => (await sql.get<{ n: number }>('SELECT count(*) AS n FROM audit_log'))!.n,
    recent: async (limit) => (await sql.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?', [limit])).map(toAuditEntry),
    async verify(): Promise<AuditVerification> {
      let expectedSeq = 1;
      let prev = GENESIS_HASH;
      let checked = 0;
      // in pages by seq, so a long chain is never held in memory at once
      const PAGE = 5000;
      for (;;) {
        const rows = await sql.all<AuditRow>('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [expectedSeq, PAGE]);
        for (const row of rows) {
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
        if (rows.length < PAGE) break;
      }
      const h = await sql.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
      const headSeq = h?.seq ?? 0;
      if (headSeq !== checked || (h?.hash ?? GENESIS_HASH) !== prev) {
        return { ok: false, checked, problem: { seq: headSeq, reason: 'de nyeste radene er fjernet' } };
      }
      return { ok: true, checked, problem: null };
    },
  };
}
