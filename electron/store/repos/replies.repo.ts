import type Database from 'better-sqlite3';
import type { ContactFacts, PersonFacts } from '../../core/ports/register.port';
import type { CachedFacts, NewReply, RegisterCache, ReplyListItem, ReplyListQuery, ReplyPatch, ReplyStore } from '../../core/ports/reply-store.port';
import type { ReplyRecord, ReplyState } from '../../core/replies/reply.types';

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

export function createRepliesRepo(db: Database.Database): ReplyStore {
  const insert = db.prepare(
    `INSERT INTO replies (submission_id, profile_id, reply_key, idempotent_key, state, channel, recipient_json, message_json, letter_sha256, letter_size, letter_filename,
       fallback_days, fallback_business, approved_at, updated_at)
     VALUES (@submissionId, (SELECT profile_id FROM submissions WHERE id = @submissionId), @replyKey, @idempotentKey, @state, @channel, @recipient, @message, @sha256, @size, @filename, @days, @business, @approvedAt, @at)
     ON CONFLICT (reply_key) DO NOTHING`,
  );
  const byKey = db.prepare<[string], Row>('SELECT * FROM replies WHERE reply_key = ?');
  const bySubmission = db.prepare<[number], Row>('SELECT * FROM replies WHERE submission_id = ?');
  const byCorrespondence = db.prepare<[string], Row>('SELECT * FROM replies WHERE correspondence_id = ?');
  const due = db.prepare<[number, number], Row>(
    "SELECT * FROM replies INDEXED BY replies_due WHERE state IN ('sent', 'notified') AND read_at IS NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?",
  );
  const toPoll = db.prepare<[number, number, number], Row>(
    `SELECT * FROM replies INDEXED BY replies_poll WHERE state IN ('sent', 'notified', 'held', 'stopped', 'printing', 'printed') AND read_at IS NULL
       AND correspondence_id IS NOT NULL AND (state <> 'printed' OR printed_at >= ?) AND ifnull(last_polled_at, 0) <= ?
     ORDER BY ifnull(last_polled_at, 0) LIMIT ?`,
  );
  const updates = new Map<string, Database.Statement>();
  const counts = db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM replies GROUP BY state');

  const hiddenClause = (hidden: string[], params: Record<string, unknown>) => {
    if (!hidden.length) return '';
    hidden.forEach((h, i) => (params[`h${i}`] = h));
    return ` AND ifnull(r.profile_id, '') NOT IN (${hidden.map((_, i) => `@h${i}`).join(', ')})`;
  };

  return {
    insert(r: NewReply, at: number) {
      insert.run({
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
      return toRecord(byKey.get(r.replyKey)!);
    },
    byKey: (k) => {
      const r = byKey.get(k);
      return r ? toRecord(r) : undefined;
    },
    bySubmission: (id) => {
      const r = bySubmission.get(id);
      return r ? toRecord(r) : undefined;
    },
    byCorrespondenceId: (id) => {
      const r = byCorrespondence.get(id);
      return r ? toRecord(r) : undefined;
    },
    update(id, patch, at) {
      const keys = (Object.keys(patch) as (keyof ReplyPatch)[]).filter((k) => patch[k] !== undefined);
      if (!keys.length) return;
      const sig = keys.join(',');
      let stmt = updates.get(sig);
      if (!stmt) {
        stmt = db.prepare(`UPDATE replies SET ${keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')}, updated_at = @at WHERE id = @id`);
        updates.set(sig, stmt);
      }
      stmt.run({ ...Object.fromEntries(keys.map((k) => [k, patch[k] ?? null])), at, id });
    },
    due: (now, limit) => due.all(now, limit).map(toRecord),
    toPoll: (now, limit, printedWithinMs) => toPoll.all(now - printedWithinMs, now, limit).map(toRecord),
    list(q: ReplyListQuery) {
      const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
      let where = 'WHERE 1 = 1';
      if (q.state) {
        where += ' AND r.state = @state';
        params.state = q.state;
      }
      if (q.dueBefore !== undefined) {
        where += " AND r.state IN ('sent', 'notified') AND r.read_at IS NULL AND r.deadline_at <= @dueBefore";
        params.dueBefore = q.dueBefore;
      }
      where += hiddenClause(q.hiddenProfileIds, params);
      const order = q.dueBefore !== undefined ? 'r.deadline_at ASC' : 'r.approved_at DESC, r.id DESC';
      const from = q.dueBefore !== undefined ? 'replies r INDEXED BY replies_due_profile' : q.state ? 'replies r' : 'replies r INDEXED BY replies_approved';
      const rows = db
        .prepare(
          `SELECT r.*, s.public_id, s.applicant_name FROM ${from} JOIN submissions s ON s.id = r.submission_id ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        )
        .all(params) as (Row & { public_id: string; profile_id: string | null; applicant_name: string | null })[];
      const total = (db.prepare(`SELECT count(*) AS n FROM ${from} ${where}`).get(params) as { n: number }).n;
      const items: ReplyListItem[] = rows.map((r) => ({ ...toRecord(r), publicId: r.public_id, profileId: r.profile_id, applicantName: r.applicant_name }));
      return { items, total };
    },
    counts(hidden) {
      if (!hidden.length) return Object.fromEntries(counts.all().map((c) => [c.state, c.n]));
      const params: Record<string, unknown> = {};
      const rows = db
        .prepare(`SELECT r.state, count(*) AS n FROM replies r WHERE 1 = 1${hiddenClause(hidden, params)} GROUP BY r.state`)
        .all(params) as { state: string; n: number }[];
      return Object.fromEntries(rows.map((c) => [c.state, c.n]));
    },
    dueSoon(now, within, hidden) {
      const params: Record<string, unknown> = { until: now + within };
      return (
        db
          .prepare(
            `SELECT count(*) AS n FROM replies r INDEXED BY replies_due_profile
             WHERE r.state IN ('sent', 'notified') AND r.read_at IS NULL AND r.deadline_at <= @until${hiddenClause(hidden, params)}`,
          )
          .get(params) as { n: number }
      ).n;
    },
    daily(since, until, tzOffsetMinutes, hidden = []) {
      const off = tzOffsetMinutes * 60_000;
      const day = (col: string) => {
        const params: Record<string, unknown> = { off, since };
        const where = hiddenClause(hidden, params);
        return db
          .prepare<[Record<string, unknown>], { d: string; n: number }>(
            `SELECT date((r.${col} + @off) / 1000, 'unixepoch') AS d, count(*) AS n FROM replies r WHERE r.${col} >= @since${where} GROUP BY d`,
          )
          .all(params);
      };
      const sent = new Map(day('sent_at').map((x) => [x.d, x.n]));
      const read = new Map(day('read_at').map((x) => [x.d, x.n]));
      const printed = new Map(day('printed_at').map((x) => [x.d, x.n]));
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

export function createRegisterCacheRepo(db: Database.Database): RegisterCache {
  const get = db.prepare<[string, string, number], { facts_json: string; fetched_at: number }>(
    'SELECT facts_json, fetched_at FROM register_cache WHERE person_number = ? AND kind = ? AND expires_at > ?',
  );
  const put = db.prepare(
    `INSERT INTO register_cache (person_number, kind, facts_json, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_number, kind) DO UPDATE SET facts_json = excluded.facts_json, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
  );
  const read = <T>(pn: string, kind: string, now: number): CachedFacts<T> | undefined => {
    const r = get.get(pn, kind, now);
    return r ? { facts: JSON.parse(r.facts_json) as T | null, fetchedAt: r.fetched_at } : undefined;
  };
  return {
    person: (pn, now) => read<PersonFacts>(pn, 'person', now),
    contact: (pn, now) => read<ContactFacts>(pn, 'contact', now),
    putPerson: (pn, facts, at, ttl) => void put.run(pn, 'person', JSON.stringify(facts), at, at + ttl),
    putContact: (pn, facts, at, ttl) => void put.run(pn, 'contact', JSON.stringify(facts), at, at + ttl),
  };
}
