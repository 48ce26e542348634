import type { ServiceProfile } from '../profiles/profile.schema';
import type { HandoverDocument } from '../routing/handover-document';

/**
 * A real application for a designer who may not see its case (#15 item 7): the same document
 * with every personal value replaced by «*****», so the mapping runs over the real shape (which
 * fields are filled, how many children) without showing who it is about. A screened service
 * (access.group) masks every form value: there the service itself is sensitive (health).
 */

export const MASK = '*****';

const m = (v: string | null): string | null => (v === null ? null : MASK);
const maskAddress = (a: HandoverDocument['applicant']['address']) => a && { street: m(a.street), postalCode: m(a.postalCode), postalPlace: m(a.postalPlace) };

export function maskHandoverDocument(doc: HandoverDocument, profile: ServiceProfile): HandoverDocument {
  const screened = !!profile.access.group;
  const fieldMasked = (key: string) => screened || profile.fields[key]?.personalData === true;
  const listFieldMasked = (list: string, key: string) => screened || profile.lists[list]?.fields[key]?.personalData === true;
  return {
    ...doc,
    applicant: {
      name: MASK,
      personNumber: MASK,
      birthDate: m(doc.applicant.birthDate),
      address: maskAddress(doc.applicant.address),
      email: m(doc.applicant.email),
      phone: m(doc.applicant.phone),
    },
    form: Object.fromEntries(Object.entries(doc.form).map(([k, v]) => [k, fieldMasked(k) ? m(v) : v])),
    lists: Object.fromEntries(Object.entries(doc.lists).map(([name, items]) => [name, items.map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, listFieldMasked(name, k) ? m(v) : v])))])),
    subjects: doc.subjects.map((s) => ({ name: m(s.name), personNumber: m(s.personNumber), birthDate: m(s.birthDate) })),
    registers: { applicant: doc.registers.applicant && { name: m(doc.registers.applicant.name), address: maskAddress(doc.registers.applicant.address) } },
    // the grounds are written about the person
    decision: doc.decision && { ...doc.decision, grounds: MASK },
    attachments: doc.attachments.map((a) => ({ ...a, title: profile.attachments.some((p) => p.label.nb === a.title) ? a.title : MASK, filename: m(a.filename) })),
  };
}
