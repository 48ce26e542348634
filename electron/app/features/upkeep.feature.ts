import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { diskBelow } from '../../core/operations/alerts.conditions';
import type { DiskInfo, DiskWatch } from '../../core/ports/disk.port';
import type { UpkeepOverviewDto, UpkeepWarningDto } from '../../ipc/upkeep.contract';
import { contentFiles, useContentFiles } from '../../store/content-files';
import { runRetention } from '../../store/retention';
import { backupDirOf, lastBackup, lastFailedBackup, listBackups } from '../admin/backups';
import { diskOf, lastMaintenance } from '../admin/data-maintenance';
import { diskLimitOf } from '../config/alerts.config';
import { job, type Feature, type FeatureDeps } from '../feature';

type UpkeepChannel = 'upkeep.overview' | 'upkeep.runRetention' | 'upkeep.runMaintenance';

const DAY = 86_400_000;
/** Orphan files are looked for at most this often (a walk of the whole files folder). */
const ORPHAN_SWEEP_EVERY = 7 * DAY;
/** The data folder walk stops after this many entries (its size is then a lower bound). */
const WALK_LIMIT = 50_000;
const DISK_CACHE_MS = 30_000;

/** Where retention writes: config retention.filesDir, else <data>/files. */
export const filesDirOf = (config: { retention: { filesDir?: string } }, dataDir: string): string =>
  config.retention.filesDir ? path.resolve(config.retention.filesDir) : path.join(dataDir, 'files');

/** Bytes under a folder, skipping one subfolder, stopping after `limit` entries (a bounded walk). */
function folderBytes(dir: string, skip: string, limit: number): number {
  let total = 0;
  let seen = 0;
  const stack = [dir];
  while (stack.length && seen < limit) {
    const d = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > limit) break;
      const full = path.join(d, e.name);
      if (full === skip) continue;
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile()) {
        try {
          total += fs.statSync(full).size;
        } catch {
          // removed while walking (a log rotated, a backup pruned)
        }
      }
    }
  }
  return total;
}

/**
 * #17 item 6, store upkeep: retention (the nightly `retention.run` job), the data folder and disk
 * (the DiskWatch the alerts consume), and the Drift screen's overview. Maintenance and backups are
 * the system feature's jobs (store.maintenance, store.backup); their outcomes are read here.
 */
export function wireUpkeep(d: FeatureDeps & { dataDir: string }): Feature<UpkeepChannel> & DiskWatch {
  const cfg = () => d.config.retention;
  const filesDir = filesDirOf(d.config, d.dataDir);
  const files = contentFiles(filesDir);
  // the repositories read moved documents from this folder
  useContentFiles(d.store.sql, files);
  const { retention, meta, audit } = d.repos;
  const actor = () => d.users.current().account;

  let diskCache: { at: number; info: DiskInfo } | null = null;
  async function disk(): Promise<DiskInfo> {
    const now = d.clock.now();
    if (diskCache && now - diskCache.at < DISK_CACHE_MS && now >= diskCache.at) return diskCache.info;
    const inside = filesDir.startsWith(path.resolve(d.dataDir) + path.sep);
    // the files folder is counted from its rows (exact and cheap), not walked: it may hold a year of documents
    const moved = inside ? await retention.movedBytes() : 0;
    const space = await diskOf(d.dataDir);
    const info: DiskInfo = {
      dataDir: d.dataDir,
      dataBytes: folderBytes(d.dataDir, filesDir, WALK_LIMIT) + moved,
      databaseBytes: await d.store.sizeBytes(),
      freeBytes: space?.freeBytes ?? 0,
      totalBytes: space?.totalBytes ?? 0,
    };
    diskCache = { at: now, info };
    return info;
  }

  async function pageStats() {
    if (d.store.kind !== 'sqlite') return { pageSize: null, pageCount: null, freePages: null, autoVacuum: null };
    const one = async (p: string) => {
      const r = await d.store.sql.get<Record<string, number>>(`PRAGMA ${p}`);
      return r ? Number(Object.values(r)[0]) : null;
    };
    const mode = await one('auto_vacuum');
    return {
      pageSize: await one('page_size'),
      pageCount: await one('page_count'),
      freePages: await one('freelist_count'),
      autoVacuum: mode === null ? null : (['none', 'full', 'incremental'] as const)[mode] ?? null,
    };
  }

  async function overview(): Promise<UpkeepOverviewDto> {
    const now = d.clock.now();
    const info = await disk();
    const blobs = await retention.blobStats();
    const maintenance = await lastMaintenance(meta);
    const last = await lastBackup(meta);
    const failure = await lastFailedBackup(meta);
    const run = await retention.lastRun();
    const backupDir = backupDirOf(d.config, d.dataDir);
    const maxDatabaseBytes = cfg().maxDatabaseMB !== undefined ? cfg().maxDatabaseMB! * 1_000_000 : null;
    const warnings: UpkeepWarningDto[] = [];
    if (maxDatabaseBytes !== null && info.databaseBytes > maxDatabaseBytes) warnings.push({ kind: 'database-large', databaseBytes: info.databaseBytes, limitBytes: maxDatabaseBytes });
    // the same limit as the disk alert (alerts.disk), so the screen and the mail agree
    if (diskBelow(info, diskLimitOf(d.config.alerts))) {
      warnings.push({ kind: 'disk-low', freeBytes: info.freeBytes, totalBytes: info.totalBytes, limitPercent: d.config.alerts.disk.minFreePercent });
    }
    // a failed restore test newer than the last good backup
    if (failure && (!last || failure.at > last.at)) warnings.push({ kind: 'backup-failed', at: failure.at, result: failure.result });
    if (run?.state === 'failed' && run.error) warnings.push({ kind: 'retention-failed', at: run.startedAt, error: run.error });
    return {
      now,
      database: { kind: d.store.kind, location: d.store.location, bytes: info.databaseBytes, ...(await pageStats()), blobs },
      disk: { dataDir: d.dataDir, dataBytes: info.dataBytes, freeBytes: info.totalBytes ? info.freeBytes : null, totalBytes: info.totalBytes || null },
      maintenance: maintenance
        ? {
            at: maintenance.at,
            durationMs: maintenance.durationMs,
            freedPages: maintenance.freedPages,
            switchedToIncremental: maintenance.switchedToIncremental,
            switchPostponed: maintenance.switchPostponed,
            analyzed: maintenance.analyzed,
          }
        : null,
      backups: {
        supported: d.store.kind === 'sqlite',
        dir: backupDir,
        keep: d.config.backup.keep,
        last: last ? { at: last.at, file: last.file, bytes: last.bytes, check: last.check ?? null } : null,
        lastFailure: failure,
        kept: d.store.kind === 'sqlite' ? listBackups(backupDir) : [],
      },
      retention: {
        enabled: cfg().enabled,
        policy: cfg().policy,
        moveAfterDays: cfg().moveAfterDays,
        filesDir,
        filesBytes: blobs.file.bytes,
        maxDatabaseBytes,
        lastRun: run
          ? { startedAt: run.startedAt, finishedAt: run.finishedAt, state: run.state, policy: run.policy, cases: run.cases, blobs: run.blobs, bytes: run.bytes, error: run.error }
          : null,
      },
      warnings,
    };
  }

  const manual = async (type: 'retention.run' | 'store.maintenance', what: string) => {
    const now = d.clock.now();
    // one manual run per minute: a double click does not queue two
    const r = await d.store.uow.run(async () => {
      const q = await d.runner.enqueue(type, {}, `upkeep:${type}:manual:${Math.floor(now / 60_000)}`);
      if (q.created) await audit.append({ actor: actor(), action: 'upkeep.run-now', subject: `job:${type}`, details: { what } }, now);
      return q;
    });
    d.emit('status.changed', { reason: 'upkeep.run-now' });
    return { jobId: r.job.id, created: r.created };
  };

  return {
    disk,
    schedules: [{ name: 'retention.run', cron: '30 1 * * *', jobType: 'retention.run', enabled: cfg().enabled }],
    jobs: [
      job({
        type: 'retention.run',
        schema: z.object({}).strict(),
        maxAttempts: 3,
        handle: async () => {
          if (!cfg().enabled) return;
          const now = d.clock.now();
          const cleanedAt = Number((await meta.get('retention.orphansCleanedAt')) ?? 0);
          const sweep = now - cleanedAt >= ORPHAN_SWEEP_EVERY || now < cleanedAt;
          const r = await runRetention({
            repo: retention,
            meta,
            files,
            policy: cfg().policy,
            afterDays: cfg().moveAfterDays,
            batchSize: cfg().batchSize,
            now: () => d.clock.now(),
            cleanOrphans: sweep,
          });
          if (sweep) await meta.set('retention.orphansCleanedAt', String(now));
          d.logger.log('info', 'retention run', { cases: r.cases, blobs: r.blobs, bytes: r.bytes, orphansRemoved: r.orphansRemoved, unknownFiles: r.unknownFiles, policy: cfg().policy });
          diskCache = null;
        },
      }),
    ],
    handlers: {
      'upkeep.overview': () => overview(),
      'upkeep.runRetention': () => manual('retention.run', 'retention'),
      'upkeep.runMaintenance': () => manual('store.maintenance', 'maintenance'),
    },
  };
}
