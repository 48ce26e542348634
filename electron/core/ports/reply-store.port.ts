import type { ContactFacts, PersonFacts } from './register.port';
import type { ReplyRecord, ReplyState } from '../replies/reply.types';

export type NewReply = Omit<ReplyRecord, 'id' | 'correspondenceId' | 'sentAt' | 'notifiedAt' | 'remindedAt' | 'readAt' | 'deadlineAt' | 'printedAt' | 'printRef' | 'reason' | 'lastPolledAt' | 'updatedAt'>;

export type ReplyPatch = Partial<
  Pick<ReplyRecord, 'state' | 'channel' | 'correspondenceId' | 'sentAt' | 'notifiedAt' | 'remindedAt' | 'readAt' | 'deadlineAt' | 'printedAt' | 'printRef' | 'reason' | 'lastPolledAt'>
>;

export interface ReplyListQuery {
  state?: ReplyState;
  /** Unread, outstanding, deadline before this instant. */
  dueBefore?: number;
  limit: number;
  offset: number;
  /** Services the user may not see. */
  hiddenProfileIds: string[];
}

export interface ReplyListItem extends ReplyRecord {
  publicId: string;
  profileId: string | null;
  applicantName: string | null;
}

export interface ReplyStore {
  /** Inserts once per reply key; a second call returns the first record. */
  insert(r: NewReply, at: number): Promise<ReplyRecord>;
  byKey(replyKey: string): Promise<ReplyRecord | undefined>;
  bySubmission(submissionId: number): Promise<ReplyRecord | undefined>;
  byCorrespondenceId(correspondenceId: string): Promise<ReplyRecord | undefined>;
  update(id: number, patch: ReplyPatch, at: number): Promise<void>;
  /** Outstanding (sent/notified, not held) and unread with deadline ≤ now, oldest deadline first. */
  due(now: number, limit: number): Promise<ReplyRecord[]>;
  /** Replies whose read status is still worth asking for, least recently asked first. */
  toPoll(now: number, limit: number, printedWithinMs: number): Promise<ReplyRecord[]>;
  list(q: ReplyListQuery): Promise<{ items: ReplyListItem[]; total: number }>;
  counts(hiddenProfileIds: string[]): Promise<Record<string, number>>;
  dueSoon(now: number, within: number, hiddenProfileIds: string[]): Promise<number>;
  /** Per local day (the time zone's offset given in minutes), from `since` up to `until`. */
  daily(since: number, until: number, tzOffsetMinutes: number, hiddenProfileIds?: string[]): Promise<{ date: string; sent: number; read: number; printed: number }[]>;
}

export interface CachedFacts<T> {
  facts: T | null;
  fetchedAt: number;
}

/** The register answers with their time limit. A null fact is a cached "not found". */
export interface RegisterCache {
  person(personNumber: string, now: number): Promise<CachedFacts<PersonFacts> | undefined>;
  contact(personNumber: string, now: number): Promise<CachedFacts<ContactFacts> | undefined>;
  putPerson(personNumber: string, facts: PersonFacts | null, at: number, ttlMs: number): Promise<void>;
  putContact(personNumber: string, facts: ContactFacts | null, at: number, ttlMs: number): Promise<void>;
}
