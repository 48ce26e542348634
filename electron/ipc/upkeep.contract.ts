import { z } from 'zod';
import { OPERATORS, type ChannelAccess } from './roles';

/**
 * #17 item 6, store upkeep (the Drift screen, it-admin): the database and its free pages, the data
 * folder and the disk, the last maintenance, the backups with their restore test, and retention.
 */

const blobCount = z.object({ count: z.number().int(), bytes: z.number() });

export const backupCheckSchema = z.object({ ok: z.boolean(), result: z.string(), schemaVersion: z.number().int().nullable(), at: z.number() });

export const upkeepWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('database-large'), databaseBytes: z.number(), limitBytes: z.number() }),
  z.object({ kind: z.literal('disk-low'), freeBytes: z.number(), totalBytes: z.number(), limitPercent: z.number() }),
  z.object({ kind: z.literal('backup-failed'), at: z.number(), result: z.string() }),
  z.object({ kind: z.literal('retention-failed'), at: z.number(), error: z.string() }),
]);
export type UpkeepWarningDto = z.infer<typeof upkeepWarningSchema>;

export const upkeepOverviewSchema = z.object({
  now: z.number(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    /** The file, or the URL without its password. */
    location: z.string(),
    /** The file with its WAL (SQLite), or pg_database_size. */
    bytes: z.number(),
    pageSize: z.number().nullable(),
    pageCount: z.number().nullable(),
    freePages: z.number().nullable(),
    autoVacuum: z.enum(['none', 'full', 'incremental']).nullable(),
    /** Bytes of documents still inside, moved to files, and removed (what they were). */
    blobs: z.object({ db: blobCount, file: blobCount, removed: blobCount }),
  }),
  disk: z.object({
    dataDir: z.string(),
    /** Everything under the data folder (bounded walk). */
    dataBytes: z.number(),
    freeBytes: z.number().nullable(),
    totalBytes: z.number().nullable(),
  }),
  maintenance: z
    .object({
      at: z.number(),
      durationMs: z.number(),
      freedPages: z.number(),
      switchedToIncremental: z.boolean(),
      switchPostponed: z.string().nullable(),
      analyzed: z.array(z.string()),
    })
    .nullable(),
  backups: z.object({
    /** False on PostgreSQL: its backups are the database's own tools'. */
    supported: z.boolean(),
    dir: z.string(),
    keep: z.number().int(),
    last: z.object({ at: z.number(), file: z.string(), bytes: z.number(), check: backupCheckSchema.nullable() }).nullable(),
    lastFailure: z.object({ at: z.number(), file: z.string(), result: z.string() }).nullable(),
    kept: z.array(z.object({ file: z.string(), bytes: z.number(), at: z.number() })),
  }),
  retention: z.object({
    enabled: z.boolean(),
    policy: z.enum(['move', 'remove']),
    moveAfterDays: z.number().int(),
    filesDir: z.string(),
    filesBytes: z.number(),
    maxDatabaseBytes: z.number().nullable(),
    lastRun: z
      .object({
        startedAt: z.number(),
        finishedAt: z.number().nullable(),
        state: z.enum(['running', 'done', 'failed']),
        policy: z.enum(['move', 'remove']),
        cases: z.number().int(),
        blobs: z.number().int(),
        bytes: z.number(),
        error: z.string().nullable(),
      })
      .nullable(),
  }),
  warnings: z.array(upkeepWarningSchema),
});
export type UpkeepOverviewDto = z.infer<typeof upkeepOverviewSchema>;

const enqueued = z.object({ jobId: z.number().int(), created: z.boolean() });
const empty = z.object({}).strict();

export const upkeepChannels = {
  'upkeep.overview': { input: empty, output: upkeepOverviewSchema, roles: OPERATORS },
  /** Queues a retention run now (the nightly one's job; a run already queued is not doubled). */
  'upkeep.runRetention': { input: empty, output: enqueued, roles: OPERATORS },
  /** Queues the maintenance job now (checkpoint, optimize, incremental vacuum / ANALYZE). */
  'upkeep.runMaintenance': { input: empty, output: enqueued, roles: OPERATORS },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; roles: ChannelAccess }>;
