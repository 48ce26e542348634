import { caseDeadlines, DeskError, type CaseAccess } from '../desk/case-access';
import type { DeskUser, Role } from '../desk/desk.types';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { FormReaderPort } from '../ports/form-reader.port';
import type { DuplicateCandidate, QuarantineAction, QuarantineResolution, QuarantineStore } from '../ports/quarantine-store.port';
import type { SubmissionDetail, SubmissionStore } from '../ports/submission-store.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { LoadedProfile, MappedForm } from '../profiles/profile.types';
import { formFromTyped, manualFields, type ManualField, type TypedForm } from './manual-form';
import { explainQuarantine, profileLabels, type QuarantineExplanation } from './quarantine-explain';

const DAY = 86_400_000;

/** Caseworkers, leaders and archivists take a submission out of quarantine; IT sees no case. */
export const QUARANTINE_HANDLER_ROLES: readonly Role[] = ['saksbehandler', 'leder', 'arkivar'];
export const mayHandleQuarantine = (user: DeskUser): boolean => user.roles.some((r) => QUARANTINE_HANDLER_ROLES.includes(r));

export interface QuarantineDeps {
  store: QuarantineStore;
  submissions: Pick<SubmissionStore, 'get' | 'getById' | 'partBytes'>;
  cases: Pick<CaseAccess, 'visible'>;
  profiles: { byId(id: string): LoadedProfile | undefined; bySourceKey(key: string): LoadedProfile | undefined };
  forms: FormReaderPort<LoadedProfile>;
  /**
   * What a new case needs beside the desk's own record, run in the transaction that accepts it:
   * the same hooks ingest runs when it stores an application (archive registration, register look-ups).
   */
  onAccepted(s: { id: number; publicId: string; quarantined: false; profileId: string; receivedAt: number }): Promise<void>;
  /** Duplicates are looked for this many days either side of the submission. */
  duplicateWindowDays: number;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

export interface QuarantineView {
  publicId: string;
  /** Still in quarantine: the actions are open. */
  open: boolean;
  code: string | null;
  /** The validator's own words ("Tekniske detaljer"). */
  raw: string | null;
  explanation: QuarantineExplanation | null;
  resolution: (QuarantineResolution & { duplicateOfPublicId: string | null }) | null;
  candidates: DuplicateCandidate[];
  /** The form to type from the PDF; null when no profile knows the service. */
  manual: { profileId: string; fields: ManualField[]; lists: { key: string; label: string }[] } | null;
  can: { revalidate: boolean; register: boolean; markDuplicate: boolean; reject: boolean };
  actions: QuarantineAction[];
}

/**
 * Quarantine's way out (#13 item 13): a Norwegian explanation of why, and four actions for a
 * caseworker or archivist, each one transaction with its audit entry and timeline row:
 * re-validate (after a profile update), register by hand as a case with the fields typed from
 * the PDF, mark as a duplicate of another submission from the same person and service, or
 * reject with a reason. A submission that becomes a case gets its deadlines then, its archive
 * registration and its register look-ups exactly as a received application does.
 */
export function createQuarantineService(d: QuarantineDeps) {
  const profileOf = (s: SubmissionDetail) => (s.profileId ? d.profiles.byId(s.profileId) : undefined) ?? d.profiles.bySourceKey(s.serviceKey);

  async function candidates(s: SubmissionDetail): Promise<DuplicateCandidate[]> {
    const person = s.reportee.personNumber ?? s.form?.applicant.personNumber ?? null;
    if (!person) return [];
    const w = d.duplicateWindowDays * DAY;
    return d.store.candidates({ submissionId: s.id, personNumber: person, profileId: s.profileId ?? profileOf(s)?.id ?? null, serviceKey: s.serviceKey, from: s.submittedAt - w, to: s.submittedAt + w, limit: 10 });
  }

  async function view(user: DeskUser, publicId: string): Promise<QuarantineView> {
    const { submission: s } = await d.cases.visible(user, publicId);
    const resolution = (await d.store.resolution(s.id)) ?? null;
    const open = s.status === 'quarantined' && !resolution;
    const loaded = profileOf(s);
    const handler = mayHandleQuarantine(user) && open;
    const found = open ? await candidates(s) : [];
    const duplicateOf = resolution && resolution.duplicateOf !== null ? await d.submissions.getById(resolution.duplicateOf) : undefined;
    const manual = loaded ? { profileId: loaded.id, ...manualFields(loaded.profile) } : null;
    return {
      publicId,
      open,
      code: s.quarantineCode,
      raw: s.quarantineReason,
      explanation: s.quarantineReason ? explainQuarantine({ code: s.quarantineCode, reason: s.quarantineReason }, profileLabels(loaded?.profile)) : null,
      resolution: resolution && { ...resolution, duplicateOfPublicId: duplicateOf?.publicId ?? null },
      candidates: found,
      manual,
      can: { revalidate: handler, register: handler && manual !== null, markDuplicate: handler && found.length > 0, reject: handler },
      actions: await d.store.actions(s.id),
    };
  }

  const notInQuarantine = (what: string) => new DeskError('conflict', `Innsendingen er ikke lenger i karantene, så du kan ikke ${what}.`);

  /** The submission, if the user may act on its quarantine now. */
  async function actionable(user: DeskUser, publicId: string, what: string): Promise<SubmissionDetail> {
    const { submission } = await d.cases.visible(user, publicId);
    if (!mayHandleQuarantine(user)) throw new DeskError('forbidden', `Du kan ikke ${what}.`);
    if (submission.status !== 'quarantined' || (await d.store.resolution(submission.id))) throw notInQuarantine(what);
    return submission;
  }

  /**
   * Inside the acting transaction: nobody resolved it since `actionable` looked (the check and the
   * write are no longer one synchronous step, so another request may have come between them).
   */
  async function stillOpen(s: SubmissionDetail, what: string): Promise<void> {
    if (await d.store.resolution(s.id)) throw notInQuarantine(what);
  }

  const record = (user: DeskUser, s: SubmissionDetail, kind: QuarantineAction['kind'], text: string | null, now: number, relatedId: number | null = null): Promise<void> =>
    d.store.addAction(s.id, { kind, at: now, actor: user.name, actorAccount: user.account, text, relatedId });

  /** Accepts the form: the submission leaves quarantine, its case opens with deadlines from now, and the follow-up work is queued. */
  async function accept(user: DeskUser, s: SubmissionDetail, loaded: LoadedProfile, form: MappedForm, now: number): Promise<void> {
    await d.store.accept(s.id, { profileId: loaded.id, profileVersion: loaded.version, form }, { ...caseDeadlines(loaded.profile, now), at: now });
    await d.store.resolve(s.id, { outcome: 'case', duplicateOf: null, reason: null, resolvedAt: now, resolvedBy: user.account });
    await d.onAccepted({ id: s.id, publicId: s.publicId, quarantined: false, profileId: loaded.id, receivedAt: now });
  }

  return {
    view,

    /** Reads the stored form again with the current profile: a case if it now passes, else the new reason. */
    async revalidate(user: DeskUser, publicId: string): Promise<QuarantineView> {
      const what = 'validere innsendingen på nytt';
      const s = await actionable(user, publicId, what);
      const loaded = profileOf(s);
      const formParts = s.parts.filter((p) => p.role === 'form');
      const bytes = formParts.length === 1 ? (await d.submissions.partBytes(publicId, formParts[0]!.seq))?.bytes : undefined;
      let result: { ok: true; form: MappedForm } | { ok: false; code: string; reason: string };
      if (!loaded) result = { ok: false, code: 'unknown-service', reason: `Ingen tjenesteprofil for ${s.serviceKey}.` };
      else if (!bytes) result = { ok: false, code: s.quarantineCode ?? 'missing-form', reason: s.quarantineReason ?? 'Innsendingen mangler skjemadata.' };
      else result = await d.forms.read(bytes, loaded);
      const now = d.clock.now();
      await d.uow.run(async () => {
        await stillOpen(s, what);
        if (result.ok && loaded) await accept(user, s, loaded, result.form, now);
        else if (!result.ok) await d.store.requarantine(s.id, { code: result.code, reason: result.reason });
        const profileNote = loaded ? ` (profil ${loaded.id} v${loaded.version})` : '';
        await record(user, s, 'quarantine-revalidated', result.ok ? `Validert på nytt${profileNote}: skjemaet er gyldig, og søknaden er registrert som sak.` : `Validert på nytt${profileNote}: fortsatt i karantene.`, now);
        await d.audit.append({ actor: user.account, action: 'quarantine.revalidate', subject: `submission:${publicId}`, details: { ok: result.ok, profile: loaded?.id ?? null, version: loaded?.version ?? null, ...(result.ok ? {} : { code: result.code }) } }, now);
      });
      return view(user, publicId);
    },

    /** Registers the submission as a case with the fields typed from its PDF. */
    async register(user: DeskUser, publicId: string, typed: TypedForm): Promise<QuarantineView> {
      const what = 'registrere innsendingen som sak';
      const s = await actionable(user, publicId, what);
      const loaded = profileOf(s);
      if (!loaded) throw new DeskError('conflict', `Ingen tjenesteprofil kjenner tjenesten ${s.serviceKey}, så innsendingen kan ikke registreres som sak.`);
      const r = formFromTyped(loaded.profile, typed);
      if (!r.ok) throw new DeskError('conflict', r.problems.join(' '));
      const now = d.clock.now();
      await d.uow.run(async () => {
        await stillOpen(s, what);
        await accept(user, s, loaded, r.form, now);
        await record(user, s, 'quarantine-registered', 'Registrert manuelt som sak med feltene skrevet inn fra PDF-en.', now);
        await d.audit.append({ actor: user.account, action: 'quarantine.register', subject: `submission:${publicId}`, details: { profile: loaded.id, fields: Object.keys(typed.fields).filter((k) => typed.fields[k]?.trim()) } }, now);
      });
      return view(user, publicId);
    },

    /** Marks the submission as a duplicate of one of its candidates (same person and service, close in time). */
    async markDuplicate(user: DeskUser, publicId: string, ofPublicId: string): Promise<QuarantineView> {
      const what = 'merke innsendingen som duplikat';
      const s = await actionable(user, publicId, what);
      const original = (await candidates(s)).find((c) => c.publicId === ofPublicId);
      if (!original) throw new DeskError('conflict', 'Den andre innsendingen er ikke fra samme person og tjeneste i tidsrommet, så den kan ikke være originalen.');
      const now = d.clock.now();
      await d.uow.run(async () => {
        await stillOpen(s, what);
        await d.store.resolve(s.id, { outcome: 'duplicate', duplicateOf: original.id, reason: null, resolvedAt: now, resolvedBy: user.account });
        const label = original.title ?? original.publicId;
        await record(user, s, 'quarantine-duplicate', `Duplikat av «${label}» (${original.publicId}).`, now, original.id);
        await d.store.addAction(original.id, { kind: 'duplicate-linked', at: now, actor: user.name, actorAccount: user.account, text: `Innsending ${publicId} er merket som duplikat av denne.`, relatedId: s.id });
        await d.audit.append({ actor: user.account, action: 'quarantine.duplicate', subject: `submission:${publicId}`, details: { duplicateOf: original.publicId } }, now);
      });
      return view(user, publicId);
    },

    /** Rejects the submission with a reason; it stays stored, visibly, never dropped. */
    async reject(user: DeskUser, publicId: string, reason: string): Promise<QuarantineView> {
      const what = 'avvise innsendingen';
      const s = await actionable(user, publicId, what);
      const text = reason.trim();
      if (!text) throw new DeskError('conflict', 'Skriv en begrunnelse for avvisningen.');
      const now = d.clock.now();
      await d.uow.run(async () => {
        await stillOpen(s, what);
        await d.store.resolve(s.id, { outcome: 'rejected', duplicateOf: null, reason: text, resolvedAt: now, resolvedBy: user.account });
        await record(user, s, 'quarantine-rejected', text, now);
        await d.audit.append({ actor: user.account, action: 'quarantine.reject', subject: `submission:${publicId}`, details: { code: s.quarantineCode } }, now);
      });
      return view(user, publicId);
    },
  };
}

export type QuarantineService = ReturnType<typeof createQuarantineService>;
