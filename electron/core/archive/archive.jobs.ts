import { z } from 'zod';

/** Durable job types of the archive (stored in users' databases, so never renamed without a migration). */
export const ARCHIVE_JOB = 'noark.archive';
export const RECEIPT_JOB = 'noark.archive-receipt';
export const archiveJobKey = (entryKey: string): string => `${ARCHIVE_JOB}:${entryKey}`;
export const receiptJobKey = (entryKey: string): string => `${RECEIPT_JOB}:${entryKey}`;

export const entryPayload = z.object({ entryKey: z.string().min(1) });
