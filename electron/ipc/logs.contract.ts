import { z } from 'zod';
import { OPERATORS, type ChannelAccess } from './roles';

/**
 * Logs (#17 item 5): the hub's own log, newest first and filtered, for IT; and the support
 * bundle (.tar.gz: logs, configuration without secrets, status, health, versions) with no
 * fødselsnummer and no secret in it.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export const logLevelSchema = z.enum(LOG_LEVELS);

export const logEntrySchema = z.object({
  /** ISO time as written. */
  t: z.string(),
  level: logLevelSchema,
  /** Redacted. */
  msg: z.string(),
  /** The line's other fields, redacted. */
  fields: z.record(z.string(), z.unknown()),
});
export type LogEntryDto = z.infer<typeof logEntrySchema>;

/** Where a page ended; hand it back as `before` for the older entries. */
export const logCursorSchema = z.object({ t: z.string().max(40), skip: z.number().int().min(0) }).strict();

export const logsQuerySchema = z
  .object({
    /** The lowest level shown (warn: warnings and errors). */
    level: logLevelSchema.optional(),
    text: z.string().trim().max(200).optional(),
    /** ms since the epoch, inclusive. */
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    /** A jobs integration (altinn, archive, correspondence, registers, print, internal). */
    integration: z.string().max(40).optional(),
    jobType: z.string().max(100).optional(),
    before: logCursorSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const logsPageSchema = z.object({
  entries: z.array(logEntrySchema),
  next: logCursorSchema.nullable(),
  /** Log files looked at (the active one and the rotated ones). */
  files: z.number().int(),
  /** The scan stopped at its cap before the oldest file was read through. */
  truncated: z.boolean(),
  /** The choices for the integration and job-type filters (from the job queue). */
  integrations: z.array(z.string()),
  jobTypes: z.array(z.string()),
});

export const logsChannels = {
  'logs.query': { input: logsQuerySchema, output: logsPageSchema, roles: OPERATORS },
  /** The support bundle as a .tar.gz (base64); audited. */
  'logs.supportBundle': {
    input: z.object({}).strict(),
    output: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
    roles: OPERATORS,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;
