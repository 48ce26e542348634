import { randomUUID } from 'node:crypto';
import { mapForm } from '../../electron/core/profiles';
import type { LoadedProfile } from '../../electron/core/profiles/profile.types';
import type { SubmissionDetail } from '../../electron/core/ports/submission-store.port';
import { buildHandoverDocument } from '../../electron/core/routing/handover-document.builder';
import type { HandoverDocument } from '../../electron/core/routing/handover-document';
import { iterateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { createFormReader } from '../../integrations/shared/xml/form-reader';

/**
 * The hand-over benchmark's input: applications made by the seed generator for one sample
 * service, read with the profile by the form reader (XSD check and field mapping, as ingest does)
 * and built into the document a mapping reads, as routing does for a stored application (archived,
 * decided where the route runs after the decision). Each document has its own hand-over key.
 */
export async function handoverDocuments(loaded: LoadedProfile, target: string, count: number, o: { seed: number; decided: boolean }): Promise<HandoverDocument[]> {
  const reader = createFormReader({ maxFormBytes: 5 * 1024 * 1024 }, { mapForm });
  const docs: HandoverDocument[] = [];
  const year = 2026;
  try {
    let i = 0;
    for (const seed of iterateSubmissions({ seed: o.seed, count, org: 'kommune', profiles: [loaded], attachmentBytes: 0, a2Share: 0 })) {
      i++;
      const read = await reader.read(Buffer.from(seed.formXml, 'utf8'), loaded);
      if (!read.ok) throw new Error(`the generated form for ${loaded.profile.id} did not read: ${read.reason}`);
      const submission: SubmissionDetail = {
        id: i,
        publicId: `S-${String(i).padStart(6, '0')}`,
        status: 'received',
        serviceKey: seed.appId,
        profileId: loaded.profile.id,
        applicantName: read.form.applicant.name,
        title: loaded.profile.name.nb,
        quarantineReason: null,
        submittedAt: seed.completedAt,
        receivedAt: seed.completedAt + 60_000,
        sources: ['altinn3'],
        confirmed: true,
        profileVersion: loaded.profile.version,
        a2ArchiveRef: null,
        reportee: { partyId: seed.partyId, personNumber: seed.personNumber, organisationNumber: null },
        titlePublic: null,
        form: read.form,
        quarantineCode: null,
        parts: seed.attachments.map((a, seq) => ({ seq: seq + 2, role: 'attachment', dataType: a.dataType, filename: a.filename, contentType: a.contentType, size: a.bytes.length, sha256: null })),
        sourceItems: [],
      };
      docs.push(
        buildHandoverDocument({
          key: randomUUID(),
          target,
          submission,
          profile: loaded.profile,
          archived: { caseNumber: `${year}/${i}`, journalpost: `${year}/${i}-1` },
          register: null,
          decision: o.decided ? { outcome: 'innvilget', grounds: 'Søknaden oppfyller vilkårene.', decidedAt: seed.completedAt + 86_400_000, decidedBy: 'Kari Saksbehandler' } : null,
          municipality: { name: 'Bench kommune', orgNumber: '999999999' },
          timeZone: 'Europe/Oslo',
        }),
      );
    }
  } finally {
    await reader.close();
  }
  return docs;
}
