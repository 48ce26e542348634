import { z } from 'zod';
import { IntegrationError } from '../../core/errors';
import { redactText } from '../../core/redact';
import type { Scheduler, ScheduleDefinition } from '../../jobs';
import { lastBackup, runBackup } from '../admin/backups';
import { job, type Feature, type FeatureDeps } from '../feature';
import { NotFound } from '../invoke';
import { toJobSummary } from '../views/job.view';

/**
 * The housekeeping schedules every installation has. The system feature reports on the scheduler,
 * so the composition root hands these to the scheduler itself before wiring the feature.
 */
export const SYSTEM_SCHEDULES: readonly ScheduleDefinition[] = [
  { name: 'store.backup', cron: '0 2 * * *', jobType: 'store.backup', enabled: true },
  { name: 'store.maintenance', cron: '30 2 * * *', jobType: 'store.maintenance', enabled: true },
  { name: 'audit.verify', cron: '0 3 * * *', jobType: 'audit.verify', enabled: true },
];

type SystemChannel = 'system.status' | 'jobs.list' | 'jobs.retry' | 'jobs.abandon' | 'schedules.runNow' | 'audit.verify';

/** The system: status, jobs and schedules, the audit chain, and the housekeeping jobs (backup, maintenance, audit check). */
export function wireSystem(
  d: Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'runner' | 'clock' | 'emit' | 'users'> & {
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
      job({ type: 'store.backup', schema: empty, maxAttempts: 3, handle: async () => void (await runBackup(d.store, d.backupDir, d.config.backup.keep, d.clock, meta)) }),
      job({
        type: 'store.maintenance',
        schema: empty,
        handle: () => {
          // #12 item 11: finished jobs whose key cannot come back are pruned after jobs.keepDoneDays
          d.runner.pruneDone(d.config.jobs.keepDoneDays * 86_400_000);
          d.store.db.pragma('optimize');
          d.store.db.pragma('wal_checkpoint(TRUNCATE)');
        },
      }),
      job({
        type: 'audit.verify',
        schema: empty,
        maxAttempts: 1,
        handle: () => {
          const r = audit.verify();
          audit.append({ actor: 'system', action: 'audit.verified', details: { ok: r.ok, checked: r.checked, problem: r.problem } }, d.clock.now());
          // a broken chain is a security event: the job goes dead and stays visible until someone acts
          if (!r.ok) throw new IntegrationError('permanent', `Revisjonsloggen er brutt ved rad ${r.problem?.seq}: ${r.problem?.reason}`);
        },
      }),
    ],
    handlers: {
      'system.status': () => ({
        version: d.host.version,
        demo: d.host.demo,
        host: d.host.host,
        startedAt,
        now: d.clock.now(),
        store: { sizeBytes: d.store.sizeBytes(), schemaVersion: d.store.schemaVersion(), auditEntries: audit.count() },
        jobs: jobs.counts(),
        pausedIntegrations: jobs.activePauses(d.clock.now()),
        waiting: jobs.waiting().map((w) => ({ ...w, lastError: w.lastError ? redactText(w.lastError) : null })),
        schedules: d.scheduler.definitions.map((s) => ({
          name: s.name,
          cron: s.cron,
          jobType: s.jobType,
          enabled: s.enabled,
          lastRunAt: schedules.get(s.name)?.lastEnqueuedAt ?? null,
          nextRunAt: d.scheduler.nextRun(s.name),
        })),
        lastBackup: lastBackup(meta),
        // read-only commands do not connect: the configured transport is still what is set up
        archive: { transport: d.archiveTransport ?? (d.config.integrations.archive?.enabled ? d.config.integrations.archive.transport : null), entries: d.repos.archive.counts() },
      }),
      'jobs.list': (input) => jobs.list({ status: input.status, limit: input.limit }).map(toJobSummary),
      'jobs.retry': (input) => {
        const j = d.runner.retry(input.id, actor());
        if (!j) throw new NotFound(`Fant ingen død jobb med id ${input.id}.`);
        return toJobSummary(j);
      },
      'jobs.abandon': (input) => {
        const j = d.runner.abandon(input.id, actor());
        if (!j) throw new NotFound(`Fant ingen død jobb med id ${input.id}.`);
        return toJobSummary(j);
      },
      'schedules.runNow': (input) => {
        const r = d.scheduler.runNow(input.name);
        if (!r) throw new NotFound(`Ukjent tidsplan «${input.name}».`);
        d.store.transaction(() => audit.append({ actor: actor(), action: 'schedule.run-now', subject: `schedule:${input.name}`, details: {} }, d.clock.now()));
        d.emit('status.changed', { reason: 'schedule.run-now' });
        return { jobId: r.job.id, created: r.created };
      },
      'audit.verify': () => audit.verify(),
    },
  };
}
