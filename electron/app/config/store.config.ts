import { z } from 'zod';
import { isLoopbackHost, secretRefSchema } from '../../../integrations';

const pgUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'må begynne med postgres:// eller postgresql://')
  .refine(
    (u) => {
      try {
        return new URL(u).password === '';
      } catch {
        return false;
      }
    },
    { message: 'adressen må være gyldig og uten passord: passordet hører hjemme i hemmelighetslageret ("password": {"secret": "…"})' },
  );

const postgresStore = z
  .object({
    kind: z.literal('postgres'),
    url: pgUrl.describe('postgres://bruker@vert:5432/database (uten passord)'),
    password: secretRefSchema.optional().describe('Passordet, som referanse til hemmelighetslageret'),
    pool: z
      .object({ max: z.number().int().min(1).max(200).default(10).describe('Største antall samtidige tilkoblinger fra denne noden') })
      .strict()
      .prefault({}),
    ssl: z
      .union([
        z.literal(false),
        z
          .object({
            rejectUnauthorized: z.boolean().default(true),
            ca: z.string().optional().describe('Sti til CA-sertifikatet (PEM) som serveren skal kjennes igjen med'),
          })
          .strict(),
      ])
      .optional()
      .describe('TLS mot databasen; påkrevd når serveren ikke er på denne maskinen'),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional()
      .describe('Eget skjema i databasen (standard: brukerens søkesti)'),
  })
  .strict()
  .refine(
    (s) => {
      try {
        // the same rule as for every other service (#12 item 12): credentials and personal data cross the network encrypted
        return isLoopbackHost(new URL(s.url).hostname) || (s.ssl !== undefined && s.ssl !== false);
      } catch {
        return true;
      }
    },
    { message: 'en database på en annen maskin krever TLS: sett "ssl": {} (eventuelt med "ca")', path: ['ssl'] },
  );

/**
 * Where the hub keeps its data: SQLite in the data folder (one desk, the default) or a PostgreSQL
 * database shared by every hub node of a team (#19).
 */
export const storeConfigSchema = z
  .discriminatedUnion('kind', [z.object({ kind: z.literal('sqlite') }).strict(), postgresStore])
  .default({ kind: 'sqlite' })
  .describe('Lageret: "sqlite" (standard, én maskin) eller "postgres" (delt av flere noder)');
export type StoreConfig = z.infer<typeof storeConfigSchema>;
