import { z } from 'zod';

/** Logging (#17 item 5). */
export const loggingConfigSchema = z
  .object({
    level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    file: z.string().optional(),
  })
  .strict()
  .prefault({});
export type LoggingConfig = z.output<typeof loggingConfigSchema>;
