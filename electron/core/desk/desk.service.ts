import type { ArchiveService } from '../archive/archive.service';
import type { ReplyService } from '../replies/reply.service';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { CaseQuery, CaseRecord, DeskStore } from '../ports/desk-store.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { LetterDocument, LetterRenderer } from '../ports/letter-renderer.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import { localDate } from '../local-time';
import { mergeLookup, renderTemplate } from '../profiles';
import { createRulesService, type RuleAdvice } from '../rules/rules.service';
import type { ServiceProfile } from '../profiles/profile.schema';
import { mayReadCases, mayView, permissions, SETTLED, type Permissions } from './access-policy';
import { DeskError, type CaseAccess } from './case-access';
import { RULES_ACTOR, type CaseEvent, type DeskUser, type Outcome, type TimelineEvent } from './desk.types';
import type { PersonFacts } from '../ports/register.port';
import { createLeaderReview } from './leader-review';
import { letterRecipient, pdfPageCount, subjectMergeFields, withClosing } from './reply-letter';

export interface DeskDeps {
  store: DeskStore;
  /** The case gate (visibility, opening a case), shared with the replies and the submission views. */
  cases: CaseAccess;
  profile(id: string): ServiceProfile | undefined;
  archive: Pick<ArchiveService, 'registerReply'>;
  /** Sends the approved reply (Altinn, or paper); absent in hosts that only read. */
  replies?: Pick<ReplyService, 'dispatch'>;
  /** The Altinn services a profile's replies go out as (from the configuration). */
  correspondenceService?(profileId: string): { resourceId: string | null; altinn2Service: { serviceCode: string; serviceEdition: number } | null };
  /** The case number and when the application was archived, once it is. */
  archived(submissionId: number): Promise<{ caseNumber: string; at: number } | null>;
  putBlob(bytes: Uint8Array): Promise<string>;
  letters: LetterRenderer;
  /** The known desk users: names for accounts, and who a case may be given to (#14). */
  users: { byAccount(account: string): DeskUser | undefined; all(): DeskUser[] };
  municipality: { name: string; orgNumber: string | null };
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  /** Folkeregisteret's answer for a person as cached (never a network call): the letter's address block (#13 item 10). */
  registerPerson?(personNumber: string): Promise<Pick<PersonFacts, 'name' | 'address' | 'addressProtection'> | null>;
  /** The letter PDF stored at the final approval (#13 item 11): what every later preview shows. */
  approvedLetter?(submissionId: number): Promise<Uint8Array | undefined>;
  /** The zone of register and letter dates (config timezone; default Europe/Oslo). */
  timeZone?: string;
  /** In the transaction of the final approval: what follows a decision (routing after «decided», #15) is made durable with it. */
  onDecisionFinal?(e: { submissionId: number; profileId: string | null; outcome: Outcome; at: number }): Promise<void>;
  /** The profile's active rules in the design store (#15); without it, or without a version there, the profile file's rules apply. */
  activeRules?(profileId: string): Promise<{ body: string; version: number } | undefined>;
}

/** The rules' advice as the case shows it beside the decision (#15): the outcome or «manuell», the reasons in nb and nn. */
export type RulesView = Pick<RuleAdvice, 'recommended' | 'ruleId' | 'reasons' | 'mode' | 'legalBasis'>;

/** A decision made by the profile's rules (#15), as decideByRules records it. */
export interface RulesDecision {
  outcome: Outcome;
  /** The reasons and the legal basis, as the letter's grounds. */
  grounds: string;
  ruleId: string;
  /** What the audit entry records: the rule, the rules' version, the legal basis. */
  details: { ruleId: string; ruleVersion: number | null; legalBasis: string };
}

export interface CaseWorkView {
  record: CaseRecord;
  notes: { at: number; author: string; text: string }[];
  /** `decidedBy` is the person's name (#14: people, not accounts); the rules keep to the stored account. */
  decision: { outcome: Outcome; grounds: string; decidedAt: number; decidedBy: string; recommendation: string | null; automatic: boolean; legalBasis: string | null } | null;
  letter: { title: string; body: string; updatedAt: number; updatedBy: string } | null;
  approvals: { at: number; by: string; role: DeskUser['roles'][number] }[];
  /** #14: the known users who may see this case and work cases: whom it may be given to. */
  assignable: { account: string; name: string }[];
  secondApprovalRequired: boolean;
  can: Permissions;
  /** The rules' suggestion when it is an outcome (the reasons in bokmål, one line). */
  recommendation: { outcome: Outcome; explanation: string } | null;
  /** The rules' advice in full, «manuell» included (null when the profile has no rules). */
  rules: RulesView | null;
  timeline: TimelineEvent[];
}

/** Postmottak deciding by a profile's rules (#15): a caseworker of the service, in its access group when it is screened. */
const rulesUser = (profile: ServiceProfile): DeskUser => ({ ...RULES_ACTOR, roles: ['saksbehandler'], groups: profile.access.group ? [profile.access.group] : [] });

/** #13 item 1: the letter's date and decision.date are the local (Oslo) date, not the UTC one. */
const isoDate = (ms: number, timeZone?: string): string => localDate(ms, timeZone);

/**
 * The caseworker's work on a case: claim, release, reassign, note, decide (drafting the letter
 * from the profile's template), edit the letter, approve. Each action is one local transaction
 * with its audit entry and the jobs it needs; nothing here waits for Altinn or the archive, so
 * the desk works while they are unreachable.
 */
export function createDeskService(d: DeskDeps) {
  const { open, visible, accessOf } = d.cases;
  const rules = createRulesService({ profile: d.profile, history: d.store, ...(d.activeRules ? { activeDesign: d.activeRules } : {}) });
  /** The person behind a stored account, for what the case shows (#14); an account no longer known shows as it is. */
  const personName = (account: string): string => (account === RULES_ACTOR.account ? RULES_ACTOR.name : (d.users.byAccount(account)?.name ?? account));

  /** The case as the user sees it; `advice: false` leaves out the rules' advice (the checks before an action, which do not show it). */
  async function view(user: DeskUser, publicId: string, o: { advice?: boolean } = {}): Promise<CaseWorkView> {
    const { record, submission } = await visible(user, publicId);
    const id = record.submissionId;
    const stored = (await d.store.decision(id)) ?? null;
    const letter = (await d.store.letter(id)) ?? null;
    const f = submission.form;
    // a decided case shows the advice as it was when it was decided (the history before its decision)
    const advice = o.advice !== false && record.profileId && f ? await rules.advise(record.profileId, id, f, stored?.decidedAt) : null;
    // an automatic decision shows the legal basis it was made on (stored with it), also after the rules change
    const decision = stored
      ? { ...stored, decidedBy: personName(stored.decidedBy), automatic: stored.automatic === true, legalBasis: stored.automatic ? (stored.legalBasis ?? null) : null }
      : null;
    const archived = await d.archived(id);
    const derived: TimelineEvent[] = [{ kind: 'received', at: submission.receivedAt, actor: 'Postmottak', text: null }];
    if (archived) derived.push({ kind: 'archived', at: archived.at, actor: 'Postmottak', text: archived.caseNumber });
    const timeline = [...derived, ...(await d.store.events(id))].sort((a, b) => a.at - b.at);
    const approvals = await d.store.approvals(id);
    const access = accessOf(record.profileId);
    return {
      record,
      notes: await d.store.notes(id),
      decision,
      letter,
      approvals,
      // only people who may open the case and work cases (#14: not Kari for a screened health case)
      assignable: d.users
        .all()
        .filter((u) => u.roles.some((r) => r === 'saksbehandler' || r === 'leder') && mayView(u, access))
        .map((u) => ({ account: u.account, name: u.name })),
      secondApprovalRequired: access?.secondApproval ?? false,
      can: permissions(user, record, { decidedBy: stored?.decidedBy ?? null, hasLetter: letter !== null, approvedBy: approvals.map((a) => a.by), letterBy: letter?.updatedBy ?? null }),
      recommendation: advice && advice.recommended !== 'manuell' ? { outcome: advice.recommended, explanation: advice.reasons.nb.join(' ') } : null,
      rules: advice ? { recommended: advice.recommended, ruleId: advice.ruleId, reasons: advice.reasons, mode: advice.mode, legalBasis: advice.legalBasis } : null,
      timeline,
    };
  }

  /** Runs an allowed action in one transaction with its timeline event and audit entry. */
  async function act(user: DeskUser, publicId: string, allowed: keyof Permissions, what: string, fn: (c: CaseRecord, now: number) => Promise<CaseEvent | null>): Promise<CaseWorkView> {
    const current = await view(user, publicId, { advice: false });
    if (!current.can[allowed]) throw new DeskError(current.record.status === 'approved' ? 'conflict' : 'forbidden', `Du kan ikke ${what} i denne saken nå.`);
    const now = d.clock.now();
    await d.uow.run(async () => {
      // a colleague on another hub node may have changed the case since it was read (#19): read it again, locked, and ask again
      await d.store.lockCase(current.record.submissionId);
      const fresh = await view(user, publicId, { advice: false });
      if (!fresh.can[allowed]) throw new DeskError('conflict', `Saken er endret av noen andre i mellomtiden: du kan ikke ${what} nå.`);
      const event = await fn(fresh.record, now);
      if (event) await d.store.addEvent(current.record.submissionId, event);
      await d.audit.append({ actor: user.account, action: `case.${allowed}`, subject: `submission:${publicId}`, details: {} }, now);
    });
    return view(user, publicId);
  }

  /** Merge fields of a reply's texts (letter and notification): the form's and the reply's own. */
  async function replyLookup(user: DeskUser, submission: SubmissionDetail, profile: ServiceProfile, decision: { outcome: Outcome; grounds: string } | null, now: number) {
    const f = submission.form;
    const record = (await d.store.get(submission.publicId))!;
    const caseNumber = (await d.archived(record.submissionId))?.caseNumber ?? '';
    const extra: Record<string, string> = {
      'decision.outcome': decision ? { innvilget: 'innvilget', avslått: 'avslått', 'delvis-innvilget': 'delvis innvilget' }[decision.outcome] : '',
      'decision.grounds': decision?.grounds ?? '',
      'decision.date': isoDate(now, d.timeZone),
      'case.number': caseNumber,
      'municipality.name': d.municipality.name,
      'caseworker.name': user.name,
      'caseworker.unit': profile.archive.saksbehandlerEnhet,
      ...subjectMergeFields(profile.roles.subjects && f ? (f.lists[profile.roles.subjects.list] ?? []).length : 1, 'nb'),
    };
    return f ? mergeLookup(profile, f, extra) : (ref: string) => extra[ref] ?? null;
  }

  async function letterFields(user: DeskUser, submission: SubmissionDetail, profile: ServiceProfile, outcome: Outcome, grounds: string, now: number) {
    const lookup = await replyLookup(user, submission, profile, { outcome, grounds }, now);
    const t = profile.reply.templates[outcome];
    const body = withClosing(renderTemplate(t.body, lookup), 'nb', { name: user.name, unit: profile.archive.saksbehandlerEnhet });
    return { title: renderTemplate(t.title, lookup), body };
  }

  async function letterDocument(user: DeskUser, record: CaseRecord, submission: SubmissionDetail, letter: { title: string; body: string }, at: number): Promise<LetterDocument> {
    const f = submission.form;
    const profile = record.profileId ? d.profile(record.profileId) : undefined;
    const personNumber = submission.reportee.personNumber ?? f?.applicant.personNumber ?? null;
    const person = personNumber ? await d.registerPerson?.(personNumber) : null;
    return {
      municipality: { name: d.municipality.name, orgNumber: d.municipality.orgNumber, unit: profile?.archive.saksbehandlerEnhet ?? null },
      recipient: letterRecipient(submission, person),
      caseNumber: (await d.archived(record.submissionId))?.caseNumber ?? null,
      date: isoDate(at, d.timeZone),
      title: letter.title,
      body: letter.body,
      caseworker: { name: record.assignee?.name ?? user.name, unit: profile?.archive.saksbehandlerEnhet ?? null },
      language: 'nb',
    };
  }

  async function approve(user: DeskUser, publicId: string): Promise<CaseWorkView> {
    const current = await view(user, publicId, { advice: false });
    if (!current.can.approve) throw new DeskError('forbidden', 'Du kan ikke godkjenne brevet i denne saken nå.');
    const { submission } = await visible(user, publicId);
    const record = current.record;
    const now = d.clock.now();
    const final = record.status === 'awaiting-approval' || !current.secondApprovalRequired;
    const profile = record.profileId ? d.profile(record.profileId) : undefined;
    // rendered before the transaction (no slow work while it holds the store); the transaction stores exactly these bytes
    const doc = final && current.letter ? await letterDocument(user, record, submission, current.letter, now) : null;
    const pdf = doc ? await d.letters.render(doc) : null;
    await d.uow.run(async () => {
      // as in act(): the case as it is now, locked; another node's approval or edit since then makes this one a conflict (#19)
      await d.store.lockCase(record.submissionId);
      const fresh = await view(user, publicId, { advice: false });
      if (!fresh.can.approve || fresh.record.status !== record.status || fresh.letter?.updatedAt !== current.letter?.updatedAt) {
        throw new DeskError('conflict', 'Saken er endret av noen andre i mellomtiden: se over den før du godkjenner.');
      }
      const role = user.roles.includes('leder') && record.status === 'awaiting-approval' ? 'leder' : 'saksbehandler';
      await d.store.addApproval(record.submissionId, { by: user.name, role, at: now });
      if (pdf && current.letter) {
        const sha256 = await d.putBlob(pdf.bytes);
        await d.archive.registerReply(
          {
            submissionId: record.submissionId,
            title: current.letter.title,
            letter: { sha256, size: pdf.bytes.byteLength, filename: 'vedtak.pdf', contentType: 'application/pdf' },
            saksbehandler: record.assignee?.name ?? user.name,
            // #13 item 8: the deciding caseworker's unit (access.users, or access.defaultUnit without a list)
            administrativEnhet: ((record.assignee && d.users.byAccount(record.assignee.account)) || user).unit ?? null,
            replyKey: submission.publicId,
          },
          user.account,
        );
        if (d.replies && profile) {
          const personNumber = submission.reportee.personNumber ?? submission.form?.applicant.personNumber ?? null;
          const orgNumber = submission.reportee.organisationNumber;
          const lookup = await replyLookup(user, submission, profile, (await d.store.decision(record.submissionId)) ?? null, now);
          const n = profile.reply.notification;
          const svc = d.correspondenceService?.(profile.id) ?? { resourceId: null, altinn2Service: null };
          const caseNumber = (await d.archived(record.submissionId))?.caseNumber ?? null;
          await d.replies.dispatch(
            {
              submissionId: record.submissionId,
              replyKey: submission.publicId,
              recipient: personNumber ? { personNumber } : { organisationNumber: orgNumber ?? '' },
              message: {
                title: current.letter.title,
                summary: null,
                body: current.letter.body,
                language: 'nb',
                messageSender: d.municipality.name,
                notification: { emailSubject: renderTemplate(n.emailSubject, lookup), emailBody: renderTemplate(n.emailBody, lookup), sms: renderTemplate(n.sms, lookup) },
                resourceId: svc.resourceId,
                altinn2Service: svc.altinn2Service,
                sender: { name: d.municipality.name, orgNumber: d.municipality.orgNumber },
                caseNumber,
                applicantName: submission.form?.applicant.name ?? submission.applicantName ?? null,
                ...(doc ? { document: doc } : {}),
              },
              letter: { sha256, size: pdf.bytes.byteLength, filename: 'vedtak.pdf' },
              fallback: { days: profile.reply.fallback.deadlineDays, businessDays: profile.reply.fallback.businessDays },
            },
            user.account,
          );
        }
        await d.store.setStatus(record.submissionId, 'approved', now);
        const decided = current.decision;
        if (decided) await d.onDecisionFinal?.({ submissionId: record.submissionId, profileId: record.profileId, outcome: decided.outcome, at: now });
      } else {
        await d.store.setStatus(record.submissionId, 'awaiting-approval', now);
      }
      await d.store.addEvent(record.submissionId, { kind: 'approved', at: now, actor: user.name, text: final ? null : 'venter på leder' });
      await d.audit.append({ actor: user.account, action: 'case.approve', subject: `submission:${publicId}`, details: { final } }, now);
    });
    return view(user, publicId);
  }

  /**
   * A decision by the profile's rules (#15): in one transaction, only on a case no person has
   * touched (new, unassigned), decided by Postmottak (regelstyrt) with the rules' grounds, the
   * letter drafted, audited as case.decide.automatic; then approved through the normal path (the
   * reply archived and sent, or waiting for a leader when the profile asks for a second approval).
   * A retry after a crash between the two finds the case decided by the rules and approves it.
   */
  async function decideByRules(publicId: string, r: RulesDecision): Promise<CaseWorkView | null> {
    const record = await d.store.get(publicId);
    const profile = record?.profileId ? d.profile(record.profileId) : undefined;
    if (!record || !profile) return null;
    const system = rulesUser(profile);
    const { submission } = await visible(system, publicId);
    const now = d.clock.now();
    const draft = await letterFields(system, submission, profile, r.outcome, r.grounds, now);
    await d.uow.run(async () => {
      await d.store.lockCase(record.submissionId);
      const c = await d.store.get(publicId);
      if (!c || c.status !== 'new' || c.assignee) return;
      await d.store.setAssignee(c.submissionId, RULES_ACTOR, now);
      await d.store.saveDecision(c.submissionId, { outcome: r.outcome, grounds: r.grounds, decidedAt: now, decidedBy: RULES_ACTOR.account, recommendation: r.ruleId, automatic: true, legalBasis: r.details.legalBasis });
      await d.store.saveLetter(c.submissionId, { ...draft, updatedAt: now, updatedBy: RULES_ACTOR.name });
      await d.store.setStatus(c.submissionId, 'decided', now);
      await d.store.addEvent(c.submissionId, { kind: 'decided', at: now, actor: RULES_ACTOR.name, text: r.outcome });
      await d.audit.append({ actor: RULES_ACTOR.account, action: 'case.decide.automatic', subject: `submission:${publicId}`, details: { ...r.details, outcome: r.outcome } }, now);
    });
    return finishByRules(publicId);
  }

  /** The approval of a decision the rules made (what a retry after a crash between decision and approval finishes); null when there is none waiting. */
  async function finishByRules(publicId: string): Promise<CaseWorkView | null> {
    const record = await d.store.get(publicId);
    const profile = record?.profileId ? d.profile(record.profileId) : undefined;
    const decided = record && (await d.store.decision(record.submissionId));
    if (!record || !profile || record.status !== 'decided' || record.assignee?.account !== RULES_ACTOR.account || !decided?.automatic) return null;
    return approve(rulesUser(profile), publicId);
  }

  return {
    ...createLeaderReview(d, view),
    async list(user: DeskUser, q: Omit<CaseQuery, 'hiddenProfileIds'>) {
      if (!mayReadCases(user)) return { rows: [], total: 0, counts: {} };
      const hidden = d.cases.hiddenProfileIds(user);
      const query: CaseQuery = { ...q, hiddenProfileIds: hidden };
      const { status: _s, sort: _o, dir: _d, limit: _l, offset: _f, ...countFilter } = query;
      return { ...(await d.store.list(query)), counts: await d.store.countsByStatus(countFilter) };
    },
    /** The submission (form, parts, archive) of a case the user may see. */
    submission: async (user: DeskUser, publicId: string) => (await visible(user, publicId)).submission,
    view,
    claim: (user: DeskUser, publicId: string) =>
      act(user, publicId, 'claim', 'ta saken', async (c, now) => {
        await d.store.setAssignee(c.submissionId, { account: user.account, name: user.name }, now);
        if (c.status === 'new') await d.store.setStatus(c.submissionId, 'in-progress', now);
        return { kind: 'claimed', at: now, actor: user.name, text: null };
      }),
    release: (user: DeskUser, publicId: string) =>
      act(user, publicId, 'release', 'frigi saken', async (c, now) => {
        await d.store.setAssignee(c.submissionId, null, now);
        if (c.status === 'in-progress') await d.store.setStatus(c.submissionId, 'new', now);
        return { kind: 'released', at: now, actor: user.name, text: c.assignee?.name ?? null };
      }),
    async reassign(user: DeskUser, publicId: string, to: string) {
      const target = d.users.byAccount(to);
      if (!target || !target.roles.some((r) => r === 'saksbehandler' || r === 'leder')) throw new DeskError('forbidden', 'Saken kan bare gis til en saksbehandler eller leder.');
      const record = await d.store.get(publicId);
      // a screened case can only go to someone who may see it
      if (record && !mayView(target, accessOf(record.profileId))) throw new DeskError('forbidden', `${target.name} har ikke tilgang til denne typen saker.`);
      // a decided case taken over by oneself would let one person decide (or edit) and approve twice
      if (record && target.account === user.account && SETTLED.includes(record.status)) throw new DeskError('forbidden', 'Du kan ikke gi deg selv en sak som alt er vedtatt. Be en annen leder om å godkjenne.');
      return act(user, publicId, 'reassign', 'gi saken til en annen', async (c, now) => {
        await d.store.setAssignee(c.submissionId, { account: target.account, name: target.name }, now);
        if (c.status === 'new') await d.store.setStatus(c.submissionId, 'in-progress', now);
        return { kind: 'reassigned', at: now, actor: user.name, text: target.name };
      });
    },
    note: (user: DeskUser, publicId: string, text: string) =>
      act(user, publicId, 'note', 'skrive notat', async (c, now) => {
        await d.store.addNote(c.submissionId, { author: user.name, text, at: now });
        return { kind: 'note', at: now, actor: user.name, text: null };
      }),
    async decide(user: DeskUser, publicId: string, outcome: Outcome, grounds: string) {
      const { submission } = await visible(user, publicId);
      const record = (await d.store.get(publicId))!;
      const profile = record.profileId ? d.profile(record.profileId) : undefined;
      if (!profile) throw new DeskError('conflict', 'Saken har ingen tjenesteprofil, så vedtaksbrevet kan ikke lages.');
      const f = submission.form;
      const rec = f ? await rules.advise(profile.id, record.submissionId, f) : null;
      return act(user, publicId, 'decide', 'fatte vedtak', async (c, now) => {
        await d.store.saveDecision(c.submissionId, { outcome, grounds, decidedAt: now, decidedBy: user.account, recommendation: rec && rec.recommended === outcome ? rec.ruleId : null });
        // the letter is drafted from the profile's template; the caseworker edits it before approving
        const draft = await letterFields(user, submission, profile, outcome, grounds, now);
        await d.store.saveLetter(c.submissionId, { ...draft, updatedAt: now, updatedBy: user.name });
        await d.store.setStatus(c.submissionId, 'decided', now);
        return { kind: 'decided', at: now, actor: user.name, text: outcome };
      });
    },
    saveLetter: (user: DeskUser, publicId: string, letter: { title: string; body: string }) =>
      act(user, publicId, 'editLetter', 'endre brevet', async (c, now) => {
        await d.store.saveLetter(c.submissionId, { ...letter, updatedAt: now, updatedBy: user.name });
        return { kind: 'letter-edited', at: now, actor: user.name, text: null };
      }),
    /** The letter as the PDF/A that will be archived and sent. */
    async preview(user: DeskUser, publicId: string) {
      const { record, submission } = await visible(user, publicId);
      const letter = await d.store.letter(record.submissionId);
      if (!letter) throw new DeskError('conflict', 'Saken har ikke noe brev ennå. Fatt vedtak først.');
      if (record.status === 'approved') {
        // #13 item 11: an approved letter is the stored PDF, never one rendered again with today's date
        const stored = await d.approvedLetter?.(record.submissionId);
        if (stored) return { bytes: stored, pages: pdfPageCount(stored) };
        const at = (await d.store.approvals(record.submissionId)).at(-1)?.at ?? d.clock.now();
        return d.letters.render(await letterDocument(user, record, submission, letter, at));
      }
      return d.letters.render(await letterDocument(user, record, submission, letter, d.clock.now()));
    },
    approve,
    decideByRules,
    finishByRules,
    open,
  };
}

export type DeskService = ReturnType<typeof createDeskService>;
