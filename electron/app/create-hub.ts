import os from 'node:os';
import path from 'node:path';
import { profileAccessOf } from '../core/desk/access-policy';
import { createCaseAccess } from '../core/desk/case-access';
import { mathRandom } from '../core/ports/random.port';
import { createJobRunner, createScheduler } from '../jobs';
import { createRepos } from '../store';
import { exportDirOf } from './admin/archivist-export';
import { backupDirOf } from './admin/backups';
import { connectIntegrations } from './connect-integrations';
import { hubClock } from './demo-mode';
import { createUserDirectory } from './desk-users';
import type { FeatureDeps } from './feature';
import { wireArchive } from './features/archive.feature';
import { wireAlerts } from './features/alerts.feature';
import { wireArchivist } from './features/archivist.feature';
import { wireHealth } from './features/health.feature';
import { wireIntegrationsAdmin } from './features/integrations-admin.feature';
import { wireLogs } from './features/logs.feature';
import { wireSecrets } from './features/secrets.feature';
import { wireUpdates } from './features/updates.feature';
import { wireUpkeep } from './features/upkeep.feature';
import { wireDesigner } from './features/designer.feature';
import { wireDesk } from './features/desk.feature';
import { wireIngest } from './features/ingest.feature';
import { wireQuarantine } from './features/quarantine.feature';
import { wireReplies } from './features/replies.feature';
import { wireRules } from './features/rules.feature';
import { wireRouting } from './features/routing.feature';
import { SYSTEM_SCHEDULES, wireSystem } from './features/system.feature';
import { createHubEvents } from './hub-events';
import { realTimers, type HubOptions } from './hub-options';
import { createInvoke, type Handlers } from './invoke';
import { createLogger } from './logger';
import { openHubStore } from './open-hub-store';
import { ensurePrivateDir } from './paths';
import { resourcesDir as findResources } from './resources-dir';
import { profileLabels } from './views/profile-labels';

/** The leader lock whose holder drives the schedules. */
export const SCHEDULES_LEADER = 'schedules';

/** The composition root: opens the store, builds the runner, the integrations and the scheduler, wires each feature, starts and stops. */
export async function createHub(o: HubOptions) {
  const hc = hubClock(o);
  const clock = hc.clock;
  // owner-only data folder (#12 item 10), created or tightened before anything is written into it
  const dataDir = ensurePrivateDir(o.dataDir);
  // the full log goes to a file in the data folder; the terminal gets warnings and errors
  const logFile = o.config.logging.file ?? path.join(o.dataDir, 'logs', 'postmottak.log');
  // a log this hub opened itself is closed when it stops (a host that reloads hands one log to all its hubs)
  const ownLog = o.logger ? null : createLogger({ ...o.config.logging, file: logFile });
  const logger = o.logger ?? ownLog!;
  if (dataDir.tightenedFrom) logger.log('warn', 'data folder tightened to owner only (0700)', { dir: o.dataDir, was: dataDir.tightenedFrom });
  // this process among the hub nodes sharing a store: the owner of its job leases and leader locks
  const node = o.node ?? `${os.hostname()}:${process.pid}`;
  const { store, leadership, subscribeJobs } = await openHubStore(o.config.store, { dataDir: o.dataDir, secrets: o.secrets, logger, node });
  const repos = createRepos(store);
  const { jobs: jobsConfig } = o.config;
  const runner = createJobRunner({
    store: repos.jobs,
    uow: store.uow,
    node,
    shared: store.shared,
    ...(subscribeJobs ? { subscribe: subscribeJobs } : {}),
    audit: repos.audit,
    clock,
    random: o.random ?? mathRandom,
    timers: o.timers ?? realTimers,
    logger,
    backoff: jobsConfig.backoff,
    defaultMaxAttempts: jobsConfig.maxAttempts,
    concurrency: jobsConfig.concurrency,
    pollIntervalMs: jobsConfig.pollIntervalMs,
    leaseMs: jobsConfig.leaseMs,
  });
  const links = await connectIntegrations(o, { clock: hc, logger, resourcesDir: o.resourcesDir ?? findResources() }).catch(async (e: unknown) => {
    // a hub that cannot start leaves nothing running or open behind it
    await store.close();
    throw e;
  });
  const { profiles } = links.intake;
  // events go only to what the current desk user may see (deps are read when an event is emitted)
  const events = createHubEvents({ user: () => deps.users.current(), maySeeCase: (user, publicId) => deps.cases.maySee(user, publicId) });
  const deps: FeatureDeps = {
    host: { demo: o.demo, host: o.host, version: o.version, actor: o.actor, node },
    config: o.config,
    store,
    repos,
    runner,
    outbox: { enqueue: async (type, payload, key, options) => void (await runner.enqueue(type, payload, key, options)) },
    leadership,
    clock,
    logger,
    links,
    users: createUserDirectory({ access: o.config.access, demo: o.demo, account: o.actor }),
    labels: profileLabels(profiles, o.config.ui.language),
    cases: createCaseAccess({ store: repos.desk, submission: (id) => repos.submissions.get(id), profile: (id) => profiles.byId(id)?.profile, profileAccess: () => profiles.all().map(profileAccessOf), uow: store.uow, audit: repos.audit, clock }),
    emit: events.emit,
  };
  runner.onUpdate((j) => events.emit('job.updated', { id: j.id, type: j.type, status: j.status }));

  // the order resolves what features need from each other: routing before the archive and the desk (whose steps hand applications over),
  // replies before the desk (which dispatches them), ingest last (it opens the others' work)
  const routing = wireRouting(deps);
  // rules (#15) decide automatically through the desk's service, which is wired after the archive: bound late
  const rules = wireRules({ ...deps, desk: { decideByRules: (publicId, r) => desk.service.decideByRules(publicId, r), finishByRules: (publicId) => desk.service.finishByRules(publicId) } });
  const archive = wireArchive({
    ...deps,
    onArchived: async (e) => {
      await routing.service.onArchived(e);
      await rules.onArchived(e);
    },
  });
  const replies = wireReplies(deps);
  const desk = wireDesk({ ...deps, archive: archive.service, replies: replies.service, onDecisionFinal: routing.service.onDecisionFinal });
  const onStored = [desk.onStored, archive.onStored, replies.onStored, rules.onStored];
  const ingest = wireIngest({ ...deps, onStored });
  // a quarantined submission that becomes a case gets what a received one gets at ingest (#13 item 13)
  const quarantine = wireQuarantine({ ...deps, onAccepted: onStored });
  const designer = wireDesigner(deps);
  const archivist = wireArchivist({ ...deps, exportDir: exportDirOf(o.config, o.dataDir) });
  // #17 IT administration: health, secrets and certificates, alerts, logs, store upkeep, updates, the Integrasjoner screen
  const health = wireHealth(deps);
  const secrets = wireSecrets({ ...deps, secrets: links.secrets, health: health.reader, reload: o.reload ?? null });
  const logs = wireLogs({ ...deps, logFile, dataDir: o.dataDir, health: async () => health.handlers['health.get']({}), status: async () => system.handlers['system.status']({}) });
  const upkeep = wireUpkeep({ ...deps, dataDir: o.dataDir });
  const alerts = wireAlerts({ ...deps, dataDir: o.dataDir, health: health.reader, certificates: secrets.certificates, disk: () => upkeep.disk() });
  const updates = wireUpdates({ ...deps, updater: o.updater ?? null });
  const integrationsAdmin = wireIntegrationsAdmin({ ...deps, configFile: o.configFile ?? null, reload: o.reload ?? null });
  const features = [ingest, replies, archive, desk, quarantine, routing, rules, archivist, health, secrets, alerts, logs, upkeep, updates, integrationsAdmin];
  const schedules = [...SYSTEM_SCHEDULES, ...features.flatMap((f) => f.schedules)]
    // a team database is backed up by its own tools (pg_dump, replication), not by a hub node
    .map((s) => (s.name === 'store.backup' && store.kind !== 'sqlite' ? { ...s, enabled: false } : s))
    .map((s) => ({ ...s, ...o.config.schedules[s.name] }));
  // with several nodes on one store, the one holding 'schedules' enqueues; the others take over if it dies
  const scheduler = createScheduler(
    { runner, store: repos.schedules, uow: store.uow, clock, logger, timezone: o.config.timezone, leader: () => leadership.holds(SCHEDULES_LEADER) },
    schedules,
  );
  const backupDir = backupDirOf(o.config, o.dataDir);
  const system = wireSystem({ ...deps, scheduler, backupDir, archiveTransport: archive.transport, internalTargets: () => links.internal.targets });
  const all = [system, ...features];
  for (const f of all) for (const j of f.jobs) runner.define(j);
  const handlers: Handlers = { ...desk.handlers, ...replies.handlers, ...system.handlers, ...ingest.handlers, ...quarantine.handlers, ...routing.handlers, ...designer.handlers, ...rules.handlers, ...archivist.handlers, ...health.handlers, ...secrets.handlers, ...alerts.handlers, ...logs.handlers, ...upkeep.handlers, ...updates.handlers, ...integrationsAdmin.handlers };

  let started = false;
  let stopped = false;
  async function start(): Promise<void> {
    if (started) return;
    started = true;
    leadership.start([SCHEDULES_LEADER]);
    await runner.start();
    await scheduler.start();
    for (const f of [archive, replies, designer, rules, routing, ingest, health, secrets, alerts, logs, upkeep, updates, integrationsAdmin]) await f.onStart?.();
    logger.log('info', 'hub started', { host: o.host, demo: o.demo, node, store: store.kind, schemaVersion: await store.schemaVersion() });
  }
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    await scheduler.stop();
    await runner.stop();
    for (const f of all) await f.onStop?.();
    await links.close();
    await leadership.stop();
    await store.close();
    ownLog?.close();
  }
  if (o.autoStart !== false) await start();

  return {
    invoke: createInvoke(handlers, logger, deps.users),
    onEvent: events.on,
    start,
    stop,
    store,
    runner,
    scheduler,
    /** This node's name among the hub nodes on the store, and who of them holds which leader name (#19). */
    node,
    leadership,
    audit: repos.audit,
    secrets: links.secrets,
    submissions: repos.submissions,
    ingest,
    archive: { ...archive, store: repos.archive },
    desk,
    users: deps.users,
    integrations: links.intake,
    demoAltinn: links.demo?.demoAltinn ?? null,
    demoArchive: links.demo?.demoArchive ?? null,
    demoReplies: links.demo?.demoReplies ?? null,
    replies: { ...replies, store: repos.replies },
    /** #15: hand-overs to the internal systems, their store, and the connected targets. */
    routing: { ...routing, store: repos.handovers, designs: repos.designs, internal: links.internal },
    /** #16: the archivist's desk, its store and the local archive record read back. */
    archivist: { ...archivist, store: repos.archivist },
    dataDir: o.dataDir,
    backupDir,
    metrics: health.metrics, metricsBearer: health.metricsBearer, healthy: health.healthy,
    /** #17 item 4: the alerts service, and the demo's SMTP simulator (null outside the demo) where the alert mails land. */
    alerts: { service: alerts.service, demoMail: links.demo?.demoMail ?? null },
  };
}

export type Hub = Awaited<ReturnType<typeof createHub>>;
