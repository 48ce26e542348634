import { z } from 'zod';
import { OPERATORS, type ChannelAccess } from './roles';

/**
 * Alerts (#17 item 4), for IT: the open incidents (since when, what to do), the recently cleared
 * ones, where the mails go (never a password), acknowledging an incident, and "Send testvarsel".
 */

export const alertKindSchema = z.enum(['integration', 'job-dead', 'certificate', 'disk']);
export const mailStateSchema = z.enum(['none', 'pending', 'sent', 'failed']);

export const incidentSchema = z.object({
  id: z.number().int(),
  /** `integration:archive`, `job-dead:archive.deliver`, `certificate:NAME`, `disk`. */
  key: z.string(),
  kind: alertKindSchema,
  /** Bokmål, as the mails say it; redacted. */
  title: z.string(),
  message: z.string(),
  advice: z.string(),
  openedAt: z.number(),
  lastSeenAt: z.number(),
  /** The problem has been gone since then; it clears when it stays gone (hysteresis). */
  clearPendingSince: z.number().nullable(),
  clearedAt: z.number().nullable(),
  acknowledgedAt: z.number().nullable(),
  /** Display name of who acknowledged it. */
  acknowledgedBy: z.string().nullable(),
  mail: z.object({
    open: mailStateSchema,
    openAt: z.number().nullable(),
    clear: mailStateSchema.nullable(),
    clearAt: z.number().nullable(),
    /** The last sending failure (redacted), while it is retried. */
    error: z.string().nullable(),
  }),
});
export type IncidentDto = z.infer<typeof incidentSchema>;

export const mailSetupSchema = z.object({
  /** An SMTP server is configured (or the demo's simulator stands in). */
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  security: z.enum(['starttls', 'tls', 'none']).nullable(),
  /** The connection is encrypted (STARTTLS or TLS from the start). */
  encrypted: z.boolean(),
  /** Logs in as this user (the password is never shown). */
  username: z.string().nullable(),
  from: z.string().nullable(),
  recipients: z.array(z.string()),
  /** The demo's SMTP simulator stands in for the municipality's server. */
  demo: z.boolean(),
});
export type MailSetupDto = z.infer<typeof mailSetupSchema>;

export const alertsListSchema = z.object({
  enabled: z.boolean(),
  /** Oldest first. */
  open: z.array(incidentSchema),
  /** The latest cleared first. */
  recent: z.array(incidentSchema),
  mail: mailSetupSchema,
  rules: z.object({
    failingAfterMinutes: z.number().int(),
    clearAfterMinutes: z.number().int(),
    certificateWarnDays: z.number().int(),
    diskMinFreePercent: z.number(),
    diskMinFreeMiB: z.number(),
  }),
  checkedAt: z.number(),
});
export type AlertsListDto = z.infer<typeof alertsListSchema>;

export const testMailResultSchema = z.object({
  ok: z.boolean(),
  /** What happened, in words; when it failed, what to do. */
  message: z.string(),
  /** The SMTP server's own answer ("250 2.0.0 Ok …"), when it gave one. */
  response: z.string().nullable(),
  recipients: z.array(z.string()),
});
export type TestMailResultDto = z.infer<typeof testMailResultSchema>;

export const alertsChannels = {
  'alerts.list': {
    input: z.object({ recentLimit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: alertsListSchema,
    roles: OPERATORS,
  },
  /** The header's badge: open incidents (IT only). */
  'alerts.count': {
    input: z.object({}).strict(),
    output: z.object({ open: z.number().int(), unacknowledged: z.number().int() }),
    roles: OPERATORS,
  },
  'alerts.acknowledge': {
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: incidentSchema,
    roles: OPERATORS,
  },
  'alerts.sendTest': {
    input: z.object({}).strict(),
    output: testMailResultSchema,
    roles: OPERATORS,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;
