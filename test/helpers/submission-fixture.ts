import type { NewSubmission, NewSubmissionPart } from '../../electron/core/ports/submission-store.port';

/** A part as ingest stores it. */
export const part = (role: NewSubmissionPart['role'], dataType: string, filename: string, contentType: string, bytes: Uint8Array): NewSubmissionPart => ({
  role,
  dataType,
  filename,
  contentType,
  size: bytes.byteLength,
  bytes,
});

/**
 * A received application as ingest stores it, with its mapped form (applicant, title), for
 * tests that start after ingest: archive registration, the desk.
 */
export function receivedApplication(o: {
  profileId: string;
  fnr: string;
  name: string;
  title: string;
  titlePublic?: string;
  form?: { address?: { street: string; postalCode: string; postalPlace: string }; fields?: Record<string, string | null>; lists?: Record<string, Record<string, string | null>[]> };
  parts: NewSubmissionPart[];
  at?: number;
}): NewSubmission {
  const titlePublic = o.titlePublic ?? o.title.replace(o.name, '*****');
  const form = { applicant: { name: o.name, personNumber: o.fnr, address: o.form?.address }, title: o.title, titlePublic, fields: o.form?.fields ?? {}, lists: o.form?.lists ?? {} };
  return {
    status: 'received',
    serviceKey: `kommune/${o.profileId}`,
    profileId: o.profileId,
    profileVersion: 1,
    a2ArchiveRef: null,
    reportee: { partyId: '50001', personNumber: o.fnr, organisationNumber: null },
    applicantName: o.name,
    title: o.title,
    titlePublic,
    form,
    quarantine: null,
    submittedAt: o.at ?? Date.now(),
    receivedAt: o.at ?? Date.now(),
    parts: o.parts,
  };
}
