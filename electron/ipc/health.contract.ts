import { z } from 'zod';
import { ALL_ROLES } from './roles';

/**
 * Health (#17 item 3): an overall state every user sees in the header, and per integration the
 * details IT needs (last success, last failure, backoff or pause, queue depth, oldest waiting).
 */

export const healthStateSchema = z.enum(['ok', 'degradert', 'nede']);
export type HealthState = z.infer<typeof healthStateSchema>;

export const integrationHealthSchema = z.object({
  integration: z.string(),
  state: z.enum(['ok', 'degradert', 'nede', 'ukjent']),
  lastSuccessAt: z.number().nullable(),
  lastFailureAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorKind: z.string().nullable(),
  failingSince: z.number().nullable(),
  pausedUntil: z.number().nullable(),
  queueDepth: z.number().int(),
  oldestWaitingAt: z.number().nullable(),
  successes: z.number().int(),
  failures: z.number().int(),
  /** When a job that failed tries again (its backoff); null when none waits out a backoff. */
  nextRetryAt: z.number().nullable().optional(),
  /** Dead jobs nobody has retried or abandoned. */
  deadJobs: z.number().int().optional(),
});
export type IntegrationHealthDto = z.infer<typeof integrationHealthSchema>;

export const healthSchema = z.object({
  state: healthStateSchema,
  checkedAt: z.number(),
  /** Empty for a user without it-admin: they see the overall state only. */
  integrations: z.array(integrationHealthSchema),
  /** Whether this user gets the details (it-admin): the header links to them then. */
  details: z.boolean().optional(),
});
export type HealthDto = z.infer<typeof healthSchema>;

export const healthChannels = {
  'health.get': { input: z.object({}).strict(), output: healthSchema, roles: ALL_ROLES },
} as const;
