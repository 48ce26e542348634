import { EVALUATE_JOB, EVALUATE_SCHEDULE, MAIL_JOB, evaluatePayload, mailPayload } from '../../core/operations/alerts.jobs';
import { createAlertsService, type AlertMailer, type AlertsService } from '../../core/operations/alerts.service';
import type { Incident } from '../../core/operations/alerts.types';
import type { CertificateList } from '../../core/ports/certificate-store.port';
import type { DiskWatch } from '../../core/ports/disk.port';
import type { HealthReader } from '../../core/ports/health.port';
import type { MailPort } from '../../core/ports/mail.port';
import type { IncidentDto, MailSetupDto, alertsChannels } from '../../ipc/alerts.contract';
import { createSmtpMailAdapter, mailConfigSchema, type MailConfig } from '../../../integrations';
import { diskLimitOf } from '../config/alerts.config';
import { job, type Feature, type FeatureDeps } from '../feature';
import { NotFound } from '../invoke';

type AlertsChannel = keyof typeof alertsChannels;

type AlertsFeatureDeps = Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'outbox' | 'clock' | 'logger' | 'users' | 'emit'> & {
  links: Pick<FeatureDeps['links'], 'secrets' | 'demo'>;
  dataDir: string;
  health: HealthReader;
  certificates: CertificateList;
  disk: DiskWatch['disk'];
};

export interface AlertsFeature extends Feature<AlertsChannel> {
  service: AlertsService;
}

const DAY = 86_400_000;

/** "smtp.kommune.no:587 med STARTTLS". */
const describeServer = (c: MailConfig): string =>
  `${c.host}:${c.port} ${c.security === 'starttls' ? 'med STARTTLS' : c.security === 'tls' ? 'med TLS' : 'uten kryptering'}`;

/**
 * Alerts (#17 item 4). Every minute a schedule enqueues `alerts.evaluate`, which reads health, the
 * dead jobs, the certificates and the disk, and opens or clears incidents (core's evaluator) with
 * their mails as `alerts.mail` jobs keyed `alert:<id>:open` / `alert:<id>:clear` in the same
 * transaction: a crash neither loses a mail nor queues it twice. The mails go through the
 * configured SMTP server (alerts.mail); in the demo, when none is configured, through the demo's
 * SMTP simulator to it-drift@demo.kommune.no.
 */
export function wireAlerts(d: AlertsFeatureDeps): AlertsFeature {
  const cfg = d.config.alerts;
  const demoMail = d.links.demo?.demoMail ?? null;
  // the written section wins; the demo's simulator stands in only where nothing is written
  const usingDemo = !cfg.mail && demoMail !== null;
  const mailConfig: MailConfig | null = cfg.mail ?? (demoMail ? mailConfigSchema.parse(demoMail.config.mail) : null);
  const recipients = cfg.recipients.length > 0 ? cfg.recipients : usingDemo ? demoMail!.config.recipients : [];
  const port: MailPort | null = mailConfig ? createSmtpMailAdapter(mailConfig, { secrets: d.links.secrets }) : null;
  const mailer: AlertMailer = {
    port: () => port,
    recipients: () => recipients,
    describe: () => (mailConfig ? describeServer(mailConfig) : 'ingen SMTP-server'),
    domain: () => mailConfig?.from.split('@')[1] ?? 'postmottak.invalid',
  };
  const service = createAlertsService({
    store: d.repos.alerts,
    sources: {
      health: (now) => d.health.integrations(now),
      deadJobs: () => d.repos.alerts.deadJobs(),
      certificates: () => d.certificates.list(),
      disk: () => d.disk(),
    },
    outbox: d.outbox,
    uow: d.store.uow,
    audit: d.repos.audit,
    clock: d.clock,
    logger: d.logger,
    rules: () => ({
      failingAfterMs: cfg.failingAfterMinutes * 60_000,
      clearAfterMs: cfg.clearAfterMinutes * 60_000,
      certificateWarnDays: cfg.certificateWarnDays,
      disk: diskLimitOf(cfg),
      timeZone: d.config.timezone,
      keepClearedMs: cfg.keepClearedDays * DAY,
    }),
    mailer,
    installation: d.config.municipality?.name ?? (d.host.demo ? 'Demo kommune' : 'Postmottak'),
  });
  const actor = () => d.users.current().account;
  const nameOf = (account: string | null) => (account === null ? null : (d.users.byAccount(account)?.name ?? account));
  const changed = () => d.emit('status.changed', { reason: 'alerts.changed' });

  const toDto = (i: Incident): IncidentDto => ({
    id: i.id,
    key: i.key,
    kind: i.kind,
    title: i.title,
    message: i.message,
    advice: i.advice,
    openedAt: i.openedAt,
    lastSeenAt: i.lastSeenAt,
    clearPendingSince: i.clearPendingSince,
    clearedAt: i.clearedAt,
    acknowledgedAt: i.acknowledgedAt,
    acknowledgedBy: nameOf(i.acknowledgedBy),
    mail: { open: i.openMail, openAt: i.openMailAt, clear: i.clearMail, clearAt: i.clearMailAt, error: i.mailError },
  });

  const mailSetup = (): MailSetupDto => ({
    configured: mailConfig !== null,
    host: mailConfig?.host ?? null,
    port: mailConfig?.port ?? null,
    security: mailConfig?.security ?? null,
    encrypted: mailConfig !== null && mailConfig.security !== 'none',
    username: mailConfig?.username ?? null,
    from: mailConfig?.from ?? null,
    recipients,
    demo: usingDemo,
  });

  return {
    service,
    schedules: [{ name: EVALUATE_SCHEDULE.name, cron: EVALUATE_SCHEDULE.cron, jobType: EVALUATE_JOB, enabled: cfg.enabled }],
    jobs: [
      job({
        type: EVALUATE_JOB,
        schema: evaluatePayload,
        // the next minute's run looks again: a failed evaluation is not retried for long
        maxAttempts: 2,
        handle: async () => {
          if (!cfg.enabled) return;
          const r = await service.evaluate();
          if (r.opened.length || r.cleared.length) {
            d.logger.log('info', 'alerts evaluated', { opened: r.opened.map((i) => i.key), cleared: r.cleared.map((i) => i.key) });
            changed();
          }
        },
      }),
      job({
        type: MAIL_JOB,
        schema: mailPayload,
        integration: 'smtp',
        // an alert mail is worth sending when the server returns; the key names one incident, which never comes back
        untilDelivered: true,
        keyMayReturn: false,
        handle: (p) => service.sendIncidentMail(p),
      }),
    ],
    handlers: {
      'alerts.list': async ({ recentLimit }) => {
        const l = await service.list(recentLimit);
        return {
          enabled: cfg.enabled,
          open: l.open.map(toDto),
          recent: l.recent.map(toDto),
          mail: mailSetup(),
          rules: {
            failingAfterMinutes: cfg.failingAfterMinutes,
            clearAfterMinutes: cfg.clearAfterMinutes,
            certificateWarnDays: cfg.certificateWarnDays,
            diskMinFreePercent: cfg.disk.minFreePercent,
            diskMinFreeMiB: cfg.disk.minFreeMiB,
          },
          checkedAt: d.clock.now(),
        };
      },
      'alerts.count': () => service.counts(),
      'alerts.acknowledge': async ({ id }) => {
        const i = await service.acknowledge(id, actor());
        if (!i) throw new NotFound(`Fant ikke varsel nr. ${id}.`);
        changed();
        return toDto(i);
      },
      'alerts.sendTest': () => service.sendTest(actor(), d.users.current().name),
    },
  };
}
