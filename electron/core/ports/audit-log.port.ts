export interface AuditEntryInput {
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: { seq: number; reason: string } | null;
}

/** Append-only, hash-chained audit trail: every row carries the hash of the previous one. */
export interface AuditLog {
  append(entry: AuditEntryInput, at: number): Promise<AuditEntry>;
  verify(): Promise<AuditVerification>;
  count(): Promise<number>;
  recent(limit: number): Promise<AuditEntry[]>;
}
