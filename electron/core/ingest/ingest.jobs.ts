import { z } from 'zod';
import type { PendingRef } from './submission';

/** Durable job types of ingest (`<area>.<verb>`; stored in users' databases, so never renamed without a migration). */
export const INGEST_POLL_JOB = 'ingest.poll';
export const CONFIRM_JOB = 'ingest.confirm';

export const confirmKey = (ref: Pick<PendingRef, 'source' | 'sourceId'>): string => `${CONFIRM_JOB}:${ref.source}:${ref.sourceId}`;
export const manualPollKey = (source: string, now: number): string => `${INGEST_POLL_JOB}:${source}:manual:${now}`;

const sourceKind = z.enum(['altinn3', 'altinn2']);
export const ingestPollPayload = z.object({ source: sourceKind });
export const confirmPayload = z.object({
  source: sourceKind,
  sourceId: z.string().min(1),
  serviceKey: z.string(),
  a2ArchiveRef: z.string().nullable(),
  lastChanged: z.number(),
});
