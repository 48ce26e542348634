/**
 * Folkeregisteret (population register) and KRR (contact and reservation register), behind
 * one port. Looked up at ingest (enrichment) and again just before a letter is sent; the
 * core caches the answers with a time limit.
 */

export interface PostalAddress {
  /** Street/c/o lines as they go on an envelope (1–3). */
  lines: string[];
  postalCode: string;
  postalPlace: string;
  /** ISO 3166 alpha-2; null = Norway. */
  country: string | null;
}

/**
 * Adressebeskyttelse. 'strengt-fortrolig*' addresses are never given out and never printed on a
 * letter; 'fortrolig' is given to agencies with hjemmel but must not be shown to others.
 */
export type AddressProtection = 'none' | 'fortrolig' | 'strengt-fortrolig' | 'strengt-fortrolig-utland';

export type PersonStatus = 'bosatt' | 'utflyttet' | 'doed' | 'forsvunnet' | 'ikke-bosatt' | 'inaktiv' | 'other';

export interface RelatedPerson {
  personNumber: string;
  name: string | null;
  birthDate: string | null;
}

export interface PersonFacts {
  personNumber: string;
  name: string;
  /** YYYY-MM-DD, when the register gives it. */
  birthDate: string | null;
  status: PersonStatus;
  /** The postal address to print on a letter; null when none is registered or it is strengt fortrolig. */
  address: PostalAddress | null;
  addressProtection: AddressProtection;
  /** Children (relation barn) and parents (mor/far/medmor), for checking a parent's application. */
  children: RelatedPerson[];
  parents: RelatedPerson[];
  /** Who has foreldreansvar for this person (personNumbers). */
  parentalResponsibility: string[];
}

export type ContactState = 'active' | 'deleted' | 'not-registered';

export interface ContactFacts {
  personNumber: string;
  state: ContactState;
  /** reservasjon = JA: no digital delivery of letters without consent. */
  reserved: boolean;
  /** varslingsstatus = KAN_VARSLES (contact data fresh under the 18-month rule, not reserved). */
  canNotify: boolean;
  email: string | null;
  mobile: string | null;
  language: 'nb' | 'nn' | 'en' | 'se' | null;
}

export interface RegisterPort {
  /** null when the register does not know the person (404). */
  person(personNumber: string): Promise<PersonFacts | null>;
  /** One entry per asked number, in any order; up to 1000 per call. */
  contacts(personNumbers: string[]): Promise<ContactFacts[]>;
  close?(): Promise<void>;
}
