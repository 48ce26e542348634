/**
 * #18 item 8, in a clean process (bundled, see bench-bundle.ts; run with --expose-gc): the demo
 * hub with every simulator (Altinn, Noark 5 archive, correspondence/KRR/print, internal systems)
 * runs on the simulators' clock, which this driver moves an hour at a time through `days`
 * simulated days, ticking the scheduler after each hour and waiting until the due jobs are done.
 * Each day: `perDay` new applications arrive in Altinn, half of those archived are decided and
 * approved (the reply goes out by Altinn or, for the reserved, on paper), and a day later half of
 * the letters are read (the rest are printed when their deadline passes). After each day a GC
 * and a sample: RSS, heap, open file descriptors, database size. One JSON line per day, then
 * {"done":…}. argv: <data dir> <days> <per day> <wall seconds>
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHub } from '../../electron/app/create-hub';
import { parseConfig } from '../../electron/app/config/load-config';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import { silentLogger } from '../../electron/core/ports/logger.port';
import { STORE_FILE } from '../../electron/store/open-store';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { shippedProfiles } from '../helpers/ingest-env';

const [dataDir, daysArg, perDayArg, wallArg] = process.argv.slice(2) as [string, string, string, string];
const DAYS = Number(daysArg);
const PER_DAY = Number(perDayArg);
const WALL_MS = Number(wallArg) * 1000;
const HOUR = 3_600_000;
const gc = (globalThis as { gc?: () => void }).gc;

void (async () => {
  const hub = await createHub({
    dataDir,
    config: parseConfig({ version: 1, jobs: { pollIntervalMs: 50 }, logging: { level: 'error' } }),
    demo: true,
    host: 'test',
    version: 'bench',
    secrets: createFileSecretStore(path.join(dataDir, 'secrets.json')),
    actor: 'bench',
    logger: silentLogger,
    demoSimulators: true,
  });
  const altinn = hub.demoAltinn!;
  // the demo's register simulator knows the people of the applications the demo made itself (households()):
  // teach it those of the soak's own applications, or every reply stops for a name that does not match
  const ownHouseholds = new Map<string, ReturnType<typeof altinn.households>[number]>();
  const demoHouseholds = altinn.households.bind(altinn);
  altinn.households = () => [...demoHouseholds(), ...ownHouseholds.values()];
  const clock = altinn.clock;
  const profiles = shippedProfiles().all();
  const sql = hub.store.sql;
  const n = async (text: string, args: (string | number)[] = []) => Number((await sql.get<{ n: number | string }>(text, args))!.n);
  const ok = async (channel: string, input: unknown) => {
    const r = (await hub.invoke(channel, input)) as { ok: boolean; error?: { code: string } };
    return r.ok;
  };
  await ok('session.switchUser', { account: 'kari' });

  /** Until nothing is running and nothing queued is due at the simulated now (bounded: a stuck job must not stop the soak). */
  async function settle(): Promise<void> {
    const until = performance.now() + 60_000;
    for (;;) {
      const busy = await n("SELECT count(*) AS n FROM jobs WHERE status = 'running' OR (status = 'queued' AND run_after <= ?)", [clock.now()]);
      if (!busy || performance.now() > until) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const dbBytes = () => [STORE_FILE, `${STORE_FILE}-wal`].reduce((s, f) => s + (fs.statSync(path.join(dataDir, f), { throwIfNoEntry: false })?.size ?? 0), 0);
  const fds = () => fs.readdirSync('/proc/self/fd').length;
  const t0 = performance.now();
  let decided = 0;
  let refused = 0;
  let read = 0;
  let day = 0;
  for (; day < DAYS && performance.now() - t0 < WALL_MS; day++) {
    // the day's applications, completed through the day from 07:00 on the simulated clock
    const startAt = clock.now();
    const seeds = generateSubmissions({ seed: 10_000 + day, count: PER_DAY, org: 'kommune', profiles, startAt, attachmentBytes: 5_000, a2Share: 0.1 });
    for (const s of seeds) if (s.household) ownHouseholds.set(s.household.applicant.personNumber, s.household);
    altinn.sim.state.addSubmissions(seeds);
    for (let h = 0; h < 24; h++) {
      clock.advance(HOUR);
      await hub.scheduler.tick();
      await settle();
      if (h === 10) {
        // the caseworker's day: half as many decisions as arrivals (the demo's barnehage letters)
        const ids = await sql.all<{ public_id: string }>(
          `SELECT s.public_id FROM submissions s JOIN cases c ON c.submission_id = s.id AND c.status = 'new'
             JOIN archive_entries e ON e.submission_id = s.id AND e.journalposttype = 'I' AND e.status = 'archived'
            WHERE s.profile_id = 'barnehageplass' ORDER BY s.id LIMIT ?`,
          [Math.ceil(PER_DAY / 2)],
        );
        for (const { public_id: publicId } of ids) {
          const done = (await ok('cases.claim', { publicId })) && (await ok('cases.decide', { publicId, outcome: 'innvilget', grounds: 'Barnet har rett til plass etter barnehageloven § 16.' })) && (await ok('cases.approve', { publicId }));
          if (done) decided++;
          else refused++;
        }
        await settle();
      }
      if (h === 14) {
        // half of yesterday's unread letters are opened; the others go to print when their deadline passes
        const unread = altinn.sim.state.correspondence.all().filter((c) => !c.read && c.created < clock.now() - 24 * HOUR);
        for (const c of unread.slice(0, Math.ceil(unread.length / 2))) if (altinn.sim.state.correspondence.markRead(c.id)) read++;
      }
    }
    gc?.();
    const m = process.memoryUsage();
    const row = {
      day: day + 1,
      wallS: (performance.now() - t0) / 1000,
      rss: m.rss,
      heapUsed: m.heapUsed,
      // external includes the array buffers. Most of what grows here is the in-process demo archive simulator keeping
      // every uploaded document (archive-sim-state.ts `files`): see docs/performance (heap snapshot, BENCH_SOAK_HEAP_SNAPSHOT)
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      fds: fds(),
      // timers, sockets, servers, file handles the event loop holds
      handles: process.getActiveResourcesInfo().length,
      dbBytes: dbBytes(),
      submissions: await n('SELECT count(*) AS n FROM submissions'),
      archived: await n("SELECT count(*) AS n FROM archive_entries WHERE status = 'archived'"),
      replies: await n('SELECT count(*) AS n FROM replies'),
      printed: await n("SELECT count(*) AS n FROM replies WHERE printed_at IS NOT NULL"),
      jobs: await n('SELECT count(*) AS n FROM jobs'),
      // what the fake clock or a leak would break shows here first
      dead: await n("SELECT count(*) AS n FROM jobs WHERE status = 'dead'"),
      retried: await n('SELECT count(*) AS n FROM jobs WHERE attempts > 1'),
      decided,
      refused,
      read,
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  if (process.env.BENCH_SOAK_HEAP_SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(process.env.BENCH_SOAK_HEAP_SNAPSHOT);
  await hub.stop();
  process.stdout.write(`${JSON.stringify({ done: day, wallS: (performance.now() - t0) / 1000 })}\n`);
  process.exit(0);
})().catch((e: unknown) => {
  process.stderr.write(`soak worker: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
