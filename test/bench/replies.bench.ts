import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { LetterDocument } from '../../electron/core/ports/letter-renderer.port';
import type { ReplyMessage, ReplyState } from '../../electron/core/replies/reply.types';
import { createRepliesRepo, openStore } from '../../electron/store';
import { repliesSql } from '../../electron/store/repos/replies.repo';
import { dialectOf } from '../../electron/store/sql/dialect';
import { createLetterPdfRenderer } from '../../integrations/letters/letter-pdf.renderer';
import { createPrintPdfRenderer } from '../../integrations/letters/print-pdf.renderer';
import type { Bench, Figure } from './bench.types';
import { FIRST, HIDDEN, LAST, pad, PLACES, prng, PROFILES, STREETS } from './bench-seed';

const N = Number(process.env.BENCH_REPLIES_COUNT ?? 100_000);
const RUNS = Number(process.env.BENCH_REPLIES_RUNS ?? 200);
const LETTERS = Number(process.env.BENCH_REPLIES_LETTERS ?? 200);
const DAY = 86_400_000;
/** "Now" when the store is seeded: deadlines of the outstanding replies lie in the 10 days after it. */
const T0 = Date.UTC(2026, 10, 2, 6);
const DUE_AIM_MS = 50;
const BUDGET_MS = Number(process.env.BENCH_REPLIES_BUDGET_MS ?? 1_500);
const LETTERS_AIM = 50;
const RESOURCES = path.resolve(__dirname, '../../resources');

/** The sweep's and the poll's queries as electron/store/repos/replies.repo.ts runs them on SQLite, so EXPLAIN QUERY PLAN looks at what the repo runs. */
const REPO_SQL = repliesSql(dialectOf({ dialect: 'sqlite' }));
const DUE_SQL = REPO_SQL.due;


const message = (title: string, caseNumber: string): ReplyMessage => ({
  title,
  summary: 'Kommunen har behandlet søknaden din.',
  body: 'Vedtaket ligger vedlagt som PDF. Les det nøye; du har rett til å klage innen tre uker etter at du fikk det.',
  language: 'nb',
  messageSender: 'Ørland kommune',
  notification: {
    emailSubject: 'Du har fått svar fra Ørland kommune',
    emailBody: 'Logg inn i Altinn for å lese svaret på søknaden din. Leser du det ikke innen fristen, sender vi det i posten.',
    sms: 'Du har fått svar fra Ørland kommune i Altinn.',
  },
  resourceId: 'orland-kommune-svar',
  altinn2Service: null,
  sender: { name: 'Ørland kommune', orgNumber: '964982953' },
  caseNumber,
});

/**
 * N approved applications, each with its case and its reply, written with plain INSERTs in one
 * transaction into a store migrated by the real migrations. The replies:
 * ~60 % sent/notified and unread with the deadline in the next 10 days, ~25 % read, ~10 % printed,
 * ~5 % held; every one with a correspondence id and a last poll spread over the last days.
 */
export function seedReplies(db: Database.Database, n: number): Record<string, number> {
  const r = prng(50);
  const insertSub = db.prepare(`
    INSERT INTO submissions (public_id, status, service_key, profile_id, profile_version, reportee_person_number, applicant_name, title,
      title_public, form_json, submitted_at, received_at)
    VALUES (?, 'received', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`);
  // The desk's insert triggers are most of the seeding time and nothing here reads what they write:
  // submissions_desk_insert fills the search index and case_persons (empty here), cases_fill copies
  // profile, received time and name key onto the case with an UPDATE (inserted directly here).
  // Both are put back afterwards as the migration wrote them, so the schema is the app's.
  const triggers = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('cases_fill', 'submissions_desk_insert')").all();
  if (triggers.length !== 2) throw new Error('the desk triggers have changed: update seedReplies');
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const insertCase = db.prepare(
    `INSERT INTO cases (submission_id, status, assignee_account, assignee_name, deadline_at, preliminary_reply_at, updated_at, profile_id, received_at, applicant_key)
     VALUES (?, 'approved', 'kari.saksbehandler', 'Kari Saksbehandler', ?, ?, ?, ?, ?, ?)`,
  );
  const insertReply = db.prepare(`
    INSERT INTO replies (submission_id, reply_key, idempotent_key, state, channel, recipient_json, message_json, letter_sha256, letter_size, letter_filename,
      fallback_days, fallback_business, approved_at, correspondence_id, sent_at, notified_at, reminded_at, read_at, deadline_at, printed_at, print_ref,
      reason, last_polled_at, updated_at)
    VALUES (?, ?, ?, ?, 'altinn3', ?, ?, ?, ?, 'vedtak.pdf', 10, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const states: Record<string, number> = {};
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const profile = r.pick(PROFILES);
      const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
      const person = `${pad(1 + r.int(28), 2)}${pad(1 + r.int(12), 2)}${pad(60 + r.int(40), 2)}${pad(r.int(100_000), 5)}`;
      const title = `${profile.title} - ${name}`;
      const form = {
        applicant: { name, personNumber: person, address: { street: `${r.pick(STREETS)} ${1 + r.int(120)}`, postalCode: pad(r.int(10_000), 4), postalPlace: r.pick(PLACES) } },
        title,
        fields: { onsketOppstart: '2026-08-01' },
        lists: {},
      };
      const u = r.next();
      let state: ReplyState;
      // the deadline (10 days after the send) decides when the reply was sent and approved
      let deadline: number;
      if (u < 0.6) {
        state = r.next() < 0.5 ? 'sent' : 'notified';
        deadline = T0 + Math.floor(r.next() * 10 * DAY);
      } else if (u < 0.85) {
        state = 'read';
        deadline = T0 - 60 * DAY + Math.floor(r.next() * 70 * DAY);
      } else if (u < 0.95) {
        state = 'printed';
        deadline = T0 - Math.floor(r.next() * 120 * DAY); // some printed longer ago than toPoll's 60-day window
      } else {
        state = 'held';
        deadline = T0 - 5 * DAY + Math.floor(r.next() * 15 * DAY);
      }
      states[state] = (states[state] ?? 0) + 1;
      const sentAt = deadline - 10 * DAY;
      const approvedAt = sentAt - r.int(30 * 60_000);
      const receivedAt = approvedAt - (3 + r.int(40)) * DAY;
      const notifiedAt = state === 'sent' ? null : sentAt + r.int(10 * 60_000);
      const readAt = state === 'read' ? sentAt + r.int(Math.min(10 * DAY, T0 - sentAt)) : state === 'printed' && r.next() < 0.2 ? deadline + r.int(5 * DAY) : null;
      const printedAt = state === 'printed' ? deadline + r.int(3_600_000) : null;
      // the poll visits the least recently asked first: outstanding ones within the last two days, a few never
      const lastPolled = state === 'read' ? readAt : r.next() < 0.03 ? null : T0 - r.int((state === 'printed' ? 7 : 2) * DAY);

      const { lastInsertRowid } = insertSub.run(`svar-${i}`, `kommune/${profile.id}`, profile.id, person, name, title, title.replace(name, '*****'), JSON.stringify(form), receivedAt - 60_000, receivedAt);
      const id = Number(lastInsertRowid);
      insertCase.run(id, receivedAt + 28 * DAY, receivedAt + 21 * DAY, approvedAt, profile.id, receivedAt, name.toLowerCase().replace(/[æä]/g, '{').replace(/[øö]/g, '|').replace(/å/g, '}'));
      const key = `reply-${pad(i, 6)}`;
      insertReply.run(
        id,
        key,
        `00000000-0000-4000-8000-${pad(i, 12)}`,
        state,
        JSON.stringify({ personNumber: person }),
        JSON.stringify(message(`Vedtak: ${profile.title}`, `2026/${1000 + i}`)),
        (i % 16).toString(16).repeat(64),
        40_000 + r.int(40_000),
        approvedAt,
        `c0${pad(i, 6)}-0000-4000-8000-000000000000`,
        sentAt,
        notifiedAt,
        state === 'notified' && r.next() < 0.3 ? sentAt + 7 * DAY : null,
        readAt,
        deadline,
        printedAt,
        printedAt === null ? null : `print-${i}`,
        state === 'held' ? 'Venter på ny adresse fra søker' : null,
        lastPolled,
        Math.max(sentAt, readAt ?? 0, printedAt ?? 0, lastPolled ?? 0),
      );
    }
  })();
  for (const t of triggers) db.exec(t.sql);
  return states;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: Number(at(50).toFixed(2)), p95: Number(at(95).toFixed(2)), max: Number(s[s.length - 1]!.toFixed(2)) };
}

/**
 * Timings of fn at "now" values spread over the 10 days of deadlines, after a warm-up call
 * (statements prepared, pages cached): `runs` of them, or fewer (at least 8, so p95 = max) when
 * a slow query has used up BUDGET_MS, which keeps the bench short on a store that is slow.
 */
async function time(runs: number, fn: (now: number) => Promise<unknown>) {
  // a low-discrepancy sequence, so that a run cut short still covers the 10 days
  const nowAt = (i: number) => T0 + Math.floor(((i * 0.6180339887) % 1) * 10 * DAY);
  await fn(nowAt(runs));
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i >= 8 && performance.now() - start > BUDGET_MS) break;
    const now = nowAt(i);
    const t0 = performance.now();
    await fn(now);
    samples.push(performance.now() - t0);
  }
  return { ...stats(samples), n: samples.length };
}

function plan(db: Database.Database, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

const paragraph = (i: number) =>
  `Avsnitt ${i}. Kommunen har behandlet søknaden om plass i skolefritidsordningen. Etter opplæringsloven § 13-7 skal kommunen ha et tilbud ` +
  `før og etter skoletid for elever på 1.–4. trinn, og vi har lagt vekt på opplysningene i søknaden og på retningslinjene for opptak.`;

/** A two-page decision letter; the recipient varies so no two renderings are the same document. */
function letterFor(i: number): LetterDocument {
  const r = prng(1000 + i);
  return {
    municipality: { name: 'Ørland kommune', orgNumber: '964 982 953', unit: 'Oppvekst og kultur' },
    recipient: { name: `${r.pick(FIRST)} ${r.pick(LAST)}`, street: `${r.pick(STREETS)} ${1 + r.int(120)}`, postalCode: pad(r.int(10_000), 4), postalPlace: r.pick(PLACES) },
    caseNumber: `2026/${1000 + i}`,
    date: '2026-11-29',
    title: 'Vedtak om plass i SFO – skoleåret 2026/2027',
    body: [
      'Vi viser til søknaden din om plass i SFO, mottatt 2. oktober 2026.',
      'Vedtak: Søknaden er innvilget. Barnet får plass ved Brekstad skole fra 1. august 2027, med 100 % plass.',
      ...Array.from({ length: 8 }, (_, k) => paragraph(k + 1)),
      'Du kan klage på vedtaket. Fristen er tre uker fra du mottok dette brevet, jf. forvaltningsloven §§ 28 og 29. Klagen sendes til oss; ' +
        'tar vi den ikke til følge, sender vi den videre til Statsforvalteren i Trøndelag. Du har rett til å se dokumentene i saken (§ 18).',
    ].join('\n\n'),
    caseworker: { name: 'Kari Nordmann', unit: 'Seksjon for oppvekst' },
    language: 'nb',
  };
}

/** The Svar screen's queries and the sweep's and poll's on N replies; then letter and print-ready PDF throughput. */
export const repliesBench: Bench = {
  name: 'replies',
  description: `the reply sweep and read poll on ${N.toLocaleString('en-US')} replies on disk, and print-ready letters per second`,
  async run() {
    const figures: Record<string, Figure> = {};
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-replies-'));
    try {
      const file = path.join(dir, 'postmottak.db');
      let store = openStore(file);
      store.db.pragma('cache_size = -262144'); // 256 MB while seeding only; the measured connection keeps the default
      const t0 = performance.now();
      const states = seedReplies(store.db, N);
      const seedMs = performance.now() - t0;
      await store.close();
      store = openStore(file); // a fresh connection, as the app has after a restart
      const repo = createRepliesRepo(store.sql, store.uow);
      if (!DUE_SQL.includes('INDEXED BY replies_due ')) throw new Error('due() no longer names the replies_due index on SQLite: update this bench');

      let dueRows = 0;
      const due = await time(RUNS, async (now) => (dueRows += (await repo.due(now, 200)).length));
      const last = await repo.due(T0 + 10 * DAY, 200);
      if (last.length !== 200 || last.some((x, i) => (x.state !== 'sent' && x.state !== 'notified') || x.readAt !== null || (i > 0 && x.deadlineAt! < last[i - 1]!.deadlineAt!)))
        throw new Error('due() gives the wrong rows');
      const toPoll = await time(RUNS, (now) => repo.toPoll(now, 200, 60 * DAY));
      if ((await repo.toPoll(T0, 200, 60 * DAY)).length !== 200) throw new Error('toPoll() gives too few rows');
      const counts = await time(RUNS, () => repo.counts([]));
      const dueSoon = await time(RUNS, (now) => repo.dueSoon(now, 3 * DAY, []));
      const countsHidden = await time(RUNS, () => repo.counts([HIDDEN]));
      const dueSoonHidden = await time(RUNS, (now) => repo.dueSoon(now, 3 * DAY, [HIDDEN]));
      const list = await time(RUNS, () => repo.list({ limit: 50, offset: 0, hiddenProfileIds: [] }));
      const listDue = await time(RUNS, (now) => repo.list({ dueBefore: now + 3 * DAY, limit: 50, offset: 0, hiddenProfileIds: [] }));
      const page = await repo.list({ limit: 50, offset: 0, hiddenProfileIds: [] });
      if (page.items.length !== 50 || page.total !== N) throw new Error('list() gives the wrong page');

      const duePlan = plan(store.db, DUE_SQL, T0, 200);
      const usesIndex = duePlan.some((d) => /USING (COVERING )?INDEX replies_due\b/.test(d)) && !duePlan.some((d) => /^SCAN replies\b/.test(d));
      const sizeMb = (await store.sizeBytes()) / 1e6;
      const plans = {
        'toPoll()': plan(store.db, REPO_SQL.toPoll, T0 - 60 * DAY, T0, 200),
        'list() page': plan(store.db, 'SELECT r.*, s.public_id, s.profile_id, s.applicant_name FROM replies r JOIN submissions s ON s.id = r.submission_id WHERE 1 = 1 ORDER BY r.approved_at DESC, r.id DESC LIMIT 50 OFFSET 0'),
        'list() total': plan(store.db, 'SELECT count(*) AS n FROM replies r JOIN submissions s ON s.id = r.submission_id WHERE 1 = 1'),
        'dueSoon()': plan(store.db, "SELECT count(*) AS n FROM replies r JOIN submissions s ON s.id = r.submission_id WHERE r.state IN ('sent', 'notified') AND r.read_at IS NULL AND r.deadline_at <= ?", T0),
      };
      await store.close();

      process.stdout.write(
        `  seeded ${N} replies (+ submissions, cases) in ${(seedMs / 1000).toFixed(1)} s (${sizeMb.toFixed(0)} MB): ` +
          `${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}; due() returned ${(dueRows / (due.n + 1)).toFixed(0)} rows on average\n` +
          `  samples (of ${RUNS}, ${BUDGET_MS / 1000} s budget per query): ${Object.entries({ due, toPoll, counts, dueSoon, countsHidden, dueSoonHidden, list, listDue }).map(([k, v]) => `${k} ${v.n}`).join(', ')}\n` +
          `  due() plan: ${duePlan.join(' / ')}\n` +
          `  due() p95 ${due.p95} ms: ${due.p95 < DUE_AIM_MS ? 'aim met' : 'AIM MISSED'} (< ${DUE_AIM_MS} ms); replies_due index ${usesIndex ? 'used, no scan of replies' : 'NOT used'}\n` +
          Object.entries(plans).map(([k, v]) => `  ${k} plan: ${v.join(' / ')}\n`).join(''),
      );
      Object.assign(figures, {
        'due-p50': { value: due.p50, unit: 'ms' },
        'due-p95': { value: due.p95, unit: 'ms' },
        'due-max': { value: due.max, unit: 'ms' },
        'due-p95-aim-met': { value: due.p95 < DUE_AIM_MS ? 1 : 0, unit: `1 = yes (p95 < ${DUE_AIM_MS} ms)` },
        'due-uses-replies_due-index': { value: usesIndex ? 1 : 0, unit: '1 = yes (no scan)' },
        'to-poll-p95': { value: toPoll.p95, unit: 'ms' },
        'counts-p95': { value: counts.p95, unit: 'ms' },
        'due-soon-p95': { value: dueSoon.p95, unit: 'ms' },
        'counts-hidden-p95': { value: countsHidden.p95, unit: 'ms' },
        'due-soon-hidden-p95': { value: dueSoonHidden.p95, unit: 'ms' },
        'list-page-p95': { value: list.p95, unit: 'ms' },
        'list-due-3d-p95': { value: listDue.p95, unit: 'ms' },
        'seed-replies-per-second': { value: Math.round(N / (seedMs / 1000)), unit: 'replies/s' },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // Print-ready letters: the letter as archived, then the address page in front of it.
    const letters = createLetterPdfRenderer({ fontDir: path.join(RESOURCES, 'fonts'), iccProfile: path.join(RESOURCES, 'icc', 'sRGB.icc') });
    const print = createPrintPdfRenderer({ resourcesDir: RESOURCES });
    const printInput = (bytes: Uint8Array, doc: LetterDocument) => ({
      letter: bytes,
      recipient: { name: doc.recipient.name, address: { lines: [doc.recipient.street!], postalCode: doc.recipient.postalCode!, postalPlace: doc.recipient.postalPlace!, country: null } },
      sender: { name: doc.municipality.name, orgNumber: doc.municipality.orgNumber },
      reference: doc.caseNumber!,
      date: doc.date,
    });
    for (let i = 0; i < 5; i++) {
      const w = await letters.render(letterFor(-1 - i)); // warm-up: fonts parsed, code optimised
      await print.printReady(printInput(w.bytes, letterFor(-1 - i)));
    }
    // the letters as archived (each rendered once), then the address page put in front of each
    const docs = Array.from({ length: LETTERS }, (_, i) => letterFor(i));
    const rendered: Uint8Array[] = [];
    let pages = 0;
    const tl = performance.now();
    for (const doc of docs) {
      const l = await letters.render(doc);
      rendered.push(l.bytes);
      pages += l.pages;
    }
    const letterMs = performance.now() - tl;
    let printPages = 0;
    let bytes = 0;
    const tp = performance.now();
    for (let i = 0; i < LETTERS; i++) {
      const p = await print.printReady(printInput(rendered[i]!, docs[i]!));
      printPages += p.pages;
      bytes += p.bytes.length;
    }
    const printMs = performance.now() - tp;
    const bothMs = letterMs + printMs;
    const perSecond = (ms: number) => Number((LETTERS / (ms / 1000)).toFixed(1));
    process.stdout.write(
      `  ${LETTERS} letters: ${(pages / LETTERS).toFixed(1)} pages each, print-ready ${(printPages / LETTERS).toFixed(1)} pages / ${(bytes / LETTERS / 1000).toFixed(0)} KB each; ` +
        `letter ${(letterMs / LETTERS).toFixed(1)} ms + print-ready ${(printMs / LETTERS).toFixed(1)} ms = ${perSecond(bothMs)}/s: ` +
        `${perSecond(bothMs) >= LETTERS_AIM ? 'aim met' : 'AIM MISSED'} (≥ ${LETTERS_AIM}/s, one thread)\n`,
    );
    Object.assign(figures, {
      'letters-per-second': { value: perSecond(letterMs), unit: 'letters/s' },
      'letter-and-print-ready-per-second': { value: perSecond(bothMs), unit: 'letters/s' },
      'print-ready-only-per-second': { value: perSecond(printMs), unit: 'letters/s' },
      'letter-and-print-ready-aim-met': { value: perSecond(bothMs) >= LETTERS_AIM ? 1 : 0, unit: `1 = yes (≥ ${LETTERS_AIM} letters/s)` },
    });
    return figures;
  },
};
