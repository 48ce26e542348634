import type { IncomingSubmission, PendingRef, SourceKind } from '../ingest/submission';

/**
 * A place submissions are pulled from (Altinn 3 Storage, Altinn 2 DownloadQueue).
 * Errors are IntegrationError with the fixed kinds; each call tries once.
 */
export interface SubmissionSource {
  readonly kind: SourceKind;
  /** Pending (completed, not yet confirmed by us) items, page by page. */
  listPending(): AsyncIterable<PendingRef[]>;
  /** Downloads the item with all its parts. */
  fetch(ref: PendingRef): Promise<IncomingSubmission>;
  /** Tells the source we have it (A3 POST .../complete, A2 PurgeItem). Idempotent at the source. */
  confirm(ref: PendingRef): Promise<void>;
}
