import type { FormReadResult } from '../profiles/profile.types';

/** What ingest needs from a service profile and from the form reader (XML parse + XSD + mapping). */

export interface IngestProfile {
  id: string;
  version: number;
}

export interface ProfileLookup<P extends IngestProfile = IngestProfile> {
  /** Altinn 3 appId "{org}/{app}" or Altinn 2 "{serviceCode}:{serviceEditionCode}". */
  bySourceKey(key: string): P | undefined;
}

/** The form reader hands ingest the mapped form as a typed value. */
export interface FormReaderPort<P extends IngestProfile = IngestProfile> {
  read(bytes: Uint8Array, profile: P): Promise<FormReadResult> | FormReadResult;
}
