import { createHash, randomUUID } from 'node:crypto';
import { archivedApplication } from '../../core/archive/archive-record';
import { mayActOnReply } from '../../core/desk/access-policy';
import { DeskError, type CaseAccess } from '../../core/desk/case-access';
import { applicationPersons, personsNamedInLists } from '../../core/fodselsnummer';
import type { Clock } from '../../core/ports/clock.port';
import type { LetterRenderer } from '../../core/ports/letter-renderer.port';
import type { Logger } from '../../core/ports/logger.port';
import type { Outbox } from '../../core/ports/outbox.port';
import { confirmedNameOf, isMismatchReason, recipientMismatch } from '../../core/registers/name-match';
import { createRegisterService } from '../../core/registers/register.service';
import { ENRICH_JOB, ENRICH_MAX_PERSONS, enrichJobKey, enrichPayload } from '../../core/registers/registers.jobs';
import { fallbackDeadline, isoOf, localParts } from '../../core/replies/reply-deadline';
import { checkNowKey, emptyReplyPayload, PRINT_JOB, REPLIES_POLL_JOB, replyKeyPayload, SEND_JOB, SWEEP_JOB } from '../../core/replies/replies.jobs';
import { createReplyService, ReplyConflict } from '../../core/replies/reply.service';
import { mayPrintAction, type ReplyRecord } from '../../core/replies/reply.types';
import type { replyChannels, ReplyView } from '../../ipc';
import type { JobRunner } from '../../jobs';
import type { Repos, Store } from '../../store';
import type { ReplyIntegrations } from '../../../integrations';
import type { UserDirectory } from '../desk-users';
import { job, type Feature, type StoredSubmission } from '../feature';
import type { Emit } from '../hub-events';
import { norwegianHolidays } from '../holiday-calendar';
import type { LabelsOf } from '../views/profile-labels';
import { toRegistersView, toReplyRow } from '../views/reply.view';

const DAY = 86_400_000;
const EVENT_CURSOR = 'correspondence.eventsCursor';

export interface RepliesDeps {
  store: Pick<Store, 'uow'>;
  runner: Pick<JobRunner, 'enqueue'>;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  config: { timezone: string };
  repos: Pick<Repos, 'replies' | 'registerCache' | 'desk' | 'archive' | 'audit' | 'meta' | 'submissions'>;
  links: {
    replies: Pick<ReplyIntegrations, 'register' | 'correspondence' | 'print' | 'printRenderer'>;
    config: { registers?: { cacheHours: number }; correspondence?: { pollSchedule: string; sweepSchedule: string } };
    letters?: LetterRenderer;
  };
  users: Pick<UserDirectory, 'current'>;
  cases: Pick<CaseAccess, 'visible' | 'hiddenProfileIds'>;
  labels: LabelsOf;
  emit: Emit;
}

type ReplyChannel = keyof typeof replyChannels;

/** Replies: the jobs (send, poll, sweep, print, enrich), their schedules and the contract handlers. */
export function wireReplies(d: RepliesDeps) {
  const { replies: store, audit } = d.repos;
  const links = d.links.replies;
  const calendar = norwegianHolidays();
  const localDate = (ms: number) => {
    const l = localParts(ms, d.config.timezone);
    return isoOf(l.y, l.m, l.d);
  };
  const cacheMs = (d.links.config.registers?.cacheHours ?? 24) * 3_600_000;
  const uow = d.store.uow;
  const registers = createRegisterService({ port: links.register, cache: d.repos.registerCache, uow, clock: d.clock, ttl: { personMs: cacheMs, contactMs: cacheMs } });
  const meta = d.repos.meta;
  /** #13 item 10: the register name a caseworker confirmed for the case's reply: the last such event on its timeline. */
  async function confirmedName(submissionId: number): Promise<string | null> {
    return (await d.repos.desk.events(submissionId)).map(confirmedNameOf).filter((n) => n !== null).at(-1) ?? null;
  }
  const service = createReplyService({
    store,
    timeline: (id, e) => d.repos.desk.addEvent(id, e),
    registers,
    correspondence: links.correspondence,
    print: links.print,
    printRenderer: links.printRenderer,
    blob: (sha) => d.repos.archive.blob(sha),
    hash: (b) => createHash('sha256').update(b).digest('hex'),
    outbox: d.outbox,
    uow,
    audit,
    clock: d.clock,
    logger: d.logger,
    deadline: (sentAt, rule) => fallbackDeadline(sentAt, rule, { timeZone: d.config.timezone, calendar }),
    localDate,
    newKey: randomUUID,
    eventCursor: { get: async () => (await meta.get(EVENT_CURSOR)) ?? null, set: (c) => meta.set(EVENT_CURSOR, c) },
    confirmedName,
    letters: d.links.letters,
  });

  const changed = (publicId: string) => d.emit('replies.changed', { publicId });
  const notify = (r: ReplyRecord | undefined) => {
    if (r) changed(r.replyKey);
  };
  const serviceName = (profileId: string | null) => d.labels(profileId)?.name ?? null;
  const caseNumber = async (submissionId: number) => (await archivedApplication(d.repos.archive, submissionId)).caseNumber;

  /** The case behind a reply, if the current user may see it (DeskError otherwise). */
  const visibleCase = async (publicId: string) => {
    const sub = (await d.cases.visible(d.users.current(), publicId)).submission;
    return { submissionId: sub.id, personNumber: sub.reportee.personNumber, profileId: sub.profileId, applicantName: sub.applicantName, namedPersons: personsNamedInLists(sub.form) };
  };

  const view = async (publicId: string): Promise<ReplyView> => {
    const c = await visibleCase(publicId);
    const r = await store.bySubmission(c.submissionId);
    const may = (action: 'hold' | 'resume' | 'stop') => mayActOnReply(d.users.current()) && !!r && mayPrintAction(action, r.state);
    const m = c.personNumber ? recipientMismatch(c.applicantName, (await registers.cached(c.personNumber)).person?.facts?.name) : null;
    const waiting = !!r && r.state === 'manual' && isMismatchReason(r.reason);
    return {
      reply: r ? await toReplyRow(r, { publicId, serviceName: serviceName(c.profileId), applicantName: c.applicantName }, caseNumber) : null,
      registers: await toRegistersView(registers, c.personNumber, c.namedPersons),
      recipientMismatch: m ? { ...m, confirmed: (await confirmedName(c.submissionId)) === m.registerName, waiting } : null,
      can: { hold: may('hold'), resume: may('resume'), stop: may('stop'), confirmRecipient: waiting && mayActOnReply(d.users.current()) },
    };
  };

  const act = async (publicId: string, fn: (key: string, actor: { account: string; name: string }) => Promise<unknown>): Promise<ReplyView> => {
    const c = await visibleCase(publicId);
    const user = d.users.current();
    if (!mayActOnReply(user)) throw new DeskError('forbidden', 'Bare saksbehandlere og ledere kan holde tilbake eller stoppe utskrift.');
    const r = await store.bySubmission(c.submissionId);
    if (!r) throw new DeskError('conflict', 'Saken har ikke noe godkjent svar ennå.');
    try {
      await fn(r.replyKey, { account: user.account, name: user.name });
    } catch (e) {
      if (e instanceof ReplyConflict) throw new DeskError('conflict', e.message);
      throw e;
    }
    changed(publicId);
    return view(publicId);
  };

  /** The people an application names for the register lookup, read from the stored submission (the job carries only its id). */
  const personsOf = async (submissionId: number): Promise<string[]> => {
    const sub = await d.repos.submissions.getById(submissionId);
    return applicationPersons(sub?.reportee, sub?.form ?? null, ENRICH_MAX_PERSONS);
  };

  /** Send and print: deliver one reply until it gets through, then tell the desk what changed. */
  const deliveryJob = (type: typeof SEND_JOB | typeof PRINT_JOB, integration: 'correspondence' | 'print', deliver: (replyKey: string) => Promise<unknown>) =>
    job({
      type,
      schema: replyKeyPayload,
      integration,
      untilDelivered: true,
      handle: async ({ replyKey }) => {
        await deliver(replyKey);
        notify(await store.byKey(replyKey));
      },
    });

  const correspondence = d.links.config.correspondence;
  const feature: Feature<ReplyChannel> = {
    jobs: [
      deliveryJob(SEND_JOB, 'correspondence', (k) => service.send(k)),
      deliveryJob(PRINT_JOB, 'print', (k) => service.print(k)),
      job({
        type: REPLIES_POLL_JOB,
        schema: emptyReplyPayload,
        integration: 'correspondence',
        handle: async () => {
          // events first (cheap, and names exactly the replies that changed), then the rolling status poll
          await service.followEvents();
          await service.poll();
        },
      }),
      job({ type: SWEEP_JOB, schema: emptyReplyPayload, integration: 'correspondence', handle: async () => void (await service.sweep()) }),
      job({ type: ENRICH_JOB, schema: enrichPayload, integration: 'registers', maxAttempts: 5, handle: async ({ submissionId }) => registers.enrich(await personsOf(submissionId)) }),
    ],
    // read tracking and the sweep only mean something once replies go out through Altinn
    schedules: links.correspondence
      ? [
          { name: 'replies.poll', cron: correspondence?.pollSchedule ?? '*/15 * * * *', jobType: REPLIES_POLL_JOB, enabled: true },
          { name: 'replies.sweep', cron: correspondence?.sweepSchedule ?? '*/10 * * * *', jobType: SWEEP_JOB, enabled: true },
        ]
      : [],
    handlers: {
      'replies.list': async (input) => {
        const hidden = d.cases.hiddenProfileIds(d.users.current());
        const now = d.clock.now();
        const dueBefore = input.dueWithinDays !== undefined ? now + input.dueWithinDays * DAY : undefined;
        const { items, total } = await store.list({ state: input.state, dueBefore, limit: input.limit, offset: input.offset, hiddenProfileIds: hidden });
        const rows = [];
        for (const x of items) rows.push(await toReplyRow(x, { publicId: x.publicId, serviceName: serviceName(x.profileId), applicantName: x.applicantName }, caseNumber));
        return { items: rows, total, counts: await store.counts(hidden), dueSoon: await store.dueSoon(now, 3 * DAY, hidden) };
      },
      'replies.stats': async (input) => {
        const now = d.clock.now();
        const l = localParts(now, d.config.timezone);
        const offsetMin = Math.round((Date.UTC(l.y, l.m - 1, l.d, l.hh, l.mm, l.ss) - Math.floor(now / 1000) * 1000) / 60_000);
        const since = Date.UTC(l.y, l.m - 1, l.d) - offsetMin * 60_000 - (input.days - 1) * DAY;
        const hidden = d.cases.hiddenProfileIds(d.users.current());
        return { days: (await store.daily(since, now, offsetMin, hidden)).slice(-input.days) };
      },
      'replies.get': (input) => view(input.publicId),
      'replies.hold': (input) => act(input.publicId, (k, a) => service.hold(k, a, input.reason)),
      'replies.resume': (input) => act(input.publicId, (k, a) => service.resume(k, a)),
      'replies.stop': (input) => act(input.publicId, (k, a) => service.stop(k, a, input.reason)),
      'replies.confirmRecipient': (input) =>
        act(input.publicId, async (k, a) => {
          const c = await visibleCase(input.publicId);
          const name = c.personNumber ? (await registers.cached(c.personNumber)).person?.facts?.name : null;
          if (!name) throw new DeskError('conflict', 'Folkeregisteret har ikke gitt noe navn å bekrefte.');
          await service.confirmRecipient(k, a, name);
        }),
      'replies.checkNow': async () => {
        const now = d.clock.now();
        const jobIds = await uow.run(async () => {
          const ids: number[] = [];
          for (const type of [REPLIES_POLL_JOB, SWEEP_JOB]) ids.push((await d.runner.enqueue(type, {}, checkNowKey(type, now))).job.id);
          return ids;
        });
        return { jobIds };
      },
    },
    async onStart() {
      const waiting: ReplyRecord[] = [];
      for (const state of ['queued', 'printing'] as const) waiting.push(...(await store.list({ state, limit: 500, offset: 0, hiddenProfileIds: [] })).items);
      const queued = await service.ensureJobs(waiting);
      if (queued) d.logger.log('info', 'reply jobs queued', { count: queued });
    },
  };
  return {
    ...feature,
    service,
    registers,
    /** At ingest, in its transaction: look the applicant and the named children up. */
    async onStored(s: StoredSubmission): Promise<void> {
      if (s.quarantined) return;
      if (registers.configured() && (await personsOf(s.id)).length) await d.outbox.enqueue(ENRICH_JOB, { submissionId: s.id }, enrichJobKey(s.id));
    },
  };
}
