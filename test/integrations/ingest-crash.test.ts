import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/fake-clock';
import { seededSim, writeIngestConfig } from '../helpers/ingest-env';
import { runWorker } from '../helpers/child-worker';
import { tempDir } from '../helpers/temp-dir';

const WORKER = path.resolve(__dirname, '../fixtures/ingest-worker.ts');
const N = 2_000;


describe('ingest crash safety', () => {
  it(`ingests ${N} submissions through kill -9 at random moments: each stored once, confirmed once, none lost`, async () => {
    const { sim, seeds } = await seededSim(N, { seed: 11 });
    const a2 = seeds.filter((s) => s.altinn2);
    expect(a2.length).toBeGreaterThan(50);
    const dir = tempDir('pm-ingest-crash-');
    const dataDir = path.join(dir, 'data');
    const { file, env } = writeIngestConfig(dir, sim);
    const expectedItems = N + a2.length; // an Altinn 2 item is also seen through Altinn 3 Storage
    const random = seededRandom(99);

    let kills = 0;
    const progress: number[] = [];
    const stored = () => {
      try {
        const db = new Database(path.join(dataDir, 'postmottak.db'), { readonly: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not created yet
      }
    };
    for (let round = 0; round < 60 && kills < 20; round++) {
      const w = runWorker(WORKER, [dataDir, file, String(N), String(expectedItems)], env);
      // a random moment while this life stores: after 1 to 60 more submissions (counted, not timed, so
      // a fast machine cannot finish before the twenty kills and a loaded one cannot kill before any)
      const before = stored();
      const more = 1 + Math.floor(random.next() * 60);
      let gone = false;
      void w.exited.then(() => (gone = true));
      const outcome = await Promise.race([
        w.ready.then(async () => {
          while (!gone && stored() < Math.min(N, before + more)) await new Promise((r) => setTimeout(r, 15));
          return 'kill';
        }),
        w.exited.then(() => 'exited'),
      ]);
      if (outcome === 'kill') {
        w.child.kill('SIGKILL');
        expect((await w.exited).signal).toBe('SIGKILL');
        kills++;
        progress.push(stored());
      } else {
        const r = await w.exited;
        expect(r.out).toContain('ALL DONE');
        break;
      }
    }
    const last = await runWorker(WORKER, [dataDir, file, String(N), String(expectedItems)], env).exited;
    expect(last.out).toContain('ALL DONE');
    expect(kills).toBeGreaterThanOrEqual(20);

    const db = new Database(path.join(dataDir, 'postmottak.db'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM submissions')).toBe(N);
    expect(count('SELECT count(*) AS n FROM source_items')).toBe(expectedItems);
    expect(count('SELECT count(*) AS n FROM source_items WHERE confirmed_at IS NULL')).toBe(0);
    expect(count('SELECT count(DISTINCT a2_archive_ref) AS n FROM submissions WHERE a2_archive_ref IS NOT NULL')).toBe(a2.length);
    db.close();

    // at the source: every instance confirmed exactly once, every Altinn 2 item purged
    for (const s of seeds) {
      expect(sim.state.confirmedCount(`${s.partyId}/${s.instanceGuid}`)).toBe(1);
      if (s.altinn2) expect(sim.state.isPurged(s.altinn2.archiveReference)).toBe(true);
    }
    // the kills landed while ingest was under way, not before or after it
    const midway = progress.filter((n, i) => n > 0 && n < N && n >= (progress[i - 1] ?? 0));
    expect(midway.length).toBeGreaterThanOrEqual(10);
    await sim.close();
  }, 300_000);
});
