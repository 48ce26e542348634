import { z } from 'zod';

/** Durable job types of routing (#15; stored in users' databases, so never renamed without a migration). */
export const HANDOVER_JOB = 'routing.handover';
export const HANDOVER_RECEIPT_JOB = 'routing.receipt';

/** The hand-over's key only: the job queue holds no personal data. */
export const handoverPayload = z.object({ key: z.string().min(1) });
export type HandoverPayload = z.infer<typeof handoverPayload>;

/** The first attempt; a retry after a rejection gets a key of its own (the target still sees the same hand-over key). */
export const handoverJobKey = (key: string, attempt?: string): string => `${HANDOVER_JOB}:${key}${attempt ? `:${attempt}` : ''}`;
export const receiptJobKey = (key: string, attempt: string): string => `${HANDOVER_RECEIPT_JOB}:${key}:${attempt}`;
