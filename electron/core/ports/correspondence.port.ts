/**
 * Sending a reply to the citizen's Altinn inbox (Altinn 3 Correspondence REST, or Altinn 2
 * CorrespondenceAgencyExternalBasic SOAP for legacy setups) and reading back what happened.
 *
 * send() is idempotent by the reply: the Altinn 3 adapter sends `idempotentKey` and, on 409,
 * finds the existing correspondence by that key; the Altinn 2 adapter looks up by
 * SendersReference before inserting. Errors are IntegrationError (5xx/timeouts transient).
 */

export interface OutgoingCorrespondence {
  /** Stable reference of the reply (sendersReference / ExternalShipmentReference). */
  sendersReference: string;
  /** A UUID derived from the reply, the same on every retry. */
  idempotentKey: string;
  recipient: { personNumber: string } | { organisationNumber: string };
  /** Altinn 3 resource id of the correspondence service (resource registry). */
  resourceId: string;
  /** Altinn 2 service code/edition (legacy transport only). */
  altinn2Service?: { serviceCode: string; serviceEdition: number };
  language: 'nb' | 'nn' | 'en';
  title: string;
  summary: string | null;
  /** Markdown (Altinn 3) / plain text (Altinn 2). */
  body: string;
  messageSender: string;
  letter: { filename: string; displayName: string; contentType: 'application/pdf'; bytes: Uint8Array; sha256: string };
  notification: { emailSubject: string; emailBody: string; sms: string };
  /** The legal reminder (revarsel) after 7 days when unread. */
  reminder: boolean;
  /** The postal fallback deadline; Altinn fires `correspondencereceiverneverread` at it. */
  dueAt: number;
}

export type SendResult =
  | { outcome: 'sent'; correspondenceId: string; at: number }
  /** Altinn refused because the person is reserved in KRR (422, errorCode 1030): print at once. */
  | { outcome: 'reserved'; message: string };

export interface CorrespondenceRef {
  correspondenceId: string;
  sendersReference: string;
}

export interface CorrespondenceNotice {
  at: number;
  reminder: boolean;
  channel: 'email' | 'sms' | 'other';
  ok: boolean;
}

export interface CorrespondenceStatus {
  correspondenceId: string;
  published: number | null;
  /** The first Read: the `read` timestamp or a Read entry in the status history (never `status == 'Read'`). */
  read: number | null;
  notifications: CorrespondenceNotice[];
  /** Altinn gave up on it (Failed / publish failed), with its text. */
  failed: string | null;
}

/** An Altinn event about one of our correspondences (no.altinn.correspondence.*). */
export interface CorrespondenceEvent {
  /** The event's id: the cursor to read on from. */
  id: string;
  kind: 'read' | 'published' | 'notified' | 'never-read' | 'failed' | 'other';
  correspondenceId: string;
  at: number;
}

export interface CorrespondencePort {
  readonly transport: 'altinn3' | 'altinn2';
  send(c: OutgoingCorrespondence): Promise<SendResult>;
  /** The status of each known reference; an unknown one is left out. */
  status(refs: CorrespondenceRef[]): Promise<CorrespondenceStatus[]>;
  /**
   * Altinn Events for the service's correspondences after the cursor (null: from the start),
   * oldest first; `next` is the cursor to continue from. Only where events are configured.
   */
  events?(after: string | null): Promise<{ items: CorrespondenceEvent[]; next: string | null }>;
  close?(): Promise<void>;
}
