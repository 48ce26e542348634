import path from 'node:path';
import { channels, ERROR_CODES, isChannelName, type ChannelName, type EventName, type EventPayload, type HubResult, type JobSummary } from '../ipc';
import type { Clock } from '../core/ports/clock.port';
import { systemClock } from '../core/ports/clock.port';
import type { JobRecord } from '../core/ports/job-store.port';
import type { Logger } from '../core/ports/logger.port';
import { mathRandom, type Random } from '../core/ports/random.port';
import type { SecretStore } from '../core/ports/secret-store.port';
import type { Timers } from '../core/ports/timers.port';
import { redactText } from '../core/redact';
import { createJobRunner, createScheduler, type ScheduleDefinition } from '../jobs';
import { createArchiveRepo, createAuditRepo, createDeskRepo, createJobsRepo, createMetaRepo, createSchedulesRepo, createSubmissionsRepo, openStore, STORE_FILE } from '../store';
import { backupDirOf, BUILTIN_SCHEDULES, defineBuiltinJobs, type LastBackup } from './builtin-jobs';
import { altinn2ConfigSchema, altinnConfigSchema, archiveConfigSchema, correspondenceConfigSchema, printConfigSchema, registersConfigSchema, type AppConfig } from './config/config.schema';
import { createLogger } from './logger';
import { createIntegrations, createLetterRenderer, createReplyIntegrations, loadServiceProfiles, startDemoAltinn, startDemoArchive, startDemoReplies, type DemoAltinn, type DemoReplies, type ReplyIntegrations } from '../../integrations';
import { wireReplies } from './reply-wiring';
import { createRegisterCacheRepo, createRepliesRepo } from '../store';
import { wireArchive } from './archive-jobs';
import { createUserDirectory } from './desk-users';
import { wireDesk } from './desk-wiring';
import { DeskError } from '../core/desk/desk.service';
import { mapForm, parseProfile } from '../core/profiles';
import type { SourceKind } from '../core/ingest/submission';
import { wireIngest } from './ingest-jobs';
import { resourcesDir as findResources } from './resources-dir';
import { municipalityProfilesDir } from './profiles-admin';
import { toDetailDto, toSummaryDto, type ProfileLabels } from './submission-view';
import { layeredSecretStore } from './secrets/file-secret-store';
import { createMemorySecretStore } from './secrets/memory-secret-store';

export interface HubOptions {
  dataDir: string;
  config: AppConfig;
  demo: boolean;
  host: 'electron' | 'headless' | 'test';
  version: string;
  secrets: SecretStore;
  /** Who acts in the audit trail for actions from this host's UI. */
  actor: string;
  logger?: Logger;
  clock?: Clock;
  random?: Random;
  timers?: Timers;
  /** Start the job loops and the scheduler (default true). */
  autoStart?: boolean;
  /** In demo mode, start the Altinn and archive simulators with seeded data when none is configured (default true). */
  demoSimulators?: boolean;
  /**
   * Connect to the integrations: sources from the config (their secrets must resolve) and
   * the demo's simulators (default true). The CLI's read-only commands do not connect.
   */
  connect?: boolean;
  resourcesDir?: string;
}

export const realTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

type Handlers = { [C in ChannelName]: (input: import('zod').output<(typeof channels)[C]['input']>) => unknown };

const toSummary = (j: JobRecord): JobSummary => ({
  id: j.id,
  type: j.type,
  status: j.status,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  integration: j.integration,
  runAfter: j.runAfter,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
  lastError: j.lastError,
  lastErrorKind: j.lastErrorKind,
  abandoned: j.abandoned,
});

class NotFound extends Error {}

export async function createHub(o: HubOptions) {
  // the demo runs on its simulators' clock, so "advance the simulator clock" moves the deadlines too
  let demoClock: Clock | null = null;
  const clock: Clock = o.clock ?? (o.demo ? { now: () => (demoClock ? demoClock.now() : Date.now()) } : systemClock);
  // the full log goes to a file in the data folder; the terminal gets warnings and errors
  const logger = o.logger ?? createLogger({ level: o.config.logging.level, file: o.config.logging.file ?? path.join(o.dataDir, 'logs', 'postmottak.log') });
  const store = openStore(path.join(o.dataDir, STORE_FILE));
  const jobsRepo = createJobsRepo(store.db);
  const audit = createAuditRepo(store.db);
  const meta = createMetaRepo(store.db);
  const runner = createJobRunner({
    store: jobsRepo,
    uow: store,
    audit,
    clock,
    random: o.random ?? mathRandom,
    timers: o.timers ?? realTimers,
    logger,
    backoff: o.config.jobs.backoff,
    defaultMaxAttempts: o.config.jobs.maxAttempts,
    concurrency: o.config.jobs.concurrency,
    pollIntervalMs: o.config.jobs.pollIntervalMs,
  });
  const backupDir = backupDirOf(o.config, o.dataDir);
  defineBuiltinJobs({ runner, store, audit, meta, clock, backupDir, keep: o.config.backup.keep });

  // ---- integrations: profiles, the demo's simulators when nothing is configured, sources ----
  const resources = o.resourcesDir ?? findResources();
  const connect = o.connect !== false;
  let integrationsConfig = connect ? o.config.integrations : {};
  let secrets = o.secrets;
  let demoAltinn: DemoAltinn | null = null;
  let demoArchive: Awaited<ReturnType<typeof startDemoArchive>> | null = null;
  let integrations: Awaited<ReturnType<typeof createIntegrations>>;
  let demoReplies: DemoReplies | null = null;
  let replyIntegrations: ReplyIntegrations;
  try {
    const profiles = loadServiceProfiles(
      { resourcesDir: resources, profilesDir: municipalityProfilesDir(o.config, o.dataDir), altinnOrg: o.config.integrations.altinn?.org ?? 'kommune' },
      { parseProfile, logger },
    );
    if (connect && o.demo && o.demoSimulators !== false && !integrationsConfig.altinn && !integrationsConfig.altinn2) {
      demoAltinn = await startDemoAltinn({ profiles: profiles.all() });
      demoClock = demoAltinn.clock;
      // through the schemas, so the demo gets the same defaults as a written config; only the pace differs
      integrationsConfig = {
        altinn: altinnConfigSchema.parse({ ...demoAltinn.config.altinn, schedule: '* * * * *' }),
        altinn2: altinn2ConfigSchema.parse({ ...demoAltinn.config.altinn2, schedule: '*/2 * * * *' }),
      };
      secrets = layeredSecretStore(createMemorySecretStore(demoAltinn.secrets), secrets);
    }
    if (connect && o.demo && o.demoSimulators !== false && !integrationsConfig.archive) {
      demoArchive = await startDemoArchive({ resourcesDir: resources, workDir: path.join(o.dataDir, 'demo-archive') });
      integrationsConfig = { ...integrationsConfig, archive: archiveConfigSchema.parse(demoArchive.config) };
    }
    if (connect && o.demo && o.demoSimulators !== false && !integrationsConfig.correspondence && !integrationsConfig.registers && !integrationsConfig.print) {
      demoReplies = await startDemoReplies({ workDir: path.join(o.dataDir, 'demo-print'), altinn: demoAltinn, now: () => clock.now() });
      integrationsConfig = {
        ...integrationsConfig,
        ...(demoReplies.config.correspondence ? { correspondence: correspondenceConfigSchema.parse(demoReplies.config.correspondence) } : {}),
        registers: registersConfigSchema.parse(demoReplies.config.registers),
        print: printConfigSchema.parse(demoReplies.config.print),
      };
      secrets = layeredSecretStore(createMemorySecretStore(demoReplies.secrets), secrets);
    }
    replyIntegrations = await createReplyIntegrations(
      { altinn: integrationsConfig.altinn, correspondence: integrationsConfig.correspondence, registers: integrationsConfig.registers, print: integrationsConfig.print },
      { secrets, resourcesDir: resources, now: () => clock.now() },
    );
    integrations = await createIntegrations(
      { altinn: integrationsConfig.altinn, altinn2: integrationsConfig.altinn2, archive: integrationsConfig.archive, ingest: o.config.ingest },
      { secrets, logger, resourcesDir: resources, mapForm, profiles, now: () => clock.now() },
    );
  } catch (e) {
    // a hub that cannot start leaves nothing running or open behind it
    await demoAltinn?.close();
    await demoArchive?.close();
    await demoReplies?.close();
    store.close();
    throw e;
  }
  const submissions = createSubmissionsRepo(store.db);
  const archiveRepo = createArchiveRepo(store.db);
  const archive = wireArchive({
    runner,
    store: archiveRepo,
    submission: (id) => submissions.getById(id),
    profile: (id) => integrations.profiles.byId(id)?.profile,
    uow: store,
    audit,
    clock,
    logger,
    archive: integrations.archive,
  });

  const users = createUserDirectory({ access: o.config.access, demo: o.demo, account: o.actor });
  const deskRepo = createDeskRepo(store.db);
  const replyStore = createRepliesRepo(store.db);
  const correspondenceConfig = integrationsConfig.correspondence;
  const replies = wireReplies({
    runner,
    uow: store,
    audit,
    clock,
    logger,
    store: replyStore,
    cache: createRegisterCacheRepo(store.db),
    timeline: (id, e) => deskRepo.addEvent(id, e),
    register: replyIntegrations.register,
    correspondence: replyIntegrations.correspondence,
    print: replyIntegrations.print,
    printRenderer: replyIntegrations.printRenderer,
    blob: (sha) => archiveRepo.blob(sha),
    timezone: o.config.timezone,
    cacheHours: integrationsConfig.registers?.cacheHours ?? 24,
    schedules: { poll: correspondenceConfig?.pollSchedule ?? '*/15 * * * *', sweep: correspondenceConfig?.sweepSchedule ?? '*/10 * * * *' },
    visibleCase: (publicId) => {
      const sub = desk.service.submission(users.current(), publicId);
      // every fødselsnummer the application's lists name (the children of a kindergarten application, …)
      const lists = sub.formJson ? ((JSON.parse(sub.formJson) as { lists?: Record<string, Record<string, string | null>[]> }).lists ?? {}) : {};
      const namedPersons = [...new Set(Object.values(lists).flatMap((rows) => rows.flatMap((r) => Object.values(r).filter((v): v is string => !!v && /^\d{11}$/.test(v)))))];
      return { submissionId: sub.id, personNumber: sub.reportee.personNumber, profileId: sub.profileId, applicantName: sub.applicantName, namedPersons };
    },
    currentUser: () => users.current(),
    hiddenProfileIds: () => desk.hiddenProfileIds(),
    serviceName: (profileId) => labelsOf(profileId)?.name ?? null,
    caseNumber: (submissionId) => {
      const entry = archiveRepo.entriesOfSubmission(submissionId).find((e) => e.journalposttype === 'I');
      const cf = entry ? archiveRepo.caseFile(entry.caseFileId) : undefined;
      return cf?.archived ? `${cf.archived.saksaar}/${cf.archived.sakssekvensnummer}` : null;
    },
    changed: (publicId) => emit('replies.changed', { publicId }),
    meta,
  });
  const desk = wireDesk({
    store: deskRepo,
    replies: replies.service,
    correspondenceService: (profileId) => ({
      resourceId: correspondenceConfig ? (correspondenceConfig.resources[profileId] ?? correspondenceConfig.resourceId) : null,
      altinn2Service: correspondenceConfig?.altinn2 ? { serviceCode: correspondenceConfig.altinn2.serviceCode, serviceEdition: correspondenceConfig.altinn2.serviceEdition } : null,
    }),
    submissions,
    archiveStore: archiveRepo,
    archive: archive.service,
    profiles: integrations.profiles,
    letters: createLetterRenderer({ resourcesDir: resources }),
    users,
    municipality: { name: o.config.municipality?.name ?? (o.demo ? 'Demo kommune' : 'Kommunen'), orgNumber: o.config.municipality?.orgNumber ?? null },
    uow: store,
    audit,
    clock,
    labelOf: (profileId) => labelsOf(profileId)?.name ?? null,
  });

  type Listener = (name: EventName, payload: unknown) => void;
  const listeners = new Set<Listener>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    for (const l of listeners) l(name, payload);
  };
  runner.onUpdate((j) => emit('job.updated', { id: j.id, type: j.type, status: j.status }));

  const sourceSchedules = new Map<SourceKind, string>();
  if (integrationsConfig.altinn) sourceSchedules.set('altinn3', integrationsConfig.altinn.schedule);
  if (integrationsConfig.altinn2) sourceSchedules.set('altinn2', integrationsConfig.altinn2.schedule);
  const ingest = wireIngest({
    runner,
    store: submissions,
    uow: store,
    audit,
    clock,
    logger,
    config: o.config,
    sources: integrations.sources,
    schedules: sourceSchedules,
    profiles: integrations.profiles,
    forms: integrations.forms,
    // the archive registration is committed with the submission, so none is stored without it
    afterStore: (s) => {
      desk.service.open(s);
      if (!s.quarantined) {
        archive.service.registerIncoming(s.id);
        const sub = submissions.getById(s.id);
        const form = sub?.formJson ? (JSON.parse(sub.formJson) as { applicant?: { personNumber?: string | null } }) : null;
        const persons = [sub?.reportee.personNumber, form?.applicant?.personNumber].filter((p): p is string => !!p);
        replies.enrichLater(s.id, persons);
      }
    },
    onPolled: () => {
      const c = submissions.counts();
      emit('submissions.changed', { received: c.received, quarantined: c.quarantined });
    },
  });

  const schedulesRepo = createSchedulesRepo(store.db);
  const schedules: ScheduleDefinition[] = [...BUILTIN_SCHEDULES, ...ingest.schedules, ...replies.schedules].map((s) => ({ ...s, ...o.config.schedules[s.name] }));
  const scheduler = createScheduler({ runner, store: schedulesRepo, uow: store, clock, logger, timezone: o.config.timezone }, schedules);

  const labelsOf = (profileId: string | null): ProfileLabels | undefined => {
    const p = profileId ? integrations.profiles.byId(profileId)?.profile : undefined;
    if (!p) return undefined;
    const lang = o.config.ui.language;
    const pick = (t: { nb: string; nn?: string; en?: string } | undefined, fallback: string) => t?.[lang] ?? t?.nb ?? fallback;
    return {
      name: pick(p.name, p.id),
      fieldLabel: (k) => pick(p.fields[k]?.label, k),
      listLabel: (k) => pick(p.lists?.[k]?.label, k),
      listFieldLabel: (l, k) => pick(p.lists?.[l]?.fields[k]?.label, k),
    };
  };

  const archiveViewOf = (submissionId: number) => {
    const entries = archiveRepo.entriesOfSubmission(submissionId);
    const caseFile = entries[0] ? archiveRepo.caseFile(entries[0].caseFileId) : undefined;
    return caseFile ? { caseFile, entries } : null;
  };

  const startedAt = clock.now();
  const lastBackup = (): LastBackup | null => {
    const raw = meta.get('lastBackup');
    return raw ? (JSON.parse(raw) as LastBackup) : null;
  };

  const handlers: Handlers = {
    ...desk.handlers,
    ...replies.handlers,
    'system.status': () => ({
      version: o.version,
      demo: o.demo,
      host: o.host,
      startedAt,
      now: clock.now(),
      store: { sizeBytes: store.sizeBytes(), schemaVersion: store.schemaVersion(), auditEntries: audit.count() },
      jobs: jobsRepo.counts(),
      pausedIntegrations: jobsRepo.activePauses(clock.now()),
      waiting: jobsRepo.waiting().map((w) => ({ ...w, lastError: w.lastError ? redactText(w.lastError) : null })),
      schedules: schedules.map((s) => ({
        name: s.name,
        cron: s.cron,
        jobType: s.jobType,
        enabled: s.enabled,
        lastRunAt: schedulesRepo.get(s.name)?.lastEnqueuedAt ?? null,
        nextRunAt: scheduler.nextRun(s.name),
      })),
      lastBackup: lastBackup(),
      // read-only commands do not connect: the configured transport is still what is set up
      archive: { transport: archive.transport ?? (o.config.integrations.archive?.enabled ? o.config.integrations.archive.transport : null), entries: archiveRepo.counts() },
    }),
    'jobs.list': (input) => jobsRepo.list({ status: input.status, limit: input.limit }).map(toSummary),
    'jobs.retry': (input) => {
      const j = runner.retry(input.id, o.actor);
      if (!j) throw new NotFound(`Fant ingen død jobb med id ${input.id}.`);
      return toSummary(j);
    },
    'jobs.abandon': (input) => {
      const j = runner.abandon(input.id, o.actor);
      if (!j) throw new NotFound(`Fant ingen død jobb med id ${input.id}.`);
      return toSummary(j);
    },
    'schedules.runNow': (input) => {
      const r = scheduler.runNow(input.name);
      if (!r) throw new NotFound(`Ukjent tidsplan «${input.name}».`);
      store.transaction(() =>
        audit.append({ actor: o.actor, action: 'schedule.run-now', subject: `schedule:${input.name}`, details: {} }, clock.now()),
      );
      emit('status.changed', { reason: 'schedule.run-now' });
      return { jobId: r.job.id, created: r.created };
    },
    'audit.verify': () => audit.verify(),
    'submissions.list': (input) => ({
      items: submissions.list({ status: input.status, limit: input.limit, offset: input.offset, hiddenProfileIds: desk.hiddenProfileIds() }).map((x) => toSummaryDto(x, labelsOf(x.profileId))),
      counts: submissions.counts(),
    }),
    'submissions.get': (input) => {
      // through the desk: a screened case the user may not see is "not found", and the refusal is audited
      const d = desk.service.submission(users.current(), input.publicId);
      return toDetailDto(d, labelsOf(d.profileId), archiveViewOf(d.id));
    },
    'ingest.pollNow': (input) => {
      if (input.source && !ingest.sources.includes(input.source)) throw new NotFound(`Kilden ${input.source} er ikke satt opp.`);
      const jobIds = store.transaction(() => ingest.pollNow(input.source));
      return { jobIds };
    },
  };

  /** The one entry every host uses: validates channel and input, never throws. */
  async function invoke(channel: unknown, rawInput: unknown): Promise<HubResult<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: ERROR_CODES.unknownChannel, message: `Ukjent kanal: ${String(channel).slice(0, 80)}` } };
    }
    const spec = channels[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: ERROR_CODES.badInput, message: `Ugyldig forespørsel til ${channel}: ${msg}` } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (e) {
      if (e instanceof NotFound) return { ok: false, error: { code: ERROR_CODES.notFound, message: e.message } };
      if (e instanceof DeskError) return { ok: false, error: { code: ERROR_CODES[e.code === 'not-found' ? 'notFound' : e.code], message: e.message } };
      logger.log('error', 'invoke failed', { channel, error: redactText((e as Error).message) });
      return { ok: false, error: { code: ERROR_CODES.internal, message: 'Noe gikk galt i Postmottak. Feilen er logget.' } };
    }
  }

  let started = false;
  let stopped = false;
  async function start(): Promise<void> {
    if (started) return;
    started = true;
    runner.start();
    scheduler.start();
    // entries registered while no archive was configured get their jobs now
    const queued = archive.service.ensureJobs();
    if (queued) logger.log('info', 'archive jobs queued for waiting entries', { count: queued });
    const waitingReplies = [...replyStore.list({ state: 'queued', limit: 500, offset: 0, hiddenProfileIds: [] }).items, ...replyStore.list({ state: 'printing', limit: 500, offset: 0, hiddenProfileIds: [] }).items];
    const replyJobs = replies.service.ensureJobs(waitingReplies);
    if (replyJobs) logger.log('info', 'reply jobs queued', { count: replyJobs });
    // fetch at once on start rather than waiting for the first slot
    if (ingest.sources.length) store.transaction(() => ingest.pollNow());
    logger.log('info', 'hub started', { host: o.host, demo: o.demo, schemaVersion: store.schemaVersion() });
  }
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    await scheduler.stop();
    await runner.stop();
    await integrations.close();
    await replyIntegrations.close();
    await demoReplies?.close();
    await demoAltinn?.close();
    await demoArchive?.close();
    store.close();
  }
  if (o.autoStart !== false) await start();

  return {
    invoke,
    onEvent(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    start,
    stop,
    store,
    runner,
    scheduler,
    audit,
    secrets,
    submissions,
    ingest,
    archive: { ...archive, store: archiveRepo },
    desk,
    users,
    integrations,
    demoAltinn,
    demoArchive,
    demoReplies,
    replies: { ...replies, store: replyStore },
    dataDir: o.dataDir,
    backupDir,
  };
}

export type Hub = Awaited<ReturnType<typeof createHub>>;
