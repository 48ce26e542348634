import fs from 'node:fs';
import type { ContentFiles } from './content-files';
import type { RetentionPolicy, RetentionRepo } from './repos/retention.repo';
import type { MetaRepo } from './repos/meta.repo';

export interface RetentionOptions {
  repo: RetentionRepo;
  meta: MetaRepo;
  files: ContentFiles;
  policy: RetentionPolicy;
  afterDays: number;
  batchSize: number;
  now: () => number;
  /** Also clear what interrupted runs left in the files folder (a walk of the whole folder: weekly is enough). */
  cleanOrphans?: boolean;
  /** Stop after this many batches (the rest waits for the next run); default: until no case is left. */
  maxBatches?: number;
}

export interface RetentionResult {
  runId: number;
  cases: number;
  blobs: number;
  bytes: number;
  orphansRemoved: number;
  /** Files under the folder no row knows (left alone: harmless, and perhaps another backup's). */
  unknownFiles: number;
  /** True when maxBatches stopped it with cases left. */
  more: boolean;
}

const DAY = 86_400_000;
/** How old a leftover must be before it is cleared: never a file a running batch is writing. */
const ORPHAN_GRACE_MS = DAY;

/**
 * #17 item 6: one retention run, batch by batch. Each batch: pick fully processed cases older than
 * the cutoff, write their blobs' files (policy move; written, fsynced and renamed before anything
 * else), then in one transaction empty the rows and mark the cases done. A kill between the two
 * leaves complete files whose rows still hold their bytes: the next run picks the same cases and
 * finds the files there. Idempotent and resumable; a case is never looked at again once done.
 */
export async function runRetention(o: RetentionOptions): Promise<RetentionResult> {
  const started = o.now();
  await o.repo.closeAbandoned(started);
  const runId = await o.repo.startRun(o.policy, o.afterDays, started);
  const cutoff = started - o.afterDays * DAY;
  // a store opened without the hub (the CLI) still finds the files this run writes
  if (o.policy === 'move') await o.meta.set('retention.filesDir', o.files.dir);
  const out: RetentionResult = { runId, cases: 0, blobs: 0, bytes: 0, orphansRemoved: 0, unknownFiles: 0, more: false };
  try {
    // every submission below the low-water mark is done with: the walk starts there, not at the first case ever received
    const from = Number((await o.meta.get('retention.lowWater')) ?? 0);
    let after = Math.max(0, from - 1);
    let batches = 0;
    for (;;) {
      if (o.maxBatches !== undefined && batches >= o.maxBatches) {
        out.more = (await o.repo.eligible(cutoff, after, 1)).length > 0;
        break;
      }
      const ids = await o.repo.eligible(cutoff, after, o.batchSize);
      if (!ids.length) break;
      after = ids[ids.length - 1]!;
      batches++;
      const blobs = await o.repo.movable(ids);
      if (o.policy === 'move') {
        for (const b of blobs) {
          const bytes = await o.repo.data(b.sha256);
          // gone meanwhile (another node's run): its row says where it is now
          if (bytes) o.files.write(b.sha256, bytes);
        }
      }
      const r = await o.repo.finishBatch({ runId, submissionIds: ids, blobs, policy: o.policy, afterDays: o.afterDays, at: o.now() });
      out.cases += ids.length;
      out.blobs += r.blobs;
      out.bytes += r.bytes;
    }
    // file ages are the file system's clock, not the hub's (a demo or test clock may be elsewhere in time)
    await o.meta.set('retention.lowWater', String(await o.repo.lowWater(from)));
    if (o.cleanOrphans) Object.assign(out, await cleanOrphans(o.repo, o.files, Date.now()));
    await o.repo.finishRun(runId, o.now(), { orphansRemoved: out.orphansRemoved });
    return out;
  } catch (e) {
    await o.repo.finishRun(runId, o.now(), { orphansRemoved: out.orphansRemoved, error: (e as Error).message.slice(0, 500) });
    throw e;
  }
}

/**
 * Leftovers of interrupted runs: partial writes, and complete files whose row still holds its bytes
 * (written, then killed before the row changed, and no longer due) or whose bytes were removed.
 * A file no row knows is counted and left: it may belong to a backup of the database taken earlier.
 */
export async function cleanOrphans(repo: RetentionRepo, files: ContentFiles, now: number): Promise<{ orphansRemoved: number; unknownFiles: number }> {
  const { files: stored, partial } = files.list();
  let orphansRemoved = 0;
  for (const p of partial) {
    if (now - p.mtimeMs < ORPHAN_GRACE_MS) continue;
    fs.rmSync(p.file, { force: true });
    orphansRemoved++;
  }
  const old = stored.filter((f) => now - f.mtimeMs >= ORPHAN_GRACE_MS);
  const states = await repo.statesOf(old.map((f) => f.sha256));
  let unknownFiles = 0;
  for (const f of old) {
    const state = states.get(f.sha256);
    if (state === undefined) unknownFiles++;
    else if (state !== 'file') {
      files.remove(f.sha256);
      orphansRemoved++;
    }
  }
  return { orphansRemoved, unknownFiles };
}
