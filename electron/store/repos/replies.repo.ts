import type { ContactFacts, PersonFacts } from '../../core/ports/register.port';
import type { CachedFacts, NewReply, RegisterCache, ReplyListItem, ReplyListQuery, ReplyPatch, ReplyStore } from '../../core/ports/reply-store.port';
import type { ReplyRecord, ReplyState } from '../../core/replies/reply.types';
import type { UnitOfWork } from '../../core/ports/unit-of-work.port';
import { dialectOf, type Dialect } from '../sql/dialect';
import type { SqlClient, SqlValue } from '../sql/sql-client';

interface Row {
  id: number;
  submission_id: number;
  reply_key: string;
  idempotent_key: string;
  state: ReplyState;
  channel: ReplyRecord['channel'];
  recipient_json: string;
  message_json: string;
  letter_sha256: string;
  letter_size: number;
  letter_filename: string;
  fallback_days: number;
  fallback_business: number;
  approved_at: number;
  correspondence_id: string | null;
  sent_at: number | null;
  notified_at: number | null;
  reminded_at: number | null;
  read_at: number | null;
  deadline_at: number | null;
  printed_at: number | null;
  print_ref: string | null;
  reason: string | null;
  last_polled_at: number | null;
  updated_at: number;
}

const toRecord = (r: Row): ReplyRecord => ({
  id: r.id,
  submissionId: r.submission_id,
  replyKey: r.reply_key,
  idempotentKey: r.idempotent_key,
  state: r.state,
  channel: r.channel,
  recipient: JSON.parse(r.recipient_json) as ReplyRecord['recipient'],
  message: JSON.parse(r.message_json) as ReplyRecord['message'],
  letter: { sha256: r.letter_sha256, size: r.letter_size, filename: r.letter_filename },
  fallback: { days: r.fallback_days, businessDays: r.fallback_business === 1 },
  approvedAt: r.approved_at,
  correspondenceId: r.correspondence_id,
  sentAt: r.sent_at,
  notifiedAt: r.notified_at,
  remindedAt: r.reminded_at,
  readAt: r.read_at,
  deadlineAt: r.deadline_at,
  printedAt: r.printed_at,
  printRef: r.print_ref,
  reason: r.reason,
  lastPolledAt: r.last_polled_at,
  updatedAt: r.updated_at,
});

const COLUMNS: Record<keyof ReplyPatch, string> = {
  state: 'state',
  channel: 'channel',
  correspondenceId: 'correspondence_id',
  sentAt: 'sent_at',
  notifiedAt: 'notified_at',
  remindedAt: 'reminded_at',
  readAt: 'read_at',
  deadlineAt: 'deadline_at',
  printedAt: 'printed_at',
  printRef: 'print_ref',
  reason: 'reason',
  lastPolledAt: 'last_polled_at',
};

const DAY = 86_400_000;

type Params = Record<string, SqlValue>;

/**
 * The sweep's and the poll's queries, named here so the bench can EXPLAIN what the repo runs.
 * The planner hints stay: without ANALYZE SQLite would take replies_state and sort. SQLite matches
 * an expression index by its spelling, so the poll says ifnull as replies_poll does (coalesce on
 * PostgreSQL, which has no ifnull).
 */
export function repliesSql(d: Dialect) {
  const ifnull = d.pg ? 'coalesce' : 'ifnull';
  return {
    due: `SELECT * FROM replies ${d.indexedBy('replies_due')} WHERE state IN ('sent', 'notified') AND read_at IS NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?`,
    toPoll: `SELECT * FROM replies ${d.indexedBy('replies_poll')} WHERE state IN ('sent', 'notified', 'held', 'stopped', 'printing', 'printed') AND read_at IS NULL
       AND correspondence_id IS NOT NULL AND (state <> 'printed' OR printed_at >= ?) AND ${ifnull}(last_polled_at, 0) <= ?
     ORDER BY ${ifnull}(last_polled_at, 0) LIMIT ?`,
  };
}

const INSERT = `INSERT INTO replies (submission_id, profile_id, reply_key, idempotent_key, state, channel, recipient_json, message_json, letter_sha256, letter_size, letter_filename,
       fallback_days, fallback_business, approved_at, updated_at)
     VALUES (@submissionId, (SELECT profile_id FROM submissions WHERE id = @submissionId), @replyKey, @idempotentKey, @state, @channel, @recipient, @message, @sha256, @size, @filename, @days, @business, @approvedAt, @at)
     ON CONFLICT (reply_key) DO NOTHING`;

const hiddenClause = (hidden: string[], params: Params) => {
  if (!hidden.length) return '';
  hidden.forEach((h, i) => (params[`h${i}`] = h));
  return ` AND coalesce(r.profile_id, '') NOT IN (${hidden.map((_, i) => `@h${i}`).join(', ')})`;
};

// one statement per write: the uow parameter is the repositories' common shape
export function createRepliesRepo(sql: SqlClient, _uow: UnitOfWork): ReplyStore {
  const d = dialectOf(sql);
  const q = repliesSql(d);
  const one = async (text: string, param: SqlValue) => {
    const r = await sql.get<Row>(text, [param]);
    return r ? toRecord(r) : undefined;
  };
  const byKey = (k: string) => one('SELECT * FROM replies WHERE reply_key = ?', k);

  return {
    async insert(r: NewReply, at: number) {
      await sql.run(INSERT, {
        submissionId: r.submissionId,
        replyKey: r.replyKey,
        idempotentKey: r.idempotentKey,
        state: r.state,
        channel: r.channel,
        recipient: JSON.stringify(r.recipient),
        message: JSON.stringify(r.message),
        sha256: r.letter.sha256,
        size: r.letter.size,
        filename: r.letter.filename,
        days: r.fallback.days,
        business: r.fallback.businessDays ? 1 : 0,
        approvedAt: r.approvedAt,
        at,
      });
      return (await byKey(r.replyKey))!;
    },
    byKey,
    bySubmission: (id) => one('SELECT * FROM replies WHERE submission_id = ?', id),
    byCorrespondenceId: (id) => one('SELECT * FROM replies WHERE correspondence_id = ?', id),
    async update(id, patch, at) {
      const keys = (Object.keys(patch) as (keyof ReplyPatch)[]).filter((k) => patch[k] !== undefined);
      if (!keys.length) return;
      // the column names come from COLUMNS, never from the caller
      await sql.run(`UPDATE replies SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')}, updated_at = @at WHERE id = @id`, {
        ...Object.fromEntries(keys.map((k) => [k, patch[k] ?? null])),
        at,
        id,
      });
    },
    due: async (now, limit) => (await sql.all<Row>(q.due, [now, limit])).map(toRecord),
    toPoll: async (now, limit, printedWithinMs) => (await sql.all<Row>(q.toPoll, [now - printedWithinMs, now, limit])).map(toRecord),
    async list(lq: ReplyListQuery) {
      const params: Params = { limit: lq.limit, offset: lq.offset };
      let where = 'WHERE 1 = 1';
      if (lq.state) {
        where += ' AND r.state = @state';
        params.state = lq.state;
      }
      if (lq.dueBefore !== undefined) {
        where += " AND r.state IN ('sent', 'notified') AND r.read_at IS NULL AND r.deadline_at <= @dueBefore";
        params.dueBefore = lq.dueBefore;
      }
      where += hiddenClause(lq.hiddenProfileIds, params);
      const order = lq.dueBefore !== undefined ? 'r.deadline_at ASC' : 'r.approved_at DESC, r.id DESC';
      const from = lq.dueBefore !== undefined ? `replies r ${d.indexedBy('replies_due_profile')}` : lq.state ? 'replies r' : `replies r ${d.indexedBy('replies_approved')}`;
      const rows = await sql.all<Row & { public_id: string; profile_id: string | null; applicant_name: string | null }>(
        `SELECT r.*, s.public_id, s.applicant_name FROM ${from} JOIN submissions s ON s.id = r.submission_id ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        params,
      );
      const { limit: _l, offset: _o, ...countParams } = params;
      const total = (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${from} ${where}`, countParams))!.n;
      const items: ReplyListItem[] = rows.map((r) => ({ ...toRecord(r), publicId: r.public_id, profileId: r.profile_id, applicantName: r.applicant_name }));
      return { items, total };
    },
    async counts(hidden) {
      const params: Params = {};
      const rows = hidden.length
        ? await sql.all<{ state: string; n: number }>(`SELECT r.state, count(*) AS n FROM replies r WHERE 1 = 1${hiddenClause(hidden, params)} GROUP BY r.state`, params)
        : await sql.all<{ state: string; n: number }>('SELECT state, count(*) AS n FROM replies GROUP BY state');
      return Object.fromEntries(rows.map((c) => [c.state, c.n]));
    },
    async dueSoon(now, within, hidden) {
      const params: Params = { until: now + within };
      const row = await sql.get<{ n: number }>(
        `SELECT count(*) AS n FROM replies r ${d.indexedBy('replies_due_profile')}
             WHERE r.state IN ('sent', 'notified') AND r.read_at IS NULL AND r.deadline_at <= @until${hiddenClause(hidden, params)}`,
        params,
      );
      return row!.n;
    },
    async daily(since, until, tzOffsetMinutes, hidden = []) {
      const off = tzOffsetMinutes * 60_000;
      const day = async (col: string) => {
        const params: Params = { off, since };
        const where = hiddenClause(hidden, params);
        const rows = await sql.all<{ d: string; n: number }>(
          `SELECT ${d.dateOfMs(`r.${col}`, '@off')} AS d, count(*) AS n FROM replies r WHERE r.${col} >= @since${where} GROUP BY d`,
          params,
        );
        return new Map(rows.map((x) => [x.d, x.n]));
      };
      const sent = await day('sent_at');
      const read = await day('read_at');
      const printed = await day('printed_at');
      const out: { date: string; sent: number; read: number; printed: number }[] = [];
      const first = Math.floor((since + off) / DAY);
      const last = Math.floor((until + off) / DAY);
      for (let n = first; n <= Math.max(first, last); n++) {
        const date = new Date(n * DAY).toISOString().slice(0, 10);
        out.push({ date, sent: sent.get(date) ?? 0, read: read.get(date) ?? 0, printed: printed.get(date) ?? 0 });
      }
      return out;
    },
  };
}

export function createRegisterCacheRepo(sql: SqlClient): RegisterCache {
  const read = async <T>(pn: string, kind: string, now: number): Promise<CachedFacts<T> | undefined> => {
    const r = await sql.get<{ facts_json: string; fetched_at: number }>(
      'SELECT facts_json, fetched_at FROM register_cache WHERE person_number = ? AND kind = ? AND expires_at > ?',
      [pn, kind, now],
    );
    return r ? { facts: JSON.parse(r.facts_json) as T | null, fetchedAt: r.fetched_at } : undefined;
  };
  const put = async (pn: string, kind: string, facts: unknown, at: number, ttl: number): Promise<void> =>
    void (await sql.run(
      `INSERT INTO register_cache (person_number, kind, facts_json, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_number, kind) DO UPDATE SET facts_json = excluded.facts_json, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
      [pn, kind, JSON.stringify(facts), at, at + ttl],
    ));
  return {
    person: (pn, now) => read<PersonFacts>(pn, 'person', now),
    contact: (pn, now) => read<ContactFacts>(pn, 'contact', now),
    putPerson: (pn, facts, at, ttl) => put(pn, 'person', facts, at, ttl),
    putContact: (pn, facts, at, ttl) => put(pn, 'contact', facts, at, ttl),
  };
}
