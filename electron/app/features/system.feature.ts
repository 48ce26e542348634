import { z } from 'zod';
import { IntegrationError } from '../../core/errors';
import { redactText } from '../../core/redact';
import type { Scheduler, ScheduleDefinition } from '../../jobs';
import { BackupUnsupportedError } from '../../store';
import { lastBackup, runBackup } from '../admin/backups';
import { runMaintenance } from '../admin/data-maintenance';
import { job, type Feature, type FeatureDeps } from '../feature';
import { NotFound } from '../invoke';
import { toJobSummaries, toJobSummary } from '../views/job.view';

/**
 * The housekeeping schedules every installation has. The system feature reports on the scheduler,
 * so the composition root hands these to the scheduler itself before wiring the feature.
 */
export const SYSTEM_SCHEDULES: readonly ScheduleDefinition[] = [
  { name: 'store.backup', cron: '0 2 * * *', jobType: 'store.backup', enabled: true },
  { name: 'store.maintenance', cron: '30 2 * * *', jobType: 'store.maintenance', enabled: true },
  { name: 'audit.verify', cron: '0 3 * * *', jobType: 'audit.verify', enabled: true },
];

type SystemChannel = 'system.status' | 'jobs.list' | 'jobs.retry' | 'jobs.retryMany' | 'jobs.abandon' | 'schedules.runNow' | 'audit.verify';

/** The system: status, jobs and schedules, the audit chain, and the housekeeping jobs (backup, maintenance, audit check). */
const NO_HANDOVERS = { waiting: 0, pending: 0, 'awaiting-receipt': 0, delivered: 0, failed: 0, manual: 0, done: 0 };

export function wireSystem(
  d: Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'runner' | 'clock' | 'emit' | 'users'> & {
    /** The internal systems in force (the demo's included), for the status screen's hand-over figures. */
    internalTargets?(): Record<string, { name: string; transport: 'rest' | 'soap' | 'file' | 'manual' }>;
    scheduler: Scheduler;
    backupDir: string;
    /** The archive transport in use, when one is connected. */
    archiveTransport: string | null;
  },
): Feature<SystemChannel> {
  const { jobs, audit, meta, schedules } = d.repos;
  // the audit names the desk user who acted, not the operating-system account the host runs as
  const actor = () => d.users.current().account;
  const startedAt = d.clock.now();
  const empty = z.object({}).strict();
  return {
    schedules: [],
    jobs: [
      job({
        type: 'store.backup',
        schema: empty,
        maxAttempts: 3,
        handle: async () => {
          // the SQLite file only: a PostgreSQL store has its own backups, so retrying cannot help
          if (d.store.kind !== 'sqlite') throw new IntegrationError('permanent', new BackupUnsupportedError(d.store.kind).message);
          // #17 item 6: the copy is restore-tested (integrity_check, schema version); a failed test throws, so the job fails and alerts see it
          await runBackup(d.store, d.backupDir, d.config.backup.keep, d.clock, meta);
        },
      }),
      job({
        type: 'store.maintenance',
        schema: empty,
        handle: async () => {
          // #12 item 11: finished jobs whose key cannot come back are pruned after jobs.keepDoneDays
          await d.runner.pruneDone(d.config.jobs.keepDoneDays * 86_400_000);
          // #17 item 6: WAL checkpoint, optimize and a bounded incremental vacuum (SQLite), ANALYZE (PostgreSQL); recorded for Drift
          await runMaintenance(d.store, { vacuumPages: d.config.retention.vacuumPagesPerRun, clock: d.clock, meta });
        },
      }),
      job({
        type: 'audit.verify',
        schema: empty,
        maxAttempts: 1,
        handle: async () => {
          const r = await audit.verify();
          await audit.append({ actor: 'system', action: 'audit.verified', details: { ok: r.ok, checked: r.checked, problem: r.problem } }, d.clock.now());
          // a broken chain is a security event: the job goes dead and stays visible until someone acts
          if (!r.ok) throw new IntegrationError('permanent', `Revisjonsloggen er brutt ved rad ${r.problem?.seq}: ${r.problem?.reason}`);
        },
      }),
    ],
    handlers: {
      'system.status': async () => {
        // every configured target, and any other a profile routed to (waiting for IT), with its counts by state
        const handoverCounts = async () => {
          const targets = d.internalTargets?.() ?? d.config.integrations.internal?.targets ?? {};
          type Row = { target: string; name: string; transport: 'rest' | 'soap' | 'file' | 'manual' | null; counts: typeof NO_HANDOVERS };
          const out = new Map<string, Row>(Object.entries(targets).map(([id, t]) => [id, { target: id, name: t.name, transport: t.transport, counts: { ...NO_HANDOVERS } }]));
          for (const r of await d.repos.handovers.counts()) {
            const row = out.get(r.target) ?? { target: r.target, name: r.target, transport: null, counts: { ...NO_HANDOVERS } };
            row.counts[r.status] = r.count;
            out.set(r.target, row);
          }
          return [...out.values()];
        };
        const now = d.clock.now();
        const recorded = new Map((await schedules.all()).map((r) => [r.name, r]));
        return {
          version: d.host.version,
          demo: d.host.demo,
          host: d.host.host,
          startedAt,
          now,
          store: { kind: d.store.kind, node: d.host.node, sizeBytes: await d.store.sizeBytes(), schemaVersion: await d.store.schemaVersion(), auditEntries: await audit.count() },
          jobs: await jobs.counts(),
          pausedIntegrations: await jobs.activePauses(now),
          waiting: (await jobs.waiting()).map((w) => ({ ...w, lastError: w.lastError ? redactText(w.lastError) : null })),
          schedules: d.scheduler.definitions.map((s) => ({
            name: s.name,
            cron: s.cron,
            jobType: s.jobType,
            enabled: s.enabled,
            lastRunAt: recorded.get(s.name)?.lastEnqueuedAt ?? null,
            nextRunAt: d.scheduler.nextRun(s.name),
          })),
          lastBackup: await lastBackup(meta),
          // read-only commands do not connect: the configured transport is still what is set up
          archive: {
            transport: d.archiveTransport ?? (d.config.integrations.archive?.enabled ? d.config.integrations.archive.transport : null),
            entries: await d.repos.archive.counts(),
          },
          handovers: await handoverCounts(),
        };
      },
      'jobs.list': async (input) => toJobSummaries(jobs, await jobs.list(input)),
      'jobs.retry': async (input) => {
        const j = await d.runner.retry(input.id, actor());
        if (!j) throw new NotFound(`Fant ingen død jobb med id ${input.id}.`);
        return (await toJobSummaries(jobs, [j]))[0]!;
      },
      'jobs.retryMany': async (input) => {
        // one by one through the runner: each retry is its own audit entry, as a single retry is
        const retried = [];
        const missing: number[] = [];
        for (const id of new Set(input.ids)) {
          const j = await d.runner.retry(id, actor());
          if (j) retried.push(j);
          else missing.push(id);
        }
        return { retried: await toJobSummaries(jobs, retried), missing };
      },
      'jobs.abandon': async (input) => {
        const j = await d.runner.abandon(input.id, actor());
        if (!j) throw new NotFound(`Fant ingen død jobb med id ${input.id}.`);
        return toJobSummary(j);
      },
      'schedules.runNow': async (input) => {
        const r = await d.scheduler.runNow(input.name);
        if (!r) throw new NotFound(`Ukjent tidsplan «${input.name}».`);
        await d.store.uow.run(() => audit.append({ actor: actor(), action: 'schedule.run-now', subject: `schedule:${input.name}`, details: {} }, d.clock.now()));
        d.emit('status.changed', { reason: 'schedule.run-now' });
        return { jobId: r.job.id, created: r.created };
      },
      'audit.verify': () => audit.verify(),
    },
  };
}
