import { dokumentnummerText, saksnummer } from '../archive/archive-record';
import { mayActOnReply } from '../desk/access-policy';
import { DeskError, type CaseAccess } from '../desk/case-access';
import type { DeskUser } from '../desk/desk.types';
import { classify, IntegrationError } from '../errors';
import type { ArchiveStore } from '../ports/archive-store.port';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { DeskStore } from '../ports/desk-store.port';
import type { DesignStore } from '../ports/design-store.port';
import type { HandoverStatus, HandoverStore, StoredHandover } from '../ports/handover-store.port';
import type { InternalSystemPort } from '../ports/internal-system.port';
import type { LetterRenderer } from '../ports/letter-renderer.port';
import type { Logger } from '../ports/logger.port';
import type { Outbox } from '../ports/outbox.port';
import type { MappingTarget, PayloadMapper } from '../ports/payload-mapper.port';
import type { PersonFacts } from '../ports/register.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Decision } from '../profiles/profile.schema';
import type { LoadedProfile } from '../profiles/profile.types';
import { buildHandoverDocument } from './handover-document.builder';
import { createManualHandovers } from './manual-handover';
import { HANDOVER_JOB, HANDOVER_RECEIPT_JOB, handoverJobKey, receiptJobKey } from './routing.jobs';
import { routesFor, type RoutingStep } from './routing-plan';

/** A target as IT configured it (integrations.internal.targets), as far as routing needs to know. */
export interface RoutingTarget {
  name: string;
  enabled: boolean;
  transport: 'rest' | 'soap' | 'file' | 'manual';
  /** A permanent failure becomes a manual task instead of a failed hand-over. */
  manualFallback: boolean;
}

export interface RoutingDeps {
  store: HandoverStore;
  designs: Pick<DesignStore, 'active'>;
  desk: Pick<DeskStore, 'addEvent' | 'decision'>;
  archive: Pick<ArchiveStore, 'incomingEntryOf' | 'caseFile'>;
  cases: Pick<CaseAccess, 'visible'>;
  submission(id: number): Promise<SubmissionDetail | undefined>;
  profile(id: string): LoadedProfile | undefined;
  registerPerson(personNumber: string): Promise<PersonFacts | null>;
  /** The configured targets by id. */
  targets(): Readonly<Record<string, RoutingTarget>>;
  /** The connected target, or undefined when it is not configured (or manual). */
  port(target: string): InternalSystemPort | undefined;
  mapper: PayloadMapper;
  mappingTarget(target: string): MappingTarget;
  letters: LetterRenderer;
  /** The display name of an account (a manual hand-over's doer). */
  userName(account: string): string;
  municipality: { name: string; orgNumber: string | null };
  uow: UnitOfWork;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** A hand-over key: random per installation, never personal data (it is the target's idempotency key and a file name). */
  newKey(): string;
  timeZone?: string;
  /** How long after a file drop the target's receipt is first looked for. */
  receiptDelayMs?: number;
}

/** A hand-over as a case shows it (the contract's HandoverDto). */
export interface HandoverView {
  target: string;
  targetName: string;
  mode: StoredHandover['mode'];
  status: HandoverStatus;
  after: StoredHandover['after'];
  reference: string | null;
  lastError: string | null;
  mappingVersion: number | null;
  updatedAt: number;
  deliveredAt: number | null;
  doneBy: string | null;
  can: { retry: boolean; complete: boolean };
}

const SYSTEM_ACTOR = 'Postmottak';

/**
 * Routing (#15): hands applications to the municipality's internal systems after archiving or
 * after the decision, as durable idempotent jobs, or as a task for a person where a target has no
 * interface. A hand-over is made in the transaction of the step that triggers it.
 */
export function createRoutingService(d: RoutingDeps) {
  const targetName = (target: string) => d.targets()[target]?.name ?? target;
  /** No interface (transport «manual»), or switched off where IT asked for a person to take over (manualFallback). */
  const byHand = (t: RoutingTarget | undefined) => !!t && (t.transport === 'manual' || (!t.enabled && t.manualFallback));
  const configured = (target: string) => {
    const t = d.targets()[target];
    return t && t.enabled && (t.transport === 'manual' || d.port(target)) ? t : undefined;
  };

  /** The mapping in force: the active design, else the profile's shipped file (version unknown). */
  async function mappingOf(profile: LoadedProfile, target: string): Promise<{ body: string; version: number | null } | null> {
    const active = await d.designs.active({ kind: 'mapping', profileId: profile.id, target });
    if (active) return { body: active.body, version: active.version };
    const shipped = profile.mappings?.[target];
    return shipped ? { body: shipped, version: null } : null;
  }

  /** In the caller's transaction: the hand-overs of the routes that apply at this step. */
  async function create(submissionId: number, step: RoutingStep, now: number): Promise<StoredHandover[]> {
    const sub = await d.submission(submissionId);
    const loaded = sub?.profileId ? d.profile(sub.profileId) : undefined;
    if (!sub || !loaded || sub.status !== 'received') return [];
    const made: StoredHandover[] = [];
    for (const route of routesFor(loaded.profile, sub.form, step)) {
      const t = d.targets()[route.target];
      const hasMapping = !!route.mapping || !!loaded.mappings?.[route.target];
      const manual = route.manual || byHand(t) || !hasMapping;
      const status: HandoverStatus = manual ? 'manual' : configured(route.target) ? 'pending' : 'waiting';
      const key = d.newKey();
      const row = await d.store.insert({ submissionId, target: route.target, key, mode: manual ? 'manual' : 'automatic', status, after: route.after }, now);
      if (row.key !== key) continue;
      if (status === 'pending') await d.outbox.enqueue(HANDOVER_JOB, { key }, handoverJobKey(key));
      await d.audit.append({ actor: 'system', action: 'routing.created', subject: `handover:${key}`, details: { target: route.target, status, after: route.after } }, now);
      made.push(row);
    }
    return made;
  }

  async function recordDelivered(h: StoredHandover, reference: string | null, mappingVersion: number | null): Promise<void> {
    const now = d.clock.now();
    await d.uow.run(async () => {
      // two runs of one hand-over (a retry beside a recovered job) record it once: the target kept one item too
      const fresh = await d.store.lock(h.key);
      if (!fresh || fresh.status === 'delivered' || fresh.status === 'done') return;
      await d.store.update(h.key, { status: 'delivered', reference, mappingVersion, deliveredAt: now, lastError: null, receiptToken: null }, now);
      await d.desk.addEvent(h.submissionId, { kind: 'routed', at: now, actor: SYSTEM_ACTOR, text: reference ? `${targetName(h.target)}: ${reference}` : targetName(h.target) });
      await d.audit.append({ actor: 'system', action: 'routing.delivered', subject: `handover:${h.key}`, details: { target: h.target, reference, mappingVersion } }, now);
    });
  }

  /** A refusal is kept on the hand-over with the target's own message; with manualFallback a person takes it over. True: taken over. */
  async function recordFailure(h: StoredHandover, e: unknown, mappingVersion: number | null): Promise<boolean> {
    const c = classify(e);
    if (c.kind !== 'validation' && c.kind !== 'permanent') return false;
    const fallback = d.targets()[h.target]?.manualFallback === true;
    const now = d.clock.now();
    await d.uow.run(async () => {
      const fresh = await d.store.lock(h.key);
      if (!fresh || fresh.status === 'delivered' || fresh.status === 'done') return;
      await d.store.update(h.key, fallback ? { status: 'manual', mode: 'manual', lastError: c.message, mappingVersion } : { status: 'failed', lastError: c.message, mappingVersion }, now);
      await d.audit.append({ actor: 'system', action: fallback ? 'routing.manual-fallback' : 'routing.failed', subject: `handover:${h.key}`, details: { target: h.target, message: c.message } }, now);
    });
    return fallback;
  }

  async function archivedNumbers(submissionId: number): Promise<{ caseNumber: string | null; journalpost: string | null } | null> {
    const entry = await d.archive.incomingEntryOf(submissionId);
    const caseFile = entry ? await d.archive.caseFile(entry.caseFileId) : undefined;
    if (!entry || !caseFile?.archived) return null;
    return { caseNumber: saksnummer(caseFile.archived), journalpost: entry.archived ? dokumentnummerText(caseFile.archived, entry.archived) : null };
  }

  /** The hand-over document of one application for one target (personal data: in memory only). */
  async function documentOf(h: Pick<StoredHandover, 'key' | 'target' | 'submissionId'>) {
    const sub = await d.submission(h.submissionId);
    const loaded = sub?.profileId ? d.profile(sub.profileId) : undefined;
    if (!sub || !loaded) throw new IntegrationError('permanent', 'Søknaden eller tjenesteprofilen finnes ikke lenger.');
    const decision = await d.desk.decision(h.submissionId);
    const personNumber = sub.form?.applicant.personNumber ?? sub.reportee.personNumber;
    const document = buildHandoverDocument({
      key: h.key,
      target: h.target,
      submission: sub,
      profile: loaded.profile,
      archived: await archivedNumbers(h.submissionId),
      register: personNumber ? await d.registerPerson(personNumber) : null,
      decision: decision ? { ...decision, decidedBy: d.userName(decision.decidedBy) } : null,
      municipality: d.municipality,
      timeZone: d.timeZone,
    });
    return { sub, loaded, document };
  }

  /** Runs the mapping in force; a problem is the mapping's (IT's), never the application's data. */
  async function mapped(h: StoredHandover) {
    const { sub, loaded, document } = await documentOf(h);
    const mapping = await mappingOf(loaded, h.target);
    const name = targetName(h.target);
    if (!mapping) throw new IntegrationError('validation', `Det finnes ingen mapping for ${name} i tjenesten ${loaded.profile.name.nb}.`, { integration: h.target });
    const r = await d.mapper.run(mapping.body, d.mappingTarget(h.target), document);
    if (!r.ok) {
      const problems = r.problems.map((p) => (p.at ? `${p.message} (${p.at})` : p.message)).join('; ');
      return { sub, loaded, version: mapping.version, error: new IntegrationError('validation', `Mappingen for ${name} gir ugyldige data: ${problems}`, { integration: h.target }) };
    }
    return { sub, loaded, version: mapping.version, payload: r.payload, text: r.text };
  }

  /** The hand-over job: map the application and give it to the target (idempotent there by the key). */
  async function handOver(key: string): Promise<void> {
    const h = await d.store.byKey(key);
    if (!h || !['pending', 'waiting', 'failed'].includes(h.status)) return;
    const port = d.port(h.target);
    if (!port) {
      const e = new IntegrationError('permanent', `${targetName(h.target)} er ikke satt opp som fagsystem.`, { integration: h.target });
      if (!(await recordFailure(h, e, null))) throw e;
      return;
    }
    let version: number | null = null;
    try {
      const m = await mapped(h);
      version = m.version;
      if (m.error) throw m.error;
      // the network call runs outside any unit of work; only its outcome is written in one
      const r = await port.handOver({ key, payload: m.payload, text: m.text ?? null });
      if (r.state === 'delivered') return await recordDelivered(h, r.reference, version);
      const now = d.clock.now();
      await d.uow.run(async () => {
        await d.store.update(key, { status: 'awaiting-receipt', receiptToken: r.token, mappingVersion: version, lastError: null }, now);
        // a receipt may take hours (the target's own import schedule): many patient attempts
        await d.outbox.enqueue(HANDOVER_RECEIPT_JOB, { key }, receiptJobKey(key, String(now)), { runAfter: now + (d.receiptDelayMs ?? 5_000), maxAttempts: 200 });
      });
    } catch (e) {
      if (await recordFailure(h, e, version)) return;
      throw e;
    }
  }

  /** The receipt job: has the target read the dropped file? */
  async function checkReceipt(key: string): Promise<void> {
    const h = await d.store.byKey(key);
    if (!h || h.status !== 'awaiting-receipt') return;
    const port = d.port(h.target);
    if (!port?.checkReceipt || !h.receiptToken) throw new IntegrationError('permanent', `${targetName(h.target)} gir ikke kvitteringer.`, { integration: h.target });
    const r = await port.checkReceipt(key, h.receiptToken);
    if (r.state === 'delivered') return recordDelivered(h, r.reference, h.mappingVersion);
    if (r.state === 'rejected') {
      const e = new IntegrationError('validation', r.message, { integration: h.target });
      if (await recordFailure(h, e, h.mappingVersion)) return;
      throw e;
    }
    throw new IntegrationError('transient', `Venter på kvittering fra ${targetName(h.target)}.`, { integration: h.target });
  }

  const view = (h: StoredHandover, user: DeskUser): HandoverView => ({
    target: h.target,
    targetName: targetName(h.target),
    mode: h.mode,
    status: h.status,
    after: h.after,
    reference: h.reference,
    lastError: h.lastError,
    mappingVersion: h.mappingVersion,
    updatedAt: h.updatedAt,
    deliveredAt: h.deliveredAt,
    doneBy: h.doneBy ? d.userName(h.doneBy) : null,
    can: { retry: h.status === 'failed' && mayActOnReply(user), complete: h.status === 'manual' && mayActOnReply(user) },
  });

  /** The hand-over of a case the user may see, to one target. */
  async function handoverOf(user: DeskUser, publicId: string, target: string) {
    const { record, submission } = await d.cases.visible(user, publicId);
    const h = await d.store.get(record.submissionId, target);
    if (!h) throw new DeskError('not-found', 'Saken har ingen overføring til dette fagsystemet.');
    return { h, record, submission };
  }

  async function forCase(user: DeskUser, publicId: string): Promise<HandoverView[]> {
    const { record } = await d.cases.visible(user, publicId);
    return (await d.store.forSubmission(record.submissionId)).map((h) => view(h, user));
  }

  /** A refused hand-over tried again (after IT fixed the mapping): the target sees the same key, the job is a new one. */
  async function retry(user: DeskUser, publicId: string, target: string): Promise<HandoverView> {
    const { h } = await handoverOf(user, publicId, target);
    if (!mayActOnReply(user)) throw new DeskError('forbidden', 'Bare saksbehandlere og ledere kan prøve overføringen på nytt.');
    const now = d.clock.now();
    await d.uow.run(async () => {
      const fresh = await d.store.lock(h.key);
      if (fresh?.status !== 'failed') throw new DeskError('conflict', 'Overføringen har ikke feilet, og kan ikke prøves på nytt.');
      await d.store.update(h.key, { status: 'pending', lastError: null }, now);
      await d.outbox.enqueue(HANDOVER_JOB, { key: h.key }, handoverJobKey(h.key, `retry-${now}`));
      await d.audit.append({ actor: user.account, action: 'routing.retry', subject: `handover:${h.key}`, details: { target } }, now);
    });
    return view((await d.store.byKey(h.key))!, user);
  }

  /** At start: hand-overs that waited for a target now configured get their jobs; pending ones keep theirs. Idempotent. */
  async function ensureJobs(limit = 100_000): Promise<number> {
    const open = await d.store.withStatus(['waiting', 'pending'], limit);
    const now = d.clock.now();
    let queued = 0;
    await d.uow.run(async () => {
      for (const h of open) {
        if (h.mode !== 'automatic') continue;
        // a target IT has since marked manual (or switched off, with manualFallback): a person enters it
        if (byHand(d.targets()[h.target])) {
          await d.store.update(h.key, { status: 'manual', mode: 'manual' }, now);
          continue;
        }
        if (!configured(h.target)) continue;
        if (h.status === 'waiting') await d.store.update(h.key, { status: 'pending' }, now);
        await d.outbox.enqueue(HANDOVER_JOB, { key: h.key }, handoverJobKey(h.key));
        queued++;
      }
    });
    return queued;
  }

  const manual = createManualHandovers({ ...d, handoverOf, view, targetName, mappingOf, documentOf });

  return {
    /** ArchiveServiceDeps.onArchived: the incoming entry is archived (in that transaction). */
    onArchived: async (e: { submissionId: number; journalposttype: string; at: number }) => void (e.journalposttype === 'I' && (await create(e.submissionId, { after: 'archived' }, e.at))),
    /** DeskDeps.onDecisionFinal: the decision is final (in that transaction). */
    onDecisionFinal: async (e: { submissionId: number; outcome: Decision; at: number }) => void (await create(e.submissionId, { after: 'decided', outcome: e.outcome }, e.at)),
    create,
    handOver,
    checkReceipt,
    forCase,
    retry,
    ensureJobs,
    ...manual,
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
