import { z } from 'zod';

/** Where secrets live (#17 item 2). */
export const secretsConfigSchema = z
  .object({
    provider: z.enum(['auto', 'env', 'file', 'safe-storage']).default('auto'),
    file: z.string().optional().describe('Hemmelighetsfil (JSON, filrettigheter 0600) for provider "file"'),
  })
  .strict()
  .prefault({});
export type SecretsConfig = z.output<typeof secretsConfigSchema>;
