import { generateFodselsnummer } from '../fodselsnummer';
import type { FieldDef, ServiceProfile } from '../profiles/profile.schema';
import type { HandoverDocument } from '../routing/handover-document';

/**
 * A made-up application for the mapping preview (#15 item 7): every profile field and list
 * filled from its `examples` (the first one) or a plausible value of its type, the roles with a
 * sample family. Deterministic, so a preview changes only when the mapping does, and the
 * fødselsnumre are valid (check digits right), so a target schema that checks them passes.
 */

// a fixed "random" source: generateFodselsnummer is deterministic with it
const fixed = () => 0.5;
export const SAMPLE_APPLICANT_FNR = generateFodselsnummer('1988-05-12', 'female', fixed);
export const SAMPLE_SUBJECT_FNR = generateFodselsnummer('2020-03-14', 'male', fixed);

const SAMPLE = {
  applicantName: 'Kari Nordmann',
  subjectName: 'Ola Nordmann',
  street: 'Storgata 1',
  postalCode: '0155',
  postalPlace: 'Oslo',
  email: 'kari.nordmann@example.no',
  phone: '91234567',
  from: '2026-08-17',
  to: '2026-08-21',
  received: '2026-03-02T09:15:00+01:00',
};

function valueOf(f: FieldDef, fnr: string): string {
  if (f.examples?.length) return f.examples[0]!;
  switch (f.type) {
    case 'date':
      return SAMPLE.from;
    case 'fnr':
      return fnr;
    case 'email':
      return SAMPLE.email;
    case 'phone':
      return SAMPLE.phone;
    case 'boolean':
      return 'true';
    case 'number':
      return '1';
    default:
      return `${f.label.nb} (eksempel)`;
  }
}

export function sampleHandoverDocument(p: ServiceProfile, target: string, o: { decided: boolean; municipality: { name: string; orgNumber: string | null } }): HandoverDocument {
  const r = p.roles;
  const form: Record<string, string | null> = {};
  for (const [k, f] of Object.entries(p.fields)) form[k] = valueOf(f, SAMPLE_APPLICANT_FNR);
  // the roles' fields get the sample family, so the document hangs together
  const set = (key: string | undefined, value: string) => {
    if (key !== undefined && key in form) form[key] = value;
  };
  set(r.applicant.name, SAMPLE.applicantName);
  set(r.applicant.personNumber, SAMPLE_APPLICANT_FNR);
  set(r.applicant.address?.street, SAMPLE.street);
  set(r.applicant.address?.postalCode, SAMPLE.postalCode);
  set(r.applicant.address?.postalPlace, SAMPLE.postalPlace);
  set(r.applicant.email, SAMPLE.email);
  set(r.applicant.phone, SAMPLE.phone);
  set(r.period?.from, SAMPLE.from);
  set(r.period?.to, SAMPLE.to);

  const lists: Record<string, Record<string, string | null>[]> = {};
  for (const [name, list] of Object.entries(p.lists)) {
    const item: Record<string, string | null> = {};
    for (const [k, f] of Object.entries(list.fields)) item[k] = valueOf(f, SAMPLE_SUBJECT_FNR);
    if (r.subjects?.list === name) {
      item[r.subjects.name] = SAMPLE.subjectName;
      if (r.subjects.personNumber) item[r.subjects.personNumber] = SAMPLE_SUBJECT_FNR;
    }
    lists[name] = [item];
  }
  const subjects = r.subjects ? [{ name: SAMPLE.subjectName, personNumber: r.subjects.personNumber ? SAMPLE_SUBJECT_FNR : null, birthDate: r.subjects.personNumber ? '2020-03-14' : null }] : [];
  const address = r.applicant.address ? { street: SAMPLE.street, postalCode: SAMPLE.postalCode, postalPlace: SAMPLE.postalPlace } : null;
  return {
    handover: { key: 'eksempel-0000000000000000', target },
    service: { id: p.id, version: p.version, name: p.name.nb },
    case: { publicId: '00000000-0000-4000-8000-000000000000', number: '2026/123', journalpost: '2026/123-1', receivedAt: SAMPLE.received, receivedDate: SAMPLE.received.slice(0, 10) },
    applicant: {
      name: SAMPLE.applicantName,
      personNumber: SAMPLE_APPLICANT_FNR,
      birthDate: '1988-05-12',
      address,
      email: r.applicant.email ? SAMPLE.email : null,
      phone: r.applicant.phone ? SAMPLE.phone : null,
    },
    form,
    lists,
    subjects,
    period: r.period ? { from: SAMPLE.from, to: r.period.to ? SAMPLE.to : null } : null,
    registers: { applicant: { name: SAMPLE.applicantName, address } },
    decision: o.decided ? { outcome: 'innvilget', grounds: 'Søknaden oppfyller vilkårene.', date: '2026-03-10', decidedBy: 'Kari Saksbehandler' } : null,
    attachments: p.attachments.map((a) => ({ title: a.label.nb, filename: `${a.dataType}.pdf`, contentType: a.contentTypes[0]!, size: 48_213 })),
    municipality: o.municipality,
  };
}
