import { z } from 'zod';

/**
 * Logging (#17 item 5): JSON lines, redacted, in an owner-only folder. The active file is rotated
 * when it reaches `maxSizeMB` or at the first line of a new day; rotated files (`postmottak.log.1`
 * newest …) are kept up to `maxFiles` and at most `maxAgeDays` days.
 */
export const loggingConfigSchema = z
  .object({
    level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    file: z.string().optional(),
    maxSizeMB: z.number().positive().max(1024).default(10).describe('Største størrelse på loggfilen før den roteres (MB)'),
    maxFiles: z.number().int().min(1).max(1000).default(10).describe('Antall roterte loggfiler som beholdes'),
    maxAgeDays: z.number().int().min(1).max(3650).default(30).describe('Roterte loggfiler eldre enn dette (dager) slettes'),
  })
  .strict()
  .prefault({});
export type LoggingConfig = z.output<typeof loggingConfigSchema>;
