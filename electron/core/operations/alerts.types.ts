/**
 * Alerts (#17 item 4): an incident is one problem from when it was seen until it cleared. The
 * evaluator (alerts.evaluator.ts) turns observations into incidents; the store keeps them; the
 * alert and recovery e-mails are jobs keyed on the incident and the phase.
 */

export const ALERT_KINDS = ['integration', 'job-dead', 'certificate', 'disk'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Where an e-mail of one phase stands: not sent (no recipients, or not mailable), waiting in the queue, sent, or failing (retried). */
export type MailState = 'none' | 'pending' | 'sent' | 'failed';
export type MailPhase = 'open' | 'clear';

/** The words of an incident, in Norwegian bokmål (the e-mails and the Varsler screen show them as written). Redacted. */
export interface IncidentText {
  title: string;
  message: string;
  /** What IT should do. */
  advice: string;
}

export interface Incident extends IncidentText {
  id: number;
  /** One open incident per key: `integration:archive`, `job-dead:archive.deliver`, `certificate:NAME`, `disk`. */
  key: string;
  kind: AlertKind;
  openedAt: number;
  lastSeenAt: number;
  /** The condition has been gone since then (null while it holds). */
  clearPendingSince: number | null;
  clearedAt: number | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  openMail: MailState;
  openMailAt: number | null;
  /** Null while open. */
  clearMail: MailState | null;
  clearMailAt: number | null;
  mailError: string | null;
}

export interface NewIncident extends IncidentText {
  key: string;
  kind: AlertKind;
  openedAt: number;
  openMail: MailState;
}

export interface AlertsStore {
  /** The open incidents, oldest first. */
  open(): Promise<Incident[]>;
  /** The cleared incidents, the latest cleared first. */
  recent(limit: number): Promise<Incident[]>;
  get(id: number): Promise<Incident | undefined>;
  /** Opens an incident; undefined when one with the same key is already open (another evaluation was first). */
  insert(i: NewIncident): Promise<Incident | undefined>;
  /** The condition still holds (pending null) or has been gone since `clearPendingSince`; the words may have changed. */
  touch(id: number, patch: IncidentText & { lastSeenAt: number; clearPendingSince: number | null }): Promise<void>;
  /** Clears an open incident; false when it was already cleared. */
  clear(id: number, at: number, clearMail: MailState): Promise<boolean>;
  acknowledge(id: number, at: number, by: string): Promise<Incident | undefined>;
  setMail(id: number, phase: MailPhase, state: MailState, at: number, error: string | null): Promise<void>;
  counts(): Promise<{ open: number; unacknowledged: number }>;
  /** Deletes incidents cleared before `before`; returns how many went. */
  pruneCleared(before: number): Promise<number>;
}

/** The dead jobs nobody has retried or abandoned yet, per job type. */
export interface DeadJobGroup {
  type: string;
  integration: string | null;
  count: number;
  newestAt: number;
  /** The newest one's error, as the job stored it (redact before showing). */
  lastError: string | null;
}
