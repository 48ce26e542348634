import { classify, IntegrationError } from '../errors';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { FormReaderPort, IngestProfile, ProfileLookup } from '../ports/form-reader.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Logger } from '../ports/logger.port';
import type { Outbox } from '../ports/outbox.port';
import type { Quarantine, SubmissionStore } from '../ports/submission-store.port';
import type { SubmissionSource } from '../ports/submission-source.port';
import { CONFIRM_JOB, confirmKey } from './ingest.jobs';
import { createGroupCommit } from './group-commit';
import type { MappedForm } from '../profiles/profile.types';
import type { IncomingSubmission, PendingRef, SourceKind } from './submission';


export interface IngestLimits {
  maxPartBytes: number;
  maxParts: number;
}

export interface IngestDeps {
  sources: ReadonlyMap<SourceKind, SubmissionSource>;
  store: SubmissionStore;
  uow: UnitOfWork;
  outbox: Outbox;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  profiles: ProfileLookup;
  forms: FormReaderPort;
  limits: IngestLimits;
  /** Submissions downloaded at the same time within one poll. */
  concurrency: number;
  /**
   * Submissions stored in one transaction at most (group commit, each in its own savepoint; see
   * group-commit.ts). Default 1: one transaction each.
   */
  groupCommit?: number;
  /** Runs in the transaction that stores a submission: the follow-up work it needs (archive registration) is committed with it. */
  afterStore?(stored: { id: number; publicId: string; quarantined: boolean; profileId: string | null; receivedAt: number }): Promise<void>;
}

export type IngestOutcome = 'stored' | 'quarantined' | 'duplicate' | 'known';

export interface PollResult {
  seen: number;
  stored: number;
  quarantined: number;
  duplicates: number;
  known: number;
  failed: number;
}

/**
 * Pull → validate → one local transaction (submission, parts, audit, confirm job) →
 * confirm to the source as its own job after the commit. Nothing is confirmed before it
 * is stored, and an item already stored (by either API) is never stored twice.
 */
export function createIngestService(d: IngestDeps) {
  const enqueueConfirm = (ref: PendingRef) => d.outbox.enqueue(CONFIRM_JOB, ref, confirmKey(ref));
  const commit = createGroupCommit(d.uow, d.groupCommit ?? 1);
  const item = (ref: PendingRef) => ({ source: ref.source, sourceId: ref.sourceId, serviceKey: ref.serviceKey, fetchedAt: d.clock.now() });

  /** The same Altinn 2 submission already came in through the other API: link, confirm, nothing new. */
  async function linkDuplicate(ref: PendingRef, submissionId: number): Promise<void> {
    await d.store.linkSourceItem(submissionId, item(ref));
    await enqueueConfirm(ref);
    await d.audit.append({ actor: 'system', action: 'submission.duplicate', subject: `source:${ref.source}:${ref.sourceId}`, details: { submissionId } }, d.clock.now());
  }

  async function validate(sub: IncomingSubmission, profile: IngestProfile | undefined) {
    if (!profile) return { quarantine: { code: 'unknown-service', reason: `Ingen tjenesteprofil for ${sub.ref.serviceKey}.` } };
    if (sub.parts.length > d.limits.maxParts) return { quarantine: { code: 'too-many-parts', reason: `Innsendingen har ${sub.parts.length} deler; grensen er ${d.limits.maxParts}.` } };
    const big = sub.parts.find((p) => p.bytes.byteLength > d.limits.maxPartBytes);
    if (big) return { quarantine: { code: 'too-large', reason: `Delen «${big.filename ?? big.dataType}» er større enn ${d.limits.maxPartBytes} byte.` } };
    const forms = sub.parts.filter((p) => p.role === 'form');
    if (forms.length !== 1) return { quarantine: { code: 'missing-form', reason: forms.length ? 'Innsendingen har mer enn ett skjema.' : 'Innsendingen mangler skjemadata.' } };
    const r = await d.forms.read(forms[0]!.bytes, profile);
    return r.ok ? { form: r.form } : { quarantine: { code: r.code, reason: r.reason } };
  }

  async function ingestOne(source: SubmissionSource, ref: PendingRef): Promise<IngestOutcome> {
    const known = await d.store.findSourceItem(ref.source, ref.sourceId);
    if (known) {
      // stored earlier, perhaps the process died before the confirmation went out
      if (known.confirmedAt === null) await d.uow.run(() => enqueueConfirm(ref));
      return 'known';
    }
    if (ref.a2ArchiveRef) {
      const existing = await d.store.findByA2ArchiveRef(ref.a2ArchiveRef);
      if (existing !== undefined) {
        await d.uow.run(() => linkDuplicate(ref, existing));
        return 'duplicate';
      }
    }
    let sub: IncomingSubmission;
    let quarantine: Quarantine | undefined;
    let form: MappedForm | undefined;
    const profile = d.profiles.bySourceKey(ref.serviceKey);
    try {
      sub = await source.fetch(ref);
      ({ quarantine, form } = await validate(sub, profile));
    } catch (e) {
      const c = classify(e);
      if (c.kind !== 'permanent' && c.kind !== 'validation') throw e;
      // the source cannot give us this item as it is: keep what we know, visibly, and confirm it
      sub = { ref, reportee: { partyId: null, personNumber: null, organisationNumber: null }, submittedAt: ref.lastChanged, parts: [] };
      quarantine = { code: 'download-refused', reason: c.message };
    }
    // everything below is local: the submission, its confirm job, the hooks' work and the audit entry commit together
    // (perhaps in a transaction with other submissions, each in its own savepoint; settled after the commit)
    return commit(async (): Promise<IngestOutcome> => {
      // another hub node may be storing the same item right now (#19): it goes first, and this one finds it
      await d.store.lockSourceItem(ref.source, ref.sourceId);
      if (await d.store.findSourceItem(ref.source, ref.sourceId)) return 'known';
      const a2 = sub.ref.a2ArchiveRef ?? ref.a2ArchiveRef;
      const existing = a2 ? await d.store.findByA2ArchiveRef(a2) : undefined;
      if (existing !== undefined) {
        await linkDuplicate(ref, existing);
        return 'duplicate';
      }
      const receivedAt = d.clock.now();
      const { id, publicId } = await d.store.insert(
        {
          status: quarantine ? 'quarantined' : 'received',
          serviceKey: ref.serviceKey,
          profileId: profile?.id ?? null,
          profileVersion: profile?.version ?? null,
          a2ArchiveRef: a2,
          reportee: sub.reportee,
          applicantName: form?.applicant.name ?? null,
          title: form?.title ?? null,
          titlePublic: form?.titlePublic ?? null,
          form: form ?? null,
          quarantine: quarantine ?? null,
          submittedAt: sub.submittedAt,
          receivedAt,
          parts: sub.parts.map((p) => ({
            role: p.role,
            dataType: p.dataType,
            filename: p.filename,
            contentType: p.contentType,
            size: p.bytes.byteLength,
            bytes: p.bytes.byteLength > d.limits.maxPartBytes ? null : p.bytes,
          })),
        },
        item(ref),
      );
      await enqueueConfirm(ref);
      await d.afterStore?.({ id, publicId, quarantined: quarantine !== undefined, profileId: profile?.id ?? null, receivedAt });
      await d.audit.append(
        {
          actor: 'system',
          action: quarantine ? 'submission.quarantined' : 'submission.received',
          subject: `submission:${publicId}`,
          details: { source: ref.source, serviceKey: ref.serviceKey, profileId: profile?.id ?? null, ...(quarantine ? { code: quarantine.code } : {}) },
        },
        d.clock.now(),
      );
      return quarantine ? 'quarantined' : 'stored';
    });
  }

  async function poll(kind: SourceKind): Promise<PollResult> {
    const source = d.sources.get(kind);
    if (!source) throw new IntegrationError('permanent', `Kilden ${kind} er ikke konfigurert.`);
    const r: PollResult = { seen: 0, stored: 0, quarantined: 0, duplicates: 0, known: 0, failed: 0 };
    const seen = new Set<string>();
    const workers = Math.max(1, d.concurrency);
    let firstFailure: unknown;
    // One pool of workers fed from the listing, which is read a page ahead: no worker waits at the end
    // of a page for the page's slowest download, nor for the next page's request (#18 item 3). At most
    // about one page plus `workers` refs wait here, so memory does not grow with the backlog.
    const pages = source.listPending()[Symbol.asyncIterator]();
    const queue: PendingRef[] = [];
    let listed = false;
    let listingFailure: unknown;
    let reading: Promise<void> | null = null;
    const readPage = (): Promise<void> =>
      (reading ??= (async () => {
        try {
          const next = await pages.next();
          if (next.done) listed = true;
          else {
            const refs = next.value.filter((ref) => !seen.has(ref.sourceId) && seen.add(ref.sourceId));
            r.seen += refs.length;
            queue.push(...refs);
          }
        } catch (e) {
          // a refused or limited listing stops the poll once the items under way are done
          listingFailure = e;
          listed = true;
        } finally {
          reading = null;
        }
      })());
    const worker = async () => {
      for (;;) {
        if (queue.length <= workers && !listed) void readPage();
        if (queue.length === 0) {
          if (listed) return;
          await readPage();
          continue;
        }
        const ref = queue.shift()!;
        try {
          const o = await ingestOne(source, ref);
          if (o === 'duplicate') r.duplicates++;
          else r[o]++;
        } catch (e) {
          const c = classify(e);
          // a limit or a refused login stops the poll; a flaky item does not stop the others
          if (c.kind === 'rate-limited' || c.kind === 'auth') {
            listingFailure ??= e;
            listed = true;
            queue.length = 0;
            return;
          }
          r.failed++;
          firstFailure ??= e;
          d.logger.log('warn', 'ingest item failed', { source: kind, kind: c.kind, error: c.message });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: workers }, worker));
    } finally {
      // a listing stopped early (a limit) is closed, so the source's generator can clean up
      await reading;
      if (!listed || listingFailure) await pages.return?.(undefined).catch(() => undefined);
    }
    if (listingFailure) throw listingFailure;
    // what failed is still pending at the source: the job runs again after its backoff
    if (firstFailure) throw firstFailure;
    return r;
  }

  async function confirm(ref: PendingRef): Promise<void> {
    const source = d.sources.get(ref.source);
    if (!source) throw new IntegrationError('permanent', `Kilden ${ref.source} er ikke konfigurert.`);
    if (!(await d.store.findSourceItem(ref.source, ref.sourceId))) {
      throw new IntegrationError('permanent', `Bekreftelse uten lagret innsending (${ref.source}): avvist.`);
    }
    // to the source first, outside any transaction; the local mark follows its answer
    await source.confirm(ref);
    await d.uow.run(() => d.store.markConfirmed(ref.source, ref.sourceId, d.clock.now()));
  }

  return { poll, ingestOne, confirm };
}

export type IngestService = ReturnType<typeof createIngestService>;
