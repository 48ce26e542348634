import { z } from 'zod';

/** Durable job types of the reply side (stored in users' databases, so never renamed without a migration). */
export const SEND_JOB = 'correspondence.send';
export const PRINT_JOB = 'print.send';
export const REPLIES_POLL_JOB = 'correspondence.poll';
export const SWEEP_JOB = 'replies.sweep';
export const sendJobKey = (replyKey: string): string => `${SEND_JOB}:${replyKey}`;
export const printJobKey = (replyKey: string): string => `${PRINT_JOB}:${replyKey}`;
/** A "check now" from the UI: one poll and one sweep, keyed by the moment. */
export const checkNowKey = (type: string, now: number): string => `${type}:now:${now}`;

export const replyKeyPayload = z.object({ replyKey: z.string().min(1) });
export const emptyReplyPayload = z.object({}).passthrough();
