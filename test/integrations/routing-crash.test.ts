// #15 "What it must show": applications routed by the real hub in a child process killed with kill -9 at
// random moments; every target holds each application exactly once, and every hand-over is recorded as delivered.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { downloadQueueExtension } from '../../integrations/altinn/simulator/download-queue.simulator';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { startNoark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { ORG, startSim } from '../helpers/altinn-fixture';
import { runWorker } from '../helpers/child-worker';
import { seededRandom } from '../helpers/fake-clock';
import { A2_PASSWORD, shippedProfiles, writeIngestConfig } from '../helpers/ingest-env';
import { handledTimes, startInternalSims, writeArchivedRouteProfiles } from '../helpers/internal-sims';
import { tempDir } from '../helpers/temp-dir';

const WORKER = path.resolve(__dirname, '../fixtures/routing-worker.ts');
const N = Number(process.env.PM_ROUTING_CRASH_N ?? 500);
const KILLS = 20;
/** Each sample service and the target its route hands it to (the municipality's copies route the last two after archiving). */
const TARGET_OF: Record<string, string> = {
  barnehageplass: 'ist-barnehage',
  'sfo-plass': 'ist-sfo',
  'helse-omsorg': 'gerica',
  'permisjon-skole': 'visma-flyt-skole',
  'ansatt-permisjon': 'visma-enterprise',
};


/** Kills while ingesting and archiving, before the timed ones. */
const EARLY = 3;
type Plan = 'random' | 'file' | 'routing';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Routing moves in this life of the worker: `by` more hand-overs finished than the first `FINISHED <n>` line said.
 * Counting, not timing, bounds the work one life does, so a fast machine cannot finish before the kills are in.
 */
function routingMoves(child: ChildProcess, by: number): Promise<void> {
  return new Promise((resolve) => {
    let buf = '';
    let first: number | null = null;
    const on = (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines.filter((x) => x.startsWith('FINISHED '))) {
        const n = Number(l.slice(9));
        first ??= n;
        if (n >= first + by) {
          child.stdout?.off('data', on);
          return resolve();
        }
      }
    };
    child.stdout?.on('data', on);
  });
}

/** The next application file the hub renames into one of the file-drop folders (the target takes it away within its poll). */
function fileLands(dirs: string[]): { landed: Promise<void>; close(): void } {
  const watchers: fs.FSWatcher[] = [];
  const landed = new Promise<void>((resolve) => {
    for (const dir of dirs) {
      watchers.push(
        fs.watch(dir, (_event, name) => {
          if (name && /^[^.].*\.(xml|csv|json)$/.test(name) && fs.existsSync(path.join(dir, name))) resolve();
        }),
      );
    }
  });
  return { landed, close: () => watchers.forEach((w) => w.close()) };
}

interface Row {
  handover_key: string;
  target: string;
  status: string;
  reference: string | null;
  profile_id: string;
}

describe('routing crash safety', () => {
  it(`routes ${N} applications through kill -9 at random moments: every target holds each one exactly once, every hand-over delivered with its reference`, async () => {
    const dir = tempDir('pm-routing-crash-');
    const dataDir = path.join(dir, 'data');
    // only the services that route somewhere, so every application has exactly one hand-over; no Altinn 2 share keeps the count exact
    const profiles = shippedProfiles()
      .all()
      .filter((p) => p.profile.id in TARGET_OF);
    const sim = await startSim({ extensions: [downloadQueueExtension({ systemUserName: 'postmottak', systemPassword: A2_PASSWORD })] });
    const seeds = generateSubmissions({ seed: 31, count: N, org: ORG, profiles, attachmentBytes: 2_000, a2Share: 0 });
    sim.state.addSubmissions(seeds);
    // class 461 (staff leave) is new to the archive: the first deliveries race to make it (the adapter finds the winner's)
    const archive = await startNoark5RestSimulator({ faults: { '*': { latencyMs: 2 } } });
    // latency widens the window between the target's change and our commit; now and then a lost answer after storing
    const targets = await startInternalSims(path.join(dir, 'targets'), { faults: { latencyMs: 20, dropAfterRate: 0.02 } });
    try {
      const { file, env } = writeIngestConfig(dir, sim);
      const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown>; jobs: Record<string, unknown>; profiles?: unknown };
      config.integrations.archive = { transport: 'noark5-rest', noark5: { url: archive.url, timeoutMs: 5_000 } };
      config.integrations.internal = targets.config;
      config.profiles = { dir: writeArchivedRouteProfiles(path.join(dir, 'profiles')) };
      config.jobs.concurrency = 4;
      fs.writeFileSync(file, JSON.stringify(config, null, 2));
      const workerEnv = { ...env, ...targets.env };

      const db = () => new Database(path.join(dataDir, 'postmottak.db'), { readonly: true });
      const delivered = (): number => {
        try {
          const d = db();
          try {
            return (d.prepare("SELECT count(*) AS n FROM handovers WHERE status IN ('delivered', 'done')").get() as { n: number }).n;
          } finally {
            d.close();
          }
        } catch {
          return 0; // not made yet (the first run still migrating)
        }
      };

      const statusCounts = () => {
        const d = db();
        try {
          return d.prepare('SELECT target, status, count(*) AS n, max(last_error) AS error FROM handovers GROUP BY 1, 2').all();
        } finally {
          d.close();
        }
      };

      const random = seededRandom(15);
      const fileDirs = [targets.ist.dir, targets.sfo.dir, targets.gerica.dir];
      let kills = 0;
      const atKill: { plan: Plan; delivered: number; hit: boolean }[] = [];
      const t0 = Date.now();
      for (let round = 0; round < 100 && kills < KILLS; round++) {
        const w = runWorker(WORKER, [dataDir, file, String(N)], workerEnv);
        // a few kills while ingesting and archiving; then, once routing moves in this life, alternately the moment
        // a file lands in a file-drop folder (before the hub has recorded it, as often as not) and a random moment
        const plan: Plan = kills < EARLY ? 'random' : kills % 2 ? 'file' : 'routing';
        const lands = plan === 'file' ? fileLands(fileDirs) : null;
        const moment: Promise<boolean> =
          plan === 'random'
            ? w.ready.then(() => sleep(150 + Math.floor(random.next() * 850))).then(() => true)
            : plan === 'file'
              ? Promise.race([w.ready.then(() => lands!.landed).then(() => true), w.ready.then(() => sleep(1_000)).then(() => false)])
              : routingMoves(w.child, 2 + Math.floor(random.next() * 12)).then(() => sleep(Math.floor(random.next() * 20))).then(() => true);
        const outcome = await Promise.race([moment.then((hit) => ({ kill: true, hit })), w.exited.then(() => ({ kill: false, hit: false }))]);
        lands?.close();
        if (outcome.kill) {
          w.child.kill('SIGKILL');
          expect((await w.exited).signal).toBe('SIGKILL');
          kills++;
          atKill.push({ plan, delivered: delivered(), hit: outcome.hit });
        } else {
          const r = await w.exited;
          expect(r.out).toContain('ALL DONE');
          // too little work left for the kills planned: the assertion below says so, this says when
          process.stdout.write(`routing crash: the work was done after ${kills} kills (${atKill.map((k) => `${k.plan}:${k.delivered}`).join(' ')})\n`);
          break;
        }
      }
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      // the last run finishes the work; should it hang, its output says where
      const final = runWorker(WORKER, [dataDir, file, String(N)], workerEnv);
      const stuck = setTimeout(() => final.child.kill('SIGKILL'), 120_000);
      const last = await final.exited;
      clearTimeout(stuck);
      expect(last.out, `${last.out.slice(-2000)}\nhand-overs: ${JSON.stringify(statusCounts())}`).toContain('ALL DONE');
      process.stdout.write(`routing crash: ${kills} kills, delivered at each: ${atKill.map((k) => `${k.plan}${k.hit ? '' : '(fallback)'}:${k.delivered}`).join(' ')}; ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

      const d = db();
      const rows = d
        .prepare('SELECT h.handover_key, h.target, h.status, h.reference, s.profile_id FROM handovers h JOIN submissions s ON s.id = h.submission_id')
        .all() as Row[];
      const submissions = (d.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
      d.close();

      // one hand-over per application, to its service's target, every one delivered
      expect(submissions).toBe(N);
      expect(rows).toHaveLength(N);
      for (const r of rows) {
        expect(r.target).toBe(TARGET_OF[r.profile_id]);
        expect(r.status).toBe('delivered');
      }
      const keysOf = (target: string) => rows.filter((r) => r.target === target).map((r) => r.handover_key).sort();
      const expectedOf = (target: string) => seeds.filter((s) => TARGET_OF[s.profileId] === target).length;
      const refOf = new Map(rows.map((r) => [r.handover_key, r.reference]));
      for (const target of Object.values(TARGET_OF)) expect(keysOf(target)).toHaveLength(expectedOf(target));

      // every target holds each application exactly once, under its hand-over key, and the reference we recorded is the target's
      const ist = targets.ist.items();
      expect(ist.map((i) => i.key).sort()).toEqual(keysOf('ist-barnehage'));
      for (const i of ist) {
        expect(i.eksternId).toBe(i.key);
        expect(refOf.get(i.key)).toBe(i.reference);
      }
      const flyt = targets.flyt.items();
      expect(flyt.map((i) => i.key).sort()).toEqual(keysOf('visma-flyt-skole'));
      for (const i of flyt) {
        expect(i.body.externalId).toBe(i.key);
        expect(refOf.get(i.key)).toBe(i.id);
      }
      const hrm = targets.hrm.items();
      expect(hrm.map((i) => i.handoverKey).sort()).toEqual(keysOf('visma-enterprise'));
      for (const i of hrm) {
        expect(i.externalId).toBe(i.handoverKey);
        expect(refOf.get(i.handoverKey!)).toBe(i.referanse);
      }
      const gerica = targets.gerica.items();
      expect(gerica.map((i) => i.key).sort()).toEqual(keysOf('gerica'));
      for (const i of gerica) expect(i.eksternId).toBe(i.key);
      // IST SFO takes a row per child; one file (one key) per application, imported once: no child twice under a key
      const sfoRows = new Map<string, string[]>();
      for (const i of targets.sfo.items()) sfoRows.set(i.key, [...(sfoRows.get(i.key) ?? []), i.row.BarnFodselsnummer!]);
      expect([...sfoRows.keys()].sort()).toEqual(keysOf('ist-sfo'));
      for (const children of sfoRows.values()) expect(new Set(children).size).toBe(children.length);
      // the file drops without receipts give no reference; IST barnehage's comes from its receipt (checked above)
      for (const r of rows) if (r.target === 'ist-sfo' || r.target === 'gerica') expect(r.reference).toBeNull();
      for (const r of rows) if (r.target !== 'ist-sfo' && r.target !== 'gerica') expect(r.reference).toBeTruthy();

      // the file drops' idempotency was tested: files written again under a known key (the hub killed after writing,
      // before it recorded the hand-over) were imported as duplicates, not as new items
      const again = async (s: Parameters<typeof handledTimes>[0], target: string) => (await Promise.all(keysOf(target).map((k) => handledTimes(s, k, 2)))).filter(Boolean).length;
      const rewritten = { 'ist-barnehage': await again(targets.ist, 'ist-barnehage'), 'ist-sfo': await again(targets.sfo, 'ist-sfo'), gerica: await again(targets.gerica, 'gerica') };
      process.stdout.write(`routing crash: files handled again under a known key: ${JSON.stringify(rewritten)}\n`);
      expect(Object.values(rewritten).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);

      // the kills landed while routing was under way
      expect(atKill.filter((k) => k.delivered > 0 && k.delivered < N).length).toBeGreaterThanOrEqual(10);
      expect(atKill.filter((k) => k.plan === 'file' && k.hit).length).toBeGreaterThanOrEqual(3);
    } finally {
      await targets.close();
      await archive.close();
      await sim.close();
    }
  }, 400_000);
});
