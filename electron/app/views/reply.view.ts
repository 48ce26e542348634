import { maskPersonNumber } from '../../core/fodselsnummer';
import type { PersonFacts } from '../../core/ports/register.port';
import type { RegisterService } from '../../core/registers/register.service';
import { checkNamedChildren } from '../../core/registers/parental-responsibility';
import { isStrictlyConfidential, type ReplyRecord } from '../../core/replies/reply.types';
import type { RegistersView, ReplyRow } from '../../ipc';

/** A reply as the lists show it; the case number is looked up only when the message does not carry it. */
export const toReplyRow = async (
  r: ReplyRecord,
  s: { publicId: string; serviceName: string | null; applicantName: string | null },
  caseNumber: (submissionId: number) => Promise<string | null>,
): Promise<ReplyRow> => ({
  publicId: s.publicId,
  serviceName: s.serviceName,
  applicantName: s.applicantName,
  personNumberMasked: 'personNumber' in r.recipient ? maskPersonNumber(r.recipient.personNumber) : r.recipient.organisationNumber,
  caseNumber: r.message.caseNumber ?? (await caseNumber(r.submissionId)),
  title: r.message.title,
  state: r.state,
  channel: r.channel,
  approvedAt: r.approvedAt,
  sentAt: r.sentAt,
  notifiedAt: r.notifiedAt,
  remindedAt: r.remindedAt,
  readAt: r.readAt,
  deadlineAt: r.deadlineAt,
  printedAt: r.printedAt,
  reason: r.reason,
});

/** What the case view shows from Folkeregisteret and KRR: the cache only, masked, with the parental check. */
export async function toRegistersView(registers: Pick<RegisterService, 'cached'>, personNumber: string | null, named: string[] = []): Promise<RegistersView> {
  if (!personNumber) return { person: null, contact: null };
  const c = await registers.cached(personNumber);
  const p = c.person?.facts;
  const k = c.contact?.facts;
  // what the enrichment cached about each child the register names, read before the (pure) check
  const known = new Map<string, PersonFacts | null | undefined>();
  for (const ch of p?.children ?? []) if (!known.has(ch.personNumber)) known.set(ch.personNumber, (await registers.cached(ch.personNumber)).person?.facts);
  const check = p ? checkNamedChildren({ personNumber, facts: p }, named, (n) => known.get(n)) : null;
  return {
    person:
      p && check
        ? {
            name: p.name,
            status: p.status,
            address: isStrictlyConfidential(p.addressProtection) ? null : p.address,
            addressProtection: p.addressProtection,
            children: check.children.map((ch) => ({
              name: ch.name,
              birthDate: ch.birthDate,
              personNumberMasked: maskPersonNumber(ch.personNumber) ?? '',
              inApplication: ch.inApplication,
            })),
            notChildren: check.notChildren.map((n) => maskPersonNumber(n) ?? ''),
            lookedUpAt: c.person!.fetchedAt,
          }
        : null,
    contact: k ? { state: k.state, reserved: k.reserved, canNotify: k.canNotify, email: k.email, mobile: k.mobile, lookedUpAt: c.contact!.fetchedAt } : null,
  };
}
