import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimClock, personNumberOf } from '../../integrations/altinn/simulator/correspondence-sim-state';
import { startRegisterSimulator } from '../../integrations/registers/simulator/start-register-simulator';
import { syntheticPersonNumber } from '../../integrations/registers/simulator/register-sim-state';
import { hotFolderSafeKey } from '../../integrations/print/hot-folder.channel';
import { clientPrivatePem, startSim } from '../helpers/altinn-fixture';
import { bundleEntry } from '../helpers/bundled-entry';
import { runWorker } from '../helpers/child-worker';
import { seededRandom } from '../helpers/fake-clock';
import { tempDir } from '../helpers/temp-dir';

const SOURCE = path.resolve(__dirname, '../fixtures/replies-worker.ts');
/** The worker compiled once for the file: each of the ~40 lives starts from one file instead of tsx compiling it again. */
let WORKER = SOURCE;
beforeAll(async () => {
  WORKER = await bundleEntry(SOURCE);
});
const N = Number(process.env.PM_REPLIES_CRASH_N ?? 10_000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Tuesday 1 Dec 2026, 09:00 in Oslo; 10 calendar days later is Friday 11 Dec, 09:00
const T0 = Date.parse('2026-12-01T09:00:00+01:00');
const DEADLINE = T0 + 10 * DAY;

interface Row {
  reply_key: string;
  state: string;
  correspondence_id: string | null;
  printed_at: number | null;
  read_at: number | null;
  fnr: string;
}

describe('replies crash safety on a fake clock', () => {
  it(`sends ${N} replies, tracks random reads and prints exactly the unread ones at the deadline, each once, through kill -9 at random moments`, async () => {
    const random = seededRandom(11);
    const clock = createSimClock(() => T0);
    const altinn = await startSim({ clock });
    const registers = await startRegisterSimulator({ synthesize: true, seed: 3, synthesizeRates: { reserved: 0.04, notInKrr: 0.01, strengtFortrolig: 0.01, noAddress: 0.005, staleContact: 0 } });
    const dir = tempDir('pm-replies-crash-');
    const dataDir = path.join(dir, 'data');
    const hotFolder = path.join(dir, 'hot-folder');
    fs.mkdirSync(dataDir, { recursive: true });

    // 10,000 different valid fødselsnummer; a few reserved only in Altinn's view of KRR (1030)
    const fnrs: string[] = [];
    for (let i = 0; fnrs.length < N; i++) {
      const birth = new Date(Date.UTC(1960, 0, 1) + (i % 9000) * DAY).toISOString().slice(0, 10);
      const fnr = syntheticPersonNumber(birth, Math.floor(i / 9000));
      if (!fnrs.includes(fnr)) fnrs.push(fnr);
    }
    const altinnReserved = new Set(fnrs.filter((_, i) => i % 97 === 5));
    for (const f of altinnReserved) altinn.state.correspondence.reserve(f);

    const env = (at: number) => ({
      PM_NOW: String(at),
      PM_ALTINN_URL: altinn.url,
      PM_REGISTER_URL: registers.url,
      PM_REGISTER_TOKEN: registers.token,
      PM_HOT_FOLDER: hotFolder,
      PM_TEST_CLIENT_KEY: clientPrivatePem,
    });
    const seeded = await runWorker(WORKER, [dataDir, 'seed'], { ...env(T0), PM_FNRS: fnrs.join(',') }).exited;
    expect(seeded.out).toContain('SEEDED');

    // the citizens: 55 % read before the deadline, 10 % long after it, the rest never
    const plan = new Map<string, number | null>();
    for (const f of fnrs) {
      const x = random.next();
      plan.set(f, x < 0.55 ? T0 + HOUR + Math.floor(random.next() * (9.5 * DAY - HOUR)) : x < 0.65 ? T0 + 12 * DAY + Math.floor(random.next() * 8 * DAY) : null);
    }
    const reads = [...plan.entries()].filter((e): e is [string, number] => e[1] !== null).sort((a, b) => a[1] - b[1]);
    let nextRead = 0;
    let kills = 0;
    let runs = 0;

    // steps over three weeks, one exactly at the deadline; within a step the clock stands still
    for (const day of [0, 1, 2, 4, 6, 8, 9.5, 10, 11, 13, 16, 19, 21]) {
      const at = T0 + day * DAY;
      // reads up to this moment happen at their own time, in order
      const idByRecipient = new Map(altinn.state.correspondence.all().map((c) => [personNumberOf(c.recipient) ?? c.recipient, c.id] as const));
      for (; nextRead < reads.length && reads[nextRead]![1] <= at; nextRead++) {
        const [fnr, t] = reads[nextRead]!;
        const id = idByRecipient.get(fnr);
        if (!id) continue; // went to paper at once: nothing in Altinn to read
        clock.set(t);
        altinn.state.correspondence.markRead(id, t);
      }
      clock.set(at);
      for (let attempt = 0; attempt < 12; attempt++) {
        runs++;
        const started = Date.now();
        const w = runWorker(WORKER, [dataDir, 'run'], env(at));
        // the first step sends everything and is long: most kills land there, each life killed within 1.2 s so a
        // fast machine cannot send it all in fewer lives than the kills need; later steps are short, killed now and then
        const killAfter =
          at === T0 ? (attempt < 10 ? 20 + Math.floor(random.next() * 1200) : null) : random.next() < 0.7 && attempt < 3 ? 20 + Math.floor(random.next() * 250) : null;
        const outcome = await Promise.race([
          killAfter === null ? new Promise<never>(() => undefined) : w.ready.then(() => new Promise((r) => setTimeout(() => r('kill'), killAfter))),
          w.exited.then(() => 'exited'),
        ]);
        if (outcome === 'kill') {
          w.child.kill('SIGKILL');
          const r = await w.exited;
          if (r.signal === 'SIGKILL') kills++;
          if (r.out.includes('QUIET')) break;
          continue;
        }
        const r = await w.exited;
        if (process.env.PM_DEBUG) process.stdout.write(`step ${(at - T0) / HOUR}h run ${Date.now() - started} ms ${r.out.slice(-300)}\n`);
        expect(r.out, r.out.slice(-2000)).toContain('QUIET');
        break;
      }
    }
    if (process.env.PM_DEBUG) process.stdout.write(`replies crash: ${kills} kills in ${runs} runs\n`);
    expect(kills).toBeGreaterThanOrEqual(10);

    const db = new Database(path.join(dataDir, 'postmottak.db'), { readonly: true });
    const rows = db
      .prepare<[], Row>("SELECT reply_key, state, correspondence_id, printed_at, read_at, json_extract(recipient_json, '$.personNumber') AS fnr FROM replies")
      .all();
    const dead = (db.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'dead'").get() as { n: number }).n;
    db.close();
    expect(rows).toHaveLength(N);
    expect(dead).toBe(0);

    // what should have happened to each reply
    const krrPaper = (f: string) => {
      const k = registers.state.krr(f);
      return !k || k.state !== 'AKTIV' || k.reserved || (!k.email && !k.mobile);
    };
    const noPrintableAddress = (f: string) => {
      const p = registers.state.person(f);
      return !p || !p.address || p.protection === 'strengt-fortrolig' || p.protection === 'strengt-fortrolig-utland';
    };
    const manifests = fs.readdirSync(hotFolder).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    const printedKeys = new Map<string, number>();
    for (const m of manifests) {
      const key = (JSON.parse(fs.readFileSync(path.join(hotFolder, m), 'utf8')) as { reference: string }).reference;
      printedKeys.set(key, (printedKeys.get(key) ?? 0) + 1);
    }
    const inAltinn = new Map<string, number>();
    for (const c of altinn.state.correspondence.all()) inAltinn.set(c.sendersReference, (inAltinn.get(c.sendersReference) ?? 0) + 1);

    let paperAtOnce = 0;
    let printedAtDeadline = 0;
    let readInTime = 0;
    let manual = 0;
    let readAfterPrint = 0;
    for (const r of rows) {
      const atOnce = krrPaper(r.fnr) || altinnReserved.has(r.fnr);
      const readAt = plan.get(r.fnr) ?? null;
      const shouldPrint = atOnce || readAt === null || readAt > DEADLINE;
      const copies = printedKeys.get(hotFolderSafeKey(`reply:${r.reply_key}`)) ?? 0;
      if (shouldPrint && noPrintableAddress(r.fnr)) {
        manual++;
        expect(r.state, r.reply_key).toBe('manual');
        expect(copies).toBe(0);
        continue;
      }
      if (shouldPrint) {
        expect(copies, `${r.reply_key} printed ${copies} times: ${JSON.stringify({ ...r, fnr: undefined, readAt, atOnce, krr: registers.state.krr(r.fnr), altinn: inAltinn.get(r.reply_key) })}`).toBe(1);
        expect(r.state === 'printed', `${r.reply_key} is ${r.state}`).toBe(true);
        if (atOnce) {
          paperAtOnce++;
          // at once: in the first step, never through Altinn (1030 leaves nothing there)
          expect(r.printed_at).toBe(T0);
          expect(inAltinn.get(r.reply_key) ?? 0).toBe(0);
        } else {
          printedAtDeadline++;
          expect(r.printed_at).toBeGreaterThanOrEqual(DEADLINE);
          expect(r.printed_at).toBe(DEADLINE);
          expect(inAltinn.get(r.reply_key)).toBe(1);
          // a letter read after it was printed is recorded when the poll reaches it (200 per run), nothing more
          if (readAt !== null && r.read_at !== null) {
            expect(r.read_at).toBe(readAt);
            readAfterPrint++;
          } else expect(r.read_at).toBeNull();
        }
      } else {
        readInTime++;
        expect(copies, `${r.reply_key} read in time but printed`).toBe(0);
        expect(r.state).toBe('read');
        expect(r.read_at).toBe(readAt);
        expect(inAltinn.get(r.reply_key)).toBe(1);
      }
    }
    // every manifest belongs to a reply, and the sums add up
    expect([...printedKeys.values()].reduce((a, b) => a + b, 0)).toBe(paperAtOnce + printedAtDeadline);
    expect(paperAtOnce + printedAtDeadline + readInTime + manual).toBe(N);
    expect(paperAtOnce).toBeGreaterThan(N * 0.03);
    expect(manual).toBeGreaterThan(0);
    expect(readAfterPrint).toBeGreaterThan(0);
    process.stdout.write(`replies crash: ${N} replies, ${runs} worker runs, ${kills} kills; read in time ${readInTime}, printed at the deadline ${printedAtDeadline} (read later: ${readAfterPrint}), at once ${paperAtOnce}, manual ${manual}\n`);

    await altinn.close();
    await registers.close();
  }, 900_000);
});
