import { z } from 'zod';

/**
 * Where secrets live (#17 item 2). auto: the environment (POSTMOTTAK_SECRET_<NAME>) over a file;
 * the file is encrypted (AES-256-GCM) when POSTMOTTAK_SECRETS_KEY holds a key, else plain and owner-only.
 */
export const secretsConfigSchema = z
  .object({
    provider: z.enum(['auto', 'env', 'file', 'encrypted-file', 'safe-storage']).default('auto'),
    file: z.string().optional().describe('Hemmelighetsfil (JSON, filrettigheter 0600) uten kryptering; standard: <datamappe>/secrets.json'),
    encryptedFile: z
      .string()
      .optional()
      .describe('Kryptert hemmelighetsfil (AES-256-GCM, nøkkel i miljøvariabelen POSTMOTTAK_SECRETS_KEY, filrettigheter 0600); standard: <datamappe>/secrets.enc.json'),
  })
  .strict()
  .prefault({});
export type SecretsConfig = z.output<typeof secretsConfigSchema>;
