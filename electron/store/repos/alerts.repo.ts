import type { AlertKind, AlertsStore, DeadJobGroup, Incident, MailPhase, MailState } from '../../core/operations/alerts.types';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import type { SqlClient } from '../sql/sql-client';

interface IncidentRow {
  id: number | string;
  incident_key: string;
  kind: AlertKind;
  title: string;
  message: string;
  advice: string;
  opened_at: number | string;
  last_seen_at: number | string;
  clear_pending_since: number | string | null;
  cleared_at: number | string | null;
  acknowledged_at: number | string | null;
  acknowledged_by: string | null;
  open_mail: MailState;
  open_mail_at: number | string | null;
  clear_mail: MailState | null;
  clear_mail_at: number | string | null;
  mail_error: string | null;
}

// 64-bit columns come back as strings from PostgreSQL
const num = (v: number | string | bigint): number => Number(v);
const numOrNull = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

const toIncident = (r: IncidentRow): Incident => ({
  id: num(r.id),
  key: r.incident_key,
  kind: r.kind,
  title: r.title,
  message: r.message,
  advice: r.advice,
  openedAt: num(r.opened_at),
  lastSeenAt: num(r.last_seen_at),
  clearPendingSince: numOrNull(r.clear_pending_since),
  clearedAt: numOrNull(r.cleared_at),
  acknowledgedAt: numOrNull(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  openMail: r.open_mail,
  openMailAt: numOrNull(r.open_mail_at),
  clearMail: r.clear_mail,
  clearMailAt: numOrNull(r.clear_mail_at),
  mailError: r.mail_error,
});

/** Alert incidents (#17 item 4), and the dead jobs the evaluator watches, on SQLite and PostgreSQL alike. */
export function createAlertsRepo(sql: SqlClient, _uow: UnitOfWork): AlertsStore & { deadJobs(): Promise<DeadJobGroup[]> } {
  const mailColumns = (phase: MailPhase) => (phase === 'open' ? ['open_mail', 'open_mail_at'] : ['clear_mail', 'clear_mail_at']);
  return {
    open: async () => (await sql.all<IncidentRow>('SELECT * FROM alert_incidents WHERE cleared_at IS NULL ORDER BY opened_at, id')).map(toIncident),
    recent: async (limit) =>
      (await sql.all<IncidentRow>('SELECT * FROM alert_incidents WHERE cleared_at IS NOT NULL ORDER BY cleared_at DESC, id DESC LIMIT ?', [limit])).map(toIncident),
    async get(id) {
      const r = await sql.get<IncidentRow>('SELECT * FROM alert_incidents WHERE id = ?', [id]);
      return r ? toIncident(r) : undefined;
    },
    async insert(i) {
      // the partial unique index refuses a second open incident for the key: the caller learns another evaluation was first
      const r = await sql.get<IncidentRow>(
        `INSERT INTO alert_incidents (incident_key, kind, title, message, advice, opened_at, last_seen_at, open_mail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (incident_key) WHERE cleared_at IS NULL DO NOTHING RETURNING *`,
        [i.key, i.kind, i.title, i.message, i.advice, i.openedAt, i.openedAt, i.openMail],
      );
      return r ? toIncident(r) : undefined;
    },
    touch: async (id, p) =>
      void (await sql.run(
        'UPDATE alert_incidents SET title = ?, message = ?, advice = ?, last_seen_at = ?, clear_pending_since = ? WHERE id = ? AND cleared_at IS NULL',
        [p.title, p.message, p.advice, p.lastSeenAt, p.clearPendingSince, id],
      )),
    clear: async (id, at, clearMail) =>
      (await sql.run('UPDATE alert_incidents SET cleared_at = ?, clear_mail = ? WHERE id = ? AND cleared_at IS NULL', [at, clearMail, id])).changes === 1,
    async acknowledge(id, at, by) {
      await sql.run('UPDATE alert_incidents SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL', [at, by, id]);
      const r = await sql.get<IncidentRow>('SELECT * FROM alert_incidents WHERE id = ?', [id]);
      return r ? toIncident(r) : undefined;
    },
    async setMail(id, phase, state, at, error) {
      const [col, colAt] = mailColumns(phase);
      await sql.run(`UPDATE alert_incidents SET ${col} = ?, ${colAt} = ?, mail_error = ? WHERE id = ?`, [state, at, error, id]);
    },
    async counts() {
      const r = await sql.get<{ n: number | string; u: number | string | null }>(
        'SELECT count(*) AS n, sum(CASE WHEN acknowledged_at IS NULL THEN 1 ELSE 0 END) AS u FROM alert_incidents WHERE cleared_at IS NULL',
      );
      return { open: num(r?.n ?? 0), unacknowledged: num(r?.u ?? 0) };
    },
    pruneCleared: async (before) => (await sql.run('DELETE FROM alert_incidents WHERE cleared_at IS NOT NULL AND cleared_at < ?', [before])).changes,
    async deadJobs() {
      const rows = await sql.all<{ type: string; integration: string | null; n: number | string; newest: number | string; last_error: string | null }>(`
        SELECT type, max(integration) AS integration, count(*) AS n, max(updated_at) AS newest,
          (SELECT j2.last_error FROM jobs j2 WHERE j2.type = jobs.type AND j2.status = 'dead' AND j2.abandoned = 0
            ORDER BY j2.updated_at DESC, j2.id DESC LIMIT 1) AS last_error
        FROM jobs WHERE status = 'dead' AND abandoned = 0 GROUP BY type ORDER BY type`);
      return rows.map((r) => ({ type: r.type, integration: r.integration, count: num(r.n), newestAt: num(r.newest), lastError: r.last_error }));
    },
  };
}
