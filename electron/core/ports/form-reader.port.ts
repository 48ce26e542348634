/** What ingest needs from a service profile and from the form reader (XML parse + XSD + mapping). */

export interface IngestProfile {
  id: string;
  version: number;
}

export interface ProfileLookup<P extends IngestProfile = IngestProfile> {
  /** Altinn 3 appId "{org}/{app}" or Altinn 2 "{serviceCode}:{serviceEditionCode}". */
  bySourceKey(key: string): P | undefined;
}

export interface MappedFormCore {
  applicant: { name: string | null; personNumber: string | null };
  title: string;
  titlePublic: string;
}

export type FormReadResult<F extends MappedFormCore = MappedFormCore> =
  | { ok: true; form: F }
  | { ok: false; code: string; reason: string };

export interface FormReaderPort<P extends IngestProfile = IngestProfile, F extends MappedFormCore = MappedFormCore> {
  read(bytes: Uint8Array, profile: P): Promise<FormReadResult<F>> | FormReadResult<F>;
}
