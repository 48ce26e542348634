import type { JobSummary, SystemStatus } from '../../../electron/ipc/contract';

export const NOW = Date.UTC(2025, 2, 12, 13, 0, 0);

export function statusFixture(overrides: Partial<SystemStatus> = {}): SystemStatus {
  return {
    version: '0.1.0',
    demo: false,
    host: 'headless',
    startedAt: NOW - 3 * 60_000,
    now: NOW,
    store: { sizeBytes: 1_234_567, schemaVersion: 30, auditEntries: 42 },
    jobs: { queued: 3, running: 1, done: 7, dead: 2, deadUnresolved: 1 },
    pausedIntegrations: [],
    schedules: [
      { name: 'store.backup', cron: '0 2 * * *', jobType: 'store.backup', enabled: true, lastRunAt: NOW - 11 * 3600_000, nextRunAt: NOW + 13 * 3600_000 },
      { name: 'custom.sync', cron: '*/5 * * * *', jobType: 'custom.sync', enabled: true, lastRunAt: null, nextRunAt: null },
    ],
    lastBackup: null,
    ...overrides,
  };
}

export function jobFixture(overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: 1,
    type: 'noark.archive-incoming',
    status: 'done',
    attempts: 1,
    maxAttempts: 5,
    integration: 'noark',
    runAfter: NOW,
    createdAt: NOW - 60_000,
    updatedAt: NOW - 30_000,
    lastError: null,
    lastErrorKind: null,
    abandoned: false,
    ...overrides,
  };
}
