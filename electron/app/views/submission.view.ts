import { saksnummer } from '../../core/archive/archive-record';
import { maskIfPersonNumber, maskPersonNumber } from '../../core/fodselsnummer';
import type { ArchiveStore, StoredCaseFile, StoredEntry } from '../../core/ports/archive-store.port';
import type { SubmissionDetail as StoredDetail, SubmissionSummary as StoredSummary } from '../../core/ports/submission-store.port';
import type { ArchiveRecordView, SubmissionDetail, SubmissionSummary } from '../../ipc';
import type { ProfileLabels } from './profile-labels';

export function toSummaryDto(s: StoredSummary, labels: ProfileLabels | undefined): SubmissionSummary {
  return {
    publicId: s.publicId,
    status: s.status,
    serviceKey: s.serviceKey,
    profileId: s.profileId,
    serviceName: labels?.name ?? null,
    applicantName: s.applicantName,
    title: s.title,
    quarantineReason: s.quarantineReason,
    submittedAt: s.submittedAt,
    receivedAt: s.receivedAt,
    sources: s.sources,
    confirmed: s.confirmed,
  };
}

export function toArchiveView(a: { caseFile: StoredCaseFile; entries: StoredEntry[] }): ArchiveRecordView {
  const c = a.caseFile;
  const caseNumber = c.archived ? saksnummer(c.archived) : null;
  return {
    transport: c.transport ?? a.entries.find((e) => e.transport)?.transport ?? null,
    caseNumber,
    caseTitle: c.title,
    caseTitlePublic: c.titlePublic,
    arkivdel: c.arkivdel,
    classification: `${c.classification.ordningsprinsipp} ${maskIfPersonNumber(c.classification.ordningsverdi) ?? ''}`.trim(),
    screening: c.screening ? { tilgangsrestriksjon: c.screening.tilgangsrestriksjon, skjermingshjemmel: c.screening.skjermingshjemmel } : null,
    entries: a.entries.map((e) => ({
      journalposttype: e.journalposttype,
      title: e.title,
      status: e.status,
      number: caseNumber && e.archived ? `${caseNumber}-${e.archived.journalpostnummer}` : null,
      registeredAt: e.createdAt,
      archivedAt: e.archivedAt,
      lastError: e.lastError,
      documents: e.documents.map((x) => ({ number: x.number, title: x.title, role: x.role })),
    })),
  };
}

export function toDetailDto(d: StoredDetail, labels: ProfileLabels | undefined, archive: { caseFile: StoredCaseFile; entries: StoredEntry[] } | null = null): SubmissionDetail {
  let form: SubmissionDetail['form'] = null;
  const f = d.form;
  if (f) {
    const label = (k: string) => labels?.fieldLabel(k) ?? k;
    form = {
      // fields marked as personal data by the profile (fnr) are masked here as well
      fields: Object.entries(f.fields ?? {}).map(([key, value]) => ({ key, label: label(key), value: maskIfPersonNumber(value) })),
      lists: Object.entries(f.lists ?? {}).map(([key, items]) => ({
        key,
        label: labels?.listLabel(key) ?? key,
        items: items.map((it) => Object.entries(it).map(([k, v]) => ({ key: k, label: labels?.listFieldLabel(key, k) ?? k, value: maskIfPersonNumber(v) }))),
      })),
    };
  }
  return {
    ...toSummaryDto(d, labels),
    personNumberMasked: maskPersonNumber(d.reportee.personNumber),
    quarantineCode: d.quarantineCode,
    form,
    parts: d.parts.map((p) => ({ seq: p.seq, role: p.role, dataType: p.dataType, filename: p.filename, contentType: p.contentType, size: p.size, stored: p.sha256 !== null })),
    sourceItems: d.sourceItems,
    archive: archive ? toArchiveView(archive) : null,
  };
}

/** The application's case file and entries in the local archive record, once registered. */
export async function archiveRecordOf(
  store: Pick<ArchiveStore, 'entriesOfSubmission' | 'caseFile'>,
  submissionId: number,
): Promise<{ caseFile: StoredCaseFile; entries: StoredEntry[] } | null> {
  const entries = await store.entriesOfSubmission(submissionId);
  const caseFile = entries[0] ? await store.caseFile(entries[0].caseFileId) : undefined;
  return caseFile ? { caseFile, entries } : null;
}
