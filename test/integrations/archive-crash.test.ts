import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startNoark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { seededRandom } from '../helpers/fake-clock';
import { seededSim, writeIngestConfig } from '../helpers/ingest-env';
import { runWorker } from '../helpers/child-worker';
import { tempDir } from '../helpers/temp-dir';

const WORKER = path.resolve(__dirname, '../fixtures/archive-worker.ts');
const N = 500;


describe('archive crash safety', () => {
  it(`archives ${N} applications through kill -9 at random moments: one case file and one journalpost each in the archive`, async () => {
    // no bad seeds: every application is archivable; no Altinn 2 share keeps the count exact
    const { sim } = await seededSim(N, { seed: 23, a2Share: 0 });
    // latency per request widens the window between the archive's change and our commit, and
    // keeps the work going long enough for twenty kills on a fast machine
    const archive = await startNoark5RestSimulator({ faults: { '*': { latencyMs: 8 } } });
    const dir = tempDir('pm-archive-crash-');
    const dataDir = path.join(dir, 'data');
    const { file, env } = writeIngestConfig(dir, sim);
    // the ingest config plus the archive: same file, one more section
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown> };
    config.integrations.archive = { transport: 'noark5-rest', noark5: { url: archive.url, timeoutMs: 5_000 } };
    fs.writeFileSync(file, JSON.stringify(config, null, 2));

    const db = () => new Database(path.join(dataDir, 'postmottak.db'), { readonly: true });
    const received = (): number => {
      try {
        const d = db();
        try {
          return (d.prepare("SELECT count(*) AS n FROM submissions WHERE status = 'received'").get() as { n: number }).n;
        } finally {
          d.close();
        }
      } catch {
        return 0;
      }
    };
    const expected = () => received();
    const random = seededRandom(5);
    let kills = 0;
    const archivedAtKill: number[] = [];
    for (let round = 0; round < 80 && kills < 20; round++) {
      const w = runWorker(WORKER, [dataDir, file, String(N)], env);
      const wait = 100 + Math.floor(random.next() * 700);
      const outcome = await Promise.race([w.ready.then(() => new Promise((r) => setTimeout(() => r('kill'), wait))), w.exited.then(() => 'exited')]);
      if (outcome === 'kill') {
        w.child.kill('SIGKILL');
        expect((await w.exited).signal).toBe('SIGKILL');
        kills++;
        archivedAtKill.push(archive.state.entries().length);
      } else {
        const r = await w.exited;
        expect(r.out).toContain('ALL DONE');
        break;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    const last = await runWorker(WORKER, [dataDir, file, String(N)], env).exited;
    expect(last.out).toContain('ALL DONE');
    expect(expected()).toBe(N);

    const d = db();
    const entries = d.prepare("SELECT external_key, status, archive_system_id FROM archive_entries WHERE journalposttype = 'I'").all() as { external_key: string; status: string; archive_system_id: string }[];
    const cases = d.prepare('SELECT external_key, archive_system_id FROM archive_case_files').all() as { external_key: string; archive_system_id: string }[];
    d.close();
    expect(entries).toHaveLength(N);
    expect(entries.every((e) => e.status === 'archived')).toBe(true);

    // in the archive: exactly one journalpost per application and one case file per local case file
    const simEntries = archive.state.entries();
    const simCases = archive.state.caseFiles();
    const byKey = <T extends { externalKey: string | null }>(rows: T[]) => {
      const m = new Map<string, number>();
      for (const r of rows) if (r.externalKey) m.set(r.externalKey, (m.get(r.externalKey) ?? 0) + 1);
      return m;
    };
    const entryCounts = byKey(simEntries);
    const caseCounts = byKey(simCases);
    expect(simEntries).toHaveLength(N);
    expect(simCases).toHaveLength(cases.length);
    for (const e of entries) {
      expect(entryCounts.get(e.external_key)).toBe(1);
      expect(archive.state.entryByKey(e.external_key)?.systemId).toBe(e.archive_system_id);
    }
    for (const c of cases) expect(caseCounts.get(c.external_key)).toBe(1);
    // every document arrived once
    for (const e of simEntries) expect(new Set(e.documents.map((x) => x.dokumentnummer)).size).toBe(e.documents.length);
    // the kills landed while archiving was under way
    expect(archivedAtKill.filter((n) => n > 0 && n < N).length).toBeGreaterThanOrEqual(8);
    await archive.close();
    await sim.close();
  }, 300_000);
});
