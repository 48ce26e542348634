import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import type { HubResult } from '../../electron/ipc';
import { testHub } from '../helpers/test-hub';
import { untarGz } from '../helpers/untar';

// #17 "What it must show": after a full demo run (ingest → archive → register lookups → decide →
// reply → print), no secret and no fødselsnummer in the logs or the exported support bundle (bytes
// scanned), no secret in the database file, and fødselsnummer only in the columns that hold the case
// record by necessity. Every table and column is enumerated, so a new column that starts holding
// numbers fails here until it is listed with its reason.

const DAY = 86_400_000;

/**
 * The columns that hold clear fødselsnummer on purpose (README, *Fødselsnummer at rest*), with why.
 * Anything else that holds one fails the test.
 */
const ON_PURPOSE: Record<string, string> = {
  'submissions.reportee_person_number': 'the application as received: who sent it (Altinn instanceOwner)',
  'submissions.form_json': 'the mapped form: the applicant and the children are the case itself',
  'blobs.data': 'the parts as Altinn delivered them (form XML, receipt PDF, attachments), and letters, content-addressed',
  'case_persons.person_number': 'the exact-number search over applicant and children',
  'register_cache.person_number': 'Folkeregisteret and KRR answers, keyed by the person, with a time limit',
  'replies.recipient_json': 'the recipient of a reply, needed to send it through Altinn or by post',
  'archive_case_files.ordningsverdi': 'the classification of a person case (ordningsprinsipp PNR) as the archive files it',
  'archive_case_files.applicant_key': "the applicant's key that groups an applicant's applications in one case file (the person number when there is one)",
  'register_cache.facts_json': "Folkeregisteret's answer as the port maps it (the person's own number, relations)",
  'archive_correspondents.person_number': 'the avsender/mottaker registered in the archive (korrespondansepart)',
};

/** Never, whatever ON_PURPOSE says: the brief's own list of places where a number would be a leak. */
const NEVER = ['jobs.payload', 'jobs.last_error', 'audit_log.details', 'audit_log.subject', 'integration_pauses.reason'];

const ELEVEN = /(?<!\d)\d{11}(?!\d)/g;

async function waitFor(what: string, fn: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ok<T>(hub: Hub, channel: string, input: unknown): Promise<T> {
  const r = (await hub.invoke(channel, input)) as HubResult<T>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** The demo's day: its Altinn simulator is polled at start, archived, looked up, decided, replied to, and what is unread goes to print. */
async function demoRun(hub: Hub) {
  const sql = hub.store.sql;
  const count = async (text: string) => Number((await sql.get<{ n: number | string }>(text))!.n);
  await waitFor('applications stored', async () => (await count("SELECT count(*) AS n FROM submissions WHERE profile_id = 'barnehageplass' AND status = 'received'")) >= 3);
  await waitFor('applications archived', async () => (await count('SELECT count(*) AS n FROM archive_entries WHERE archive_system_id IS NOT NULL')) >= 4);
  await waitFor('register lookups', async () => (await count("SELECT count(*) AS n FROM jobs WHERE type = 'registers.enrich' AND status = 'done'")) >= 1);
  const ids = await sql.all<{ public_id: string }>("SELECT public_id FROM submissions WHERE profile_id = 'barnehageplass' AND status = 'received' ORDER BY id LIMIT 6");
  await ok(hub, 'session.switchUser', { account: 'kari' });
  for (const { public_id: publicId } of ids) {
    await ok(hub, 'cases.claim', { publicId });
    await ok(hub, 'cases.decide', { publicId, outcome: 'innvilget', grounds: 'Barnet har rett til plass etter barnehageloven § 16.' });
    await ok(hub, 'cases.approve', { publicId });
  }
  await waitFor('replies sent', async () => (await count("SELECT count(*) AS n FROM replies WHERE state NOT IN ('queued')")) === ids.length);
  // eleven days on, unread: the sweep sends the rest to print
  hub.demoAltinn!.clock.advance(11 * DAY);
  await hub.store.uow.run(async () => void (await hub.runner.enqueue('replies.sweep', {}, 'test:sweep')));
  await waitFor('replies printed', async () => (await count("SELECT count(*) AS n FROM replies WHERE state = 'printed'")) >= 1);
  await waitFor(
    'all jobs settled',
    async () => (await count("SELECT count(*) AS n FROM jobs WHERE status = 'running' OR (status = 'queued' AND type IN ('print.send', 'correspondence.send', 'noark.archive', 'registers.enrich'))")) === 0,
  );
}

/** What a secret value may be found as: itself, JSON-escaped, and each long line of a multi-line value (a PEM body). */
function needlesOf(values: string[]): string[] {
  const out = new Set<string>();
  for (const v of values.map((x) => x.trim()).filter((x) => x.length >= 6)) {
    out.add(v);
    out.add(JSON.stringify(v).slice(1, -1));
    for (const l of v.split(/\r?\n/).map((x) => x.trim())) if (l.length >= 16 && !l.startsWith('-----')) out.add(l);
  }
  return [...out];
}

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name)) : [];

describe('no secret and no fødselsnummer where none belongs, after a full demo run (#17)', () => {
  it('scans the logs and the support bundle for both, the database file for secrets, and every column for numbers', { timeout: 90_000 }, async () => {
    const { hub, dataDir } = await testHub({ demoSimulators: true, logger: undefined }, { logging: { level: 'debug' } });
    let people: Set<string>;
    let needles: string[];
    let bundle: Buffer;
    const columnsWithNumbers: string[] = [];
    const allColumns = new Set<string>();
    let columnsChecked = 0;
    try {
      await demoRun(hub);
      expect(hub.store.kind).toBe('sqlite');
      const sql = hub.store.sql;

      // every number the demo used: who sent, who the forms name, who was looked up
      people = new Set(
        (
          await sql.all<{ n: string }>(
            `SELECT reportee_person_number AS n FROM submissions WHERE reportee_person_number IS NOT NULL
             UNION SELECT person_number FROM case_persons UNION SELECT person_number FROM register_cache`,
          )
        ).map((r) => r.n),
      );
      expect(people.size).toBeGreaterThan(5);
      // every value the SecretStore holds (the demo's Maskinporten keys, client secrets, …)
      const names = await hub.secrets.names();
      const values = (await Promise.all(names.map((n) => hub.secrets.get(n)))).filter((v): v is string => !!v);
      expect(values.length).toBeGreaterThan(0);
      needles = needlesOf(values);

      // the support bundle as IT exports it
      await ok(hub, 'session.switchUser', { account: 'ida' });
      const out = await ok<{ base64: string }>(hub, 'logs.supportBundle', {});
      bundle = Buffer.from(out.base64, 'base64');

      // every table and every column, enumerated, so a new one is checked without being named here
      const tables = (await sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['jobs', 'audit_log', 'integration_pauses', 'submissions']));
      for (const t of tables) {
        const cols = (await sql.all<{ name: string }>(`SELECT name FROM pragma_table_info('${t}')`)).map((c) => c.name);
        for (const c of cols) {
          columnsChecked++;
          allColumns.add(`${t}.${c}`);
          const rows = await sql.all<{ v: unknown }>(`SELECT "${c}" AS v FROM "${t}" WHERE "${c}" IS NOT NULL`);
          const hit = rows.some((r) => {
            const text = Buffer.isBuffer(r.v) || r.v instanceof Uint8Array ? Buffer.from(r.v as Uint8Array).toString('latin1') : String(r.v);
            return (text.match(ELEVEN) ?? []).some((n) => people.has(n));
          });
          if (hit) columnsWithNumbers.push(`${t}.${c}`);
        }
      }
    } finally {
      await hub.stop();
    }

    // the columns: only those kept on purpose, never those the brief names
    expect(columnsChecked).toBeGreaterThan(100);
    // the list names real columns (a renamed one must be renamed here, not silently dropped)
    expect(Object.keys(ON_PURPOSE).filter((c) => !allColumns.has(c))).toEqual([]);
    expect(NEVER.filter((c) => !allColumns.has(c))).toEqual([]);
    expect(columnsWithNumbers.filter((c) => !(c in ON_PURPOSE))).toEqual([]);
    expect(columnsWithNumbers.filter((c) => NEVER.includes(c))).toEqual([]);
    // the run did put numbers where they belong (the scan can find them)
    expect(columnsWithNumbers).toEqual(expect.arrayContaining(['submissions.reportee_person_number', 'case_persons.person_number', 'register_cache.person_number']));

    const scan = (label: string, text: string) => [
      ...[...people].filter((n) => text.includes(n)).map((n) => `${label}: fødselsnummer ${n.slice(0, 6)}*****`),
      ...needles.filter((s) => text.includes(s)).map((s) => `${label}: secret ${s.slice(0, 4)}… (${s.length} chars)`),
    ];

    // the logs, the active file and any rotated one, byte for byte
    const logs = filesUnder(path.join(dataDir, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    const logText = logs.map((f) => fs.readFileSync(f).toString('latin1'));
    // the run's log, not an empty file: the start, and the support bundle's own line
    expect(logText.join('')).toContain('"msg":"hub started"');
    expect(logText.join('')).toContain('"msg":"support bundle exported"');
    expect(logs.flatMap((f, i) => scan(path.relative(dataDir, f), logText[i]!))).toEqual([]);

    // the support bundle: the archive as a whole (decompressed) and every entry in it
    const entries = await untarGz(bundle);
    expect([...entries.keys()].some((n) => n.endsWith('/logs/postmottak.log'))).toBe(true);
    const found = [...entries].flatMap(([name, e]) => [...scan(name, e.bytes.toString('latin1')), ...scan(`${name} (name)`, name)]);
    expect(found).toEqual([]);
    const elevenDigitRuns = [...entries].flatMap(([name, e]) => (e.bytes.toString('latin1').match(ELEVEN) ?? []).map((n) => `${name}: ${n.slice(0, 6)}*****`));
    expect(elevenDigitRuns).toEqual([]);

    // the database file (checkpointed at stop) and any WAL left: no secret value in any byte
    const db = ['postmottak.db', 'postmottak.db-wal'].map((f) => path.join(dataDir, f)).filter((f) => fs.existsSync(f));
    expect(db.length).toBeGreaterThan(0);
    expect(db.flatMap((f) => needles.filter((s) => fs.readFileSync(f).toString('latin1').includes(s)).map((s) => `${path.basename(f)}: secret ${s.slice(0, 4)}…`))).toEqual([]);
  });
});
