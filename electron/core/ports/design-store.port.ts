/**
 * Versioned designs IT staff edit (#15 items 2 and 7): a mapping per profile and target, and a
 * profile's rules. draft → active, the previous active retired; who changed what and when.
 * Version 1 of each is seeded from the profile's own files.
 */

export type DesignKind = 'mapping' | 'rules';

/** Who wrote a version taken from the profile's own file (version 1, or an updated file offered as a draft). */
export const PROFILE_AUTHOR = 'profil';

/** The name the designer shows for a version's author: the person's, or the profile's for one from its file. */
export const designAuthorName = (account: string, byAccount: (account: string) => { name: string } | undefined): string =>
  account === PROFILE_AUTHOR ? 'Tjenesteprofilen' : (byAccount(account)?.name ?? account);
export type DesignStatus = 'draft' | 'active' | 'retired';

export interface StoredDesign {
  kind: DesignKind;
  profileId: string;
  /** The target of a mapping; '' for rules. */
  target: string;
  version: number;
  status: DesignStatus;
  /** A JSONata expression (mapping) or the rules as JSON text. */
  body: string;
  changedBy: string;
  changedAt: number;
  note: string | null;
}

export interface DesignRef {
  kind: DesignKind;
  profileId: string;
  target: string;
}

export interface DesignStore {
  /** Every version, newest first. */
  versions(ref: DesignRef): Promise<StoredDesign[]>;
  active(ref: DesignRef): Promise<StoredDesign | undefined>;
  draft(ref: DesignRef): Promise<StoredDesign | undefined>;
  /** Writes the one draft (a new version number the first time, the same one after). */
  saveDraft(ref: DesignRef, body: string, by: string, note: string | null, now: number): Promise<StoredDesign>;
  /** The draft (or a retired version, copied as a new one) becomes active; the active one is retired. */
  activate(ref: DesignRef, version: number, by: string, now: number): Promise<StoredDesign>;
  /** Version 1, active, from the profile's file (by PROFILE_AUTHOR); false when the design has versions already. */
  seed(ref: DesignRef, body: string, by: string, now: number): Promise<boolean>;
}
