import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { CorrespondencePort } from '../core/ports/correspondence.port';
import type { UnitOfWork } from '../core/ports/job-store.port';
import type { Logger } from '../core/ports/logger.port';
import type { PrintChannel, PrintRenderer } from '../core/ports/print-channel.port';
import type { RegisterPort } from '../core/ports/register.port';
import type { RegisterCache, ReplyListItem, ReplyStore } from '../core/ports/reply-store.port';
import type { TimelineEvent, DeskUser } from '../core/desk/desk.types';
import { createRegisterService, ENRICH_JOB, enrichJobKey } from '../core/replies/register.service';
import { fallbackDeadline, isoOf, localParts } from '../core/replies/reply-deadline';
import { createReplyService, POLL_JOB, PRINT_JOB, ReplyConflict, SEND_JOB, SWEEP_JOB } from '../core/replies/reply.service';
import { isStrictlyConfidential, mayPrintAction, type ReplyRecord } from '../core/replies/reply.types';
import { DeskError } from '../core/desk/desk.service';
import type { ScheduleDefinition } from '../jobs';
import type { JobRunner } from '../jobs';
import type { RegistersView, ReplyRow, ReplyView, replyChannels } from '../ipc';
import { norwegianHolidays } from './holiday-calendar';
import { maskPersonNumber } from './submission-view';

type ReplyChannelName = keyof typeof replyChannels;
type Input<C extends ReplyChannelName> = z.output<(typeof replyChannels)[C]['input']>;
export type ReplyHandlers = { [C in ReplyChannelName]: (input: Input<C>) => unknown };

const DAY = 86_400_000;
/** Caseworkers and leaders act on replies; an archivist or IT admin only looks. */
const mayAct = (u: DeskUser) => u.roles.includes('saksbehandler') || u.roles.includes('leder');
const replyKeySchema = z.object({ replyKey: z.string().min(1) });

export interface ReplyWiringDeps {
  runner: JobRunner;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  store: ReplyStore;
  cache: RegisterCache;
  timeline(submissionId: number, e: TimelineEvent): void;
  register: RegisterPort | null;
  correspondence: CorrespondencePort | null;
  print: PrintChannel | null;
  printRenderer: PrintRenderer;
  blob(sha256: string): Uint8Array | undefined;
  timezone: string;
  cacheHours: number;
  schedules: { poll: string; sweep: string };
  /** The case behind a reply, if the current user may see it (throws DeskError otherwise). */
  visibleCase(publicId: string): { submissionId: number; personNumber: string | null; profileId: string | null; applicantName: string | null; namedPersons: string[] };
  currentUser(): DeskUser;
  hiddenProfileIds(): string[];
  serviceName(profileId: string | null): string | null;
  caseNumber(submissionId: number): string | null;
  changed(publicId: string): void;
  /** Keeps the Altinn Events cursor. */
  meta?: { get(key: string): string | undefined; set(key: string, value: string): void };
}

const EVENT_CURSOR = 'correspondence.eventsCursor';

/** Replies: the jobs (send, poll, sweep, print, enrich), their schedules and the contract handlers. */
export function wireReplies(d: ReplyWiringDeps) {
  const calendar = norwegianHolidays();
  const localDate = (ms: number) => {
    const l = localParts(ms, d.timezone);
    return isoOf(l.y, l.m, l.d);
  };
  const registers = createRegisterService({ port: d.register, cache: d.cache, uow: d.uow, clock: d.clock, ttl: { personMs: d.cacheHours * 3_600_000, contactMs: d.cacheHours * 3_600_000 } });
  const outbox = { enqueue: (type: string, payload: unknown, key: string, options?: { runAfter?: number; maxAttempts?: number }) => void d.runner.enqueue(type, payload, key, options) };
  const service = createReplyService({
    store: d.store,
    timeline: d.timeline,
    registers,
    correspondence: d.correspondence,
    print: d.print,
    printRenderer: d.printRenderer,
    blob: d.blob,
    hash: (b) => createHash('sha256').update(b).digest('hex'),
    outbox,
    uow: d.uow,
    audit: d.audit,
    clock: d.clock,
    logger: d.logger,
    deadline: (sentAt, rule) => fallbackDeadline(sentAt, rule, { timeZone: d.timezone, calendar }),
    localDate,
    newKey: randomUUID,
    eventCursor: d.meta ? { get: () => d.meta!.get(EVENT_CURSOR) ?? null, set: (c) => d.meta!.set(EVENT_CURSOR, c) } : undefined,
  });

  const publicIdOf = (r: ReplyRecord) => r.replyKey;
  const notify = (r: ReplyRecord | undefined) => {
    if (r) d.changed(publicIdOf(r));
  };
  d.runner.define({
    type: SEND_JOB,
    schema: replyKeySchema,
    integration: 'correspondence',
    untilDelivered: true,
    handle: async ({ replyKey }) => {
      await service.send(replyKey);
      notify(d.store.byKey(replyKey));
    },
  });
  d.runner.define({
    type: PRINT_JOB,
    schema: replyKeySchema,
    integration: 'print',
    untilDelivered: true,
    handle: async ({ replyKey }) => {
      await service.print(replyKey);
      notify(d.store.byKey(replyKey));
    },
  });
  d.runner.define({
    type: POLL_JOB,
    schema: z.object({}).passthrough(),
    integration: 'correspondence',
    handle: async () => {
      // events first (cheap, and names exactly the replies that changed), then the rolling status poll
      await service.followEvents();
      await service.poll();
    },
  });
  d.runner.define({ type: SWEEP_JOB, schema: z.object({}).passthrough(), integration: 'correspondence', handle: async () => void (await service.sweep()) });
  d.runner.define({
    type: ENRICH_JOB,
    schema: z.object({ submissionId: z.number().int(), personNumbers: z.array(z.string().regex(/^\d{11}$/)).max(20) }),
    integration: 'registers',
    maxAttempts: 5,
    handle: ({ personNumbers }) => registers.enrich(personNumbers),
  });

  // read tracking and the sweep only mean something once replies go out through Altinn
  const schedules: ScheduleDefinition[] = d.correspondence
    ? [
        { name: 'replies.poll', cron: d.schedules.poll, jobType: POLL_JOB, enabled: true },
        { name: 'replies.sweep', cron: d.schedules.sweep, jobType: SWEEP_JOB, enabled: true },
      ]
    : [];

  const toRow = (r: ReplyRecord, s: { publicId: string; profileId: string | null; applicantName: string | null }): ReplyRow => ({
    publicId: s.publicId,
    serviceName: d.serviceName(s.profileId),
    applicantName: s.applicantName,
    personNumberMasked: 'personNumber' in r.recipient ? maskPersonNumber(r.recipient.personNumber) : r.recipient.organisationNumber,
    caseNumber: r.message.caseNumber ?? d.caseNumber(r.submissionId),
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

  const registersView = (personNumber: string | null, named: string[] = []): RegistersView => {
    if (!personNumber) return { person: null, contact: null };
    const c = registers.cached(personNumber);
    const p = c.person?.facts;
    const k = c.contact?.facts;
    return {
      person: p
        ? {
            name: p.name,
            status: p.status,
            address: isStrictlyConfidential(p.addressProtection) ? null : p.address,
            addressProtection: p.addressProtection,
            // Folkeregisteret names relatives by number only; the enrichment looked the children up too
            children: p.children.map((ch) => {
              const known = registers.cached(ch.personNumber).person?.facts;
              return {
                name: ch.name ?? known?.name ?? null,
                birthDate: ch.birthDate ?? known?.birthDate ?? null,
                personNumberMasked: maskPersonNumber(ch.personNumber) ?? '',
                inApplication: named.includes(ch.personNumber),
              };
            }),
            // a parent applying for a child Folkeregisteret does not give them: the caseworker should look twice
            notChildren: named.filter((n) => n !== personNumber && !p.children.some((ch) => ch.personNumber === n)).map((n) => maskPersonNumber(n) ?? ''),
            lookedUpAt: c.person!.fetchedAt,
          }
        : null,
      contact: k ? { state: k.state, reserved: k.reserved, canNotify: k.canNotify, email: k.email, mobile: k.mobile, lookedUpAt: c.contact!.fetchedAt } : null,
    };
  };

  const view = (publicId: string): ReplyView => {
    const c = d.visibleCase(publicId);
    const r = d.store.bySubmission(c.submissionId);
    const may = (action: 'hold' | 'resume' | 'stop') => mayAct(d.currentUser()) && !!r && mayPrintAction(action, r.state);
    return {
      reply: r ? toRow(r, { publicId, profileId: c.profileId, applicantName: c.applicantName }) : null,
      registers: registersView(c.personNumber, c.namedPersons),
      can: { hold: may('hold'), resume: may('resume'), stop: may('stop') },
    };
  };

  const act = (publicId: string, fn: (key: string, actor: { account: string; name: string }) => void): ReplyView => {
    const c = d.visibleCase(publicId);
    const user = d.currentUser();
    if (!mayAct(user)) throw new DeskError('forbidden', 'Bare saksbehandlere og ledere kan holde tilbake eller stoppe utskrift.');
    const r = d.store.bySubmission(c.submissionId);
    if (!r) throw new DeskError('conflict', 'Saken har ikke noe godkjent svar ennå.');
    try {
      fn(r.replyKey, { account: user.account, name: user.name });
    } catch (e) {
      if (e instanceof ReplyConflict) throw new DeskError('conflict', e.message);
      throw e;
    }
    d.changed(publicId);
    return view(publicId);
  };

  const handlers: ReplyHandlers = {
    'replies.list': (input) => {
      const hidden = d.hiddenProfileIds();
      const now = d.clock.now();
      const { items, total } = d.store.list({
        state: input.state,
        dueBefore: input.dueWithinDays !== undefined ? now + input.dueWithinDays * DAY : undefined,
        limit: input.limit,
        offset: input.offset,
        hiddenProfileIds: hidden,
      });
      return { items: items.map((x: ReplyListItem) => toRow(x, x)), total, counts: d.store.counts(hidden), dueSoon: d.store.dueSoon(now, 3 * DAY, hidden) };
    },
    'replies.stats': (input) => {
      const now = d.clock.now();
      const l = localParts(now, d.timezone);
      const offsetMin = Math.round((Date.UTC(l.y, l.m - 1, l.d, l.hh, l.mm, l.ss) - Math.floor(now / 1000) * 1000) / 60_000);
      const since = Date.UTC(l.y, l.m - 1, l.d) - offsetMin * 60_000 - (input.days - 1) * DAY;
      return { days: d.store.daily(since, now, offsetMin).slice(-input.days) };
    },
    'replies.get': (input) => view(input.publicId),
    'replies.hold': (input) => act(input.publicId, (k, a) => service.hold(k, a, input.reason)),
    'replies.resume': (input) => act(input.publicId, (k, a) => service.resume(k, a)),
    'replies.stop': (input) => act(input.publicId, (k, a) => service.stop(k, a, input.reason)),
    'replies.checkNow': () => {
      const now = d.clock.now();
      const ids = d.uow.transaction(() => [
        d.runner.enqueue(POLL_JOB, {}, `${POLL_JOB}:now:${now}`).job.id,
        d.runner.enqueue(SWEEP_JOB, {}, `${SWEEP_JOB}:now:${now}`).job.id,
      ]);
      return { jobIds: ids };
    },
  };

  return {
    service,
    registers,
    schedules,
    handlers,
    /** At ingest, in its transaction: look the applicant and the named children up. */
    enrichLater(submissionId: number, personNumbers: string[]): void {
      const unique = [...new Set(personNumbers.filter((p) => /^\d{11}$/.test(p)))].slice(0, 20);
      if (registers.configured() && unique.length) void d.runner.enqueue(ENRICH_JOB, { submissionId, personNumbers: unique }, enrichJobKey(submissionId));
    },
  };
}

export type ReplyWiring = ReturnType<typeof wireReplies>;
