import { z } from 'zod';

/** Durable job types of the archive (stored in users' databases, so never renamed without a migration). */
export const ARCHIVE_JOB = 'noark.archive';
export const RECEIPT_JOB = 'noark.archive-receipt';
export const archiveJobKey = (entryKey: string): string => `${ARCHIVE_JOB}:${entryKey}`;
export const receiptJobKey = (entryKey: string): string => `${RECEIPT_JOB}:${entryKey}`;

export const entryPayload = z.object({ entryKey: z.string().min(1) });

/** #13 item 7: after a reply left (Altinn accepted it, or it went on paper), tell the archive it is ekspedert. */
export const MARK_SENT_JOB = 'noark.mark-sent';
/** The reply's entry in the local archive record (registerReply's key). */
export const replyEntryKey = (replyKey: string): string => `jp-svar-${replyKey}`;
/** One job per reply and channel: the digital send, and a later print of the same letter. */
export const markSentJobKey = (entryKey: string, channel: 'altinn' | 'print'): string => `${MARK_SENT_JOB}:${entryKey}:${channel}`;
export const markSentPayload = z.object({
  entryKey: z.string().min(1),
  sentAt: z.number().int(),
  channel: z.enum(['altinn', 'print']),
  printedAt: z.number().int().nullable(),
});
export type MarkSentPayload = z.infer<typeof markSentPayload>;

/** Call in the transaction that records the reply as sent or printed: the archive update is durable with it. */
export async function enqueueMarkSent(outbox: { enqueue(type: string, payload: unknown, key: string): Promise<void> | void }, replyKey: string, sent: Omit<MarkSentPayload, 'entryKey'>): Promise<void> {
  const entryKey = replyEntryKey(replyKey);
  await outbox.enqueue(MARK_SENT_JOB, { entryKey, ...sent }, markSentJobKey(entryKey, sent.printedAt !== null ? 'print' : 'altinn'));
}
