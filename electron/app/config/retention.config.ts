import { z } from 'zod';

/**
 * #17 item 6: store upkeep. The file contents of fully processed cases (archived with every entry,
 * the reply read or printed, every hand-over done) leave the hot database after `moveAfterDays`.
 */
export const retentionConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Om innholdet i ferdigbehandlede saker flyttes ut av databasen'),
    moveAfterDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Antall dager etter at saken er ferdigbehandlet (arkivert, svaret lest eller skrevet ut, overleveringer gjort) før innholdet flyttes ut'),
    policy: z
      .enum(['move', 'remove'])
      .default('move')
      .describe(
        '«move»: innholdet flyttes til filer i filmappen og kan fortsatt åpnes i saken. «remove»: innholdet slettes (arkivet har det); saken viser da at innholdet er slettet, og arkivuttrekk for perioden må lages fra arkivsystemet',
      ),
    filesDir: z
      .string()
      .optional()
      .describe(
        'Mappe for innhold som er flyttet ut; standard: <datamappe>/files. Med PostgreSQL og flere noder må mappen være delt mellom alle nodene (for eksempel et nettverksområde), ellers finner ikke de andre nodene filene. Ta med mappen i sikkerhetskopien av serveren: databasekopien inneholder ikke filene',
      ),
    batchSize: z.number().int().min(1).max(10_000).default(200).describe('Antall saker per omgang (hver omgang er en egen transaksjon)'),
    maxDatabaseMB: z.number().positive().optional().describe('Varsle på Drift-siden når databasen blir større enn dette (MB)'),
    vacuumPagesPerRun: z
      .number()
      .int()
      .min(0)
      .default(50_000)
      .describe('Høyst så mange ledige sider (SQLite) gis tilbake til disken per vedlikehold; 0 = alle'),
  })
  .strict()
  .prefault({});
export type RetentionConfig = z.output<typeof retentionConfigSchema>;
