import { z } from 'zod';

/** Durable job type of the archivist's desk (#16), stored in users' databases: never renamed without a migration. */
export const EXPORT_JOB = 'archivist.export';
export const exportPayload = z.object({ exportId: z.number().int().positive() });
export type ExportPayload = z.infer<typeof exportPayload>;
/** One job per export run. */
export const exportJobKey = (exportId: number): string => `${EXPORT_JOB}:${exportId}`;
