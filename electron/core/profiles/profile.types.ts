import type { ProfileParse, ServiceProfile } from './profile.schema';
import type { XmlElement } from './xml-tree';

/** A validated profile together with its form schema, as the loader hands it out. */
export interface LoadedProfile {
  /** profile.id and profile.version, at the top so ingest's ProfileLookup can use a LoadedProfile as it is. */
  id: string;
  version: number;
  profile: ServiceProfile;
  /** The XSD text (profile.form.xsd), used for validation and by the demo data generator. */
  xsd: string;
  /** Where it came from: shipped with the app, the municipality's folder, or an imported file. */
  origin: 'shipped' | 'municipality' | 'imported';
  /** The profile.json (or imported file) it was read from; for messages. */
  file: string;
  /** The mappings the profile ships (#15), by route target: the JSONata text of routing.targets[].mapping. */
  mappings?: Record<string, string>;
}

export interface PostalAddress {
  street: string | null;
  postalCode: string | null;
  postalPlace: string | null;
}

/** Application data read out of a form by its profile. Contains personal data. */
export interface MappedForm {
  applicant: {
    name: string;
    personNumber: string;
    address?: PostalAddress;
    email?: string;
    phone?: string;
  };
  /** Full title for the case file and registry entry. */
  title: string;
  /** Title with screened parts masked, for the public journal (offentligTittel). */
  titlePublic: string;
  /** Every profile field by key; null when the element is missing or empty. */
  fields: Record<string, string | null>;
  /** Every profile list by key, one record per repeated element, in document order. */
  lists: Record<string, Record<string, string | null>[]>;
  /** ISO dates; `to` is null when the profile has no end date or the form left it empty. */
  period?: { from: string | null; to: string | null };
}

export type FormReadFailureCode = 'too-large' | 'dtd-forbidden' | 'not-well-formed' | 'schema-invalid' | 'wrong-root';

export type FormReadResult = { ok: true; form: MappedForm } | { ok: false; reason: string; code: FormReadFailureCode };

/** Reads a submission's form data (bytes) with its profile: safe parse, XSD validation, mapping. */
export interface FormReader {
  read(bytes: Uint8Array, profile: LoadedProfile): Promise<FormReadResult>;
}

/** Profiles by id and by the key a submission source reports. */
export interface ProfileRegistry {
  all(): LoadedProfile[];
  byId(id: string): LoadedProfile | undefined;
  /** Altinn 3 appId "{org}/{app}" or Altinn 2 "{serviceCode}:{serviceEditionCode}". */
  bySourceKey(key: string): LoadedProfile | undefined;
}

/** core's mapForm and parseProfile, handed to the integrations by the composition root (they may import only types from core). */
export type MapForm = (root: XmlElement, profile: ServiceProfile) => MappedForm;
export type ParseProfile = (raw: unknown) => ProfileParse;
