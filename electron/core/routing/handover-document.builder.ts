import type { Outcome } from '../desk/desk.types';
import { parseFodselsnummer } from '../fodselsnummer';
import { localDate, localDateTime } from '../local-time';
import type { PersonFacts } from '../ports/register.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import type { ServiceProfile } from '../profiles/profile.schema';
import type { PostalAddress } from '../profiles/profile.types';
import type { HandoverDocument } from './handover-document';

export interface HandoverSources {
  key: string;
  target: string;
  submission: SubmissionDetail;
  profile: ServiceProfile;
  /** The archive's numbers once the application is archived. */
  archived: { caseNumber: string | null; journalpost: string | null } | null;
  /** Folkeregisteret's answer for the applicant as cached at the desk. */
  register: PersonFacts | null;
  decision: { outcome: Outcome; grounds: string; decidedAt: number; decidedBy: string } | null;
  municipality: { name: string; orgNumber: string | null };
  timeZone?: string;
}

/** YYYY-MM-DD from a fødselsnummer (Tenor test numbers too); null when it cannot be read. */
const birthDateOf = (personNumber: string | null | undefined): string | null => (personNumber ? (parseFodselsnummer(personNumber, { allowSynthetic: true })?.birthDate ?? null) : null);

const address = (a: PostalAddress | null | undefined): HandoverDocument['applicant']['address'] =>
  a ? { street: a.street ?? null, postalCode: a.postalCode ?? null, postalPlace: a.postalPlace ?? null } : null;

/** Folkeregisteret's envelope lines as one street line. */
const registerAddress = (a: PersonFacts['address']): HandoverDocument['applicant']['address'] =>
  a ? { street: a.lines.join(', ') || null, postalCode: a.postalCode, postalPlace: a.postalPlace } : null;

/**
 * The application as the one document every mapping reads (#15 item 2). Holds personal data:
 * built in memory for one hand-over or preview, never stored or logged.
 */
export function buildHandoverDocument(s: HandoverSources): HandoverDocument {
  const { submission: sub, profile } = s;
  const form = sub.form;
  const personNumber = form?.applicant.personNumber ?? sub.reportee.personNumber ?? '';
  const subjectsRole = profile.roles.subjects;
  const subjects = subjectsRole
    ? (form?.lists[subjectsRole.list] ?? []).map((item) => {
        const pn = subjectsRole.personNumber ? (item[subjectsRole.personNumber] ?? null) : null;
        return { name: item[subjectsRole.name] ?? null, personNumber: pn, birthDate: birthDateOf(pn) };
      })
    : [];
  return {
    handover: { key: s.key, target: s.target },
    service: { id: profile.id, version: sub.profileVersion ?? profile.version, name: profile.name.nb },
    case: {
      publicId: sub.publicId,
      number: s.archived?.caseNumber ?? null,
      journalpost: s.archived?.journalpost ?? null,
      receivedAt: localDateTime(sub.receivedAt, s.timeZone),
      receivedDate: localDate(sub.receivedAt, s.timeZone),
    },
    applicant: {
      name: form?.applicant.name ?? sub.applicantName ?? '',
      personNumber,
      birthDate: birthDateOf(personNumber),
      address: address(form?.applicant.address),
      email: form?.applicant.email ?? null,
      phone: form?.applicant.phone ?? null,
    },
    form: { ...(form?.fields ?? {}) },
    lists: { ...(form?.lists ?? {}) },
    subjects,
    period: form?.period ? { from: form.period.from, to: form.period.to } : null,
    registers: { applicant: s.register ? { name: s.register.name, address: registerAddress(s.register.address) } : null },
    decision: s.decision ? { outcome: s.decision.outcome, grounds: s.decision.grounds, date: localDate(s.decision.decidedAt, s.timeZone), decidedBy: s.decision.decidedBy } : null,
    attachments: sub.parts.filter((p) => p.role === 'attachment').map((p) => ({ title: profile.attachments.find((a) => a.dataType === p.dataType)?.label.nb ?? p.filename ?? p.dataType, filename: p.filename, contentType: p.contentType, size: p.size })),
    municipality: s.municipality,
  };
}
