import type { IntegrationHealth } from '../../electron/core/ports/health.port';

/** One integration's health as the health reader reports it: never used, nothing waiting, unless `over` says otherwise. */
export const integrationHealth = (over: Partial<IntegrationHealth> = {}): IntegrationHealth => ({
  integration: 'archive',
  state: 'ukjent',
  lastSuccessAt: null,
  lastFailureAt: null,
  lastError: null,
  lastErrorKind: null,
  failingSince: null,
  pausedUntil: null,
  queueDepth: 0,
  oldestWaitingAt: null,
  successes: 0,
  failures: 0,
  ...over,
});
