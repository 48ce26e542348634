import type { StoredDesign } from '../ports/design-store.port';

/** One stored version of a design (a mapping or a profile's rules), as the designers show it. */
export interface DesignVersion {
  version: number;
  status: StoredDesign['status'];
  body: string;
  /** The person's name. */
  changedBy: string;
  changedAt: number;
  note: string | null;
}

/** A stored version with who changed it as the person's name (userName of the stored account). */
export const designVersionOf = (s: StoredDesign, userName: (account: string) => string): DesignVersion => ({
  version: s.version,
  status: s.status,
  body: s.body,
  changedBy: userName(s.changedBy),
  changedAt: s.changedAt,
  note: s.note,
});
