/**
 * What the Altinn simulator holds: seeded submissions, as the real Altinn would have them.
 * Shared by the Storage (REST) side, the DownloadQueue (SOAP) side and the seed generator.
 */

export interface SeedFile {
  /** A3 dataType (e.g. 'vedlegg', 'legeerklaering'); A2 AttachmentTypeName. */
  dataType: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface SeedSubmission {
  /** The service profile this submission belongs to (e.g. 'permisjon-skole'). */
  profileId: string;
  instanceGuid: string;
  /** Altinn party id of the reportee, as a string (as in Storage JSON). */
  partyId: string;
  personNumber: string;
  /** Altinn 3 app id "{org}/{app}"; for migrated Altinn 2 items "{org}/a2-{serviceCode}-{edition}". */
  appId: string;
  /** Present when the submission was made in Altinn 2: visible in the DownloadQueue and (migrated) in Storage. */
  altinn2?: { archiveReference: string; serviceCode: string; serviceEditionCode: number; reporteeType: 'Person' };
  /** Process start and end (completion) times, ms since epoch. */
  createdAt: number;
  completedAt: number;
  /** The form data XML (dataType 'model' in A3; FormData in A2). */
  formXml: string;
  /** The PDF receipt (dataType 'ref-data-as-pdf' in A3; GetFormSetPdfBasic in A2). */
  receiptPdf: Buffer;
  attachments: SeedFile[];
  /** The made-up people behind it (the demo's registers answer for them). */
  household?: import('./seed-person').SeedHousehold;
}
