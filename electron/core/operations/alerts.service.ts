import { classify } from '../errors';
import { redactText } from '../redact';
import type { AuditLog } from '../ports/audit-log.port';
import type { CertificateInfo } from '../ports/certificate-store.port';
import type { Clock } from '../ports/clock.port';
import type { DiskInfo } from '../ports/disk.port';
import type { IntegrationHealth } from '../ports/health.port';
import type { Logger } from '../ports/logger.port';
import type { MailPort } from '../ports/mail.port';
import type { Outbox } from '../ports/outbox.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import { certificateConditions, deadJobConditions, diskConditions, integrationConditions, type AlertRules, type Condition } from './alerts.conditions';
import { evaluate, isMailable } from './alerts.evaluator';
import { MAIL_JOB, mailJobKey, type MailPayload } from './alerts.jobs';
import { incidentMail, testMail } from './alerts.mail';
import type { AlertKind, AlertsStore, DeadJobGroup, Incident, MailState } from './alerts.types';

/** Where the evaluator looks. Each is read on its own: one that fails leaves its incidents as they were. */
export interface AlertSources {
  health(now: number): Promise<IntegrationHealth[]>;
  deadJobs(): Promise<DeadJobGroup[]>;
  certificates(): Promise<CertificateInfo[]>;
  disk(): Promise<DiskInfo>;
}

/** The mail side as configured now (read on every use, so a reloaded configuration counts at once). */
export interface AlertMailer {
  /** The SMTP adapter, or null when no server is configured. */
  port(): MailPort | null;
  recipients(): string[];
  /** "smtp.kommune.no:587 med STARTTLS" — for the test mail's answer. */
  describe(): string;
  /** The host name the stable Message-IDs are made under. */
  domain(): string;
}

export interface AlertsServiceDeps {
  store: AlertsStore;
  sources: AlertSources;
  outbox: Outbox;
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  rules(): AlertRules & { clearAfterMs: number; keepClearedMs: number };
  mailer: AlertMailer;
  installation: string;
}

export interface TestMailResult {
  ok: boolean;
  /** What happened, in words, with what to do when it failed. */
  message: string;
  /** The SMTP server's answer, when it gave one. */
  response: string | null;
  recipients: string[];
}

export interface EvaluationResult {
  opened: Incident[];
  cleared: Incident[];
}

export function createAlertsService(d: AlertsServiceDeps) {
  const mailReady = () => d.mailer.port() !== null && d.mailer.recipients().length > 0;

  /** Reads every source, decides, and writes the incidents with their mail jobs in one transaction. */
  async function evaluateNow(): Promise<EvaluationResult> {
    const now = d.clock.now();
    const rules = d.rules();
    const observed = new Set<AlertKind>();
    const conditions: Condition[] = [];
    const watch = async (kind: AlertKind, read: () => Promise<Condition[]>) => {
      try {
        conditions.push(...(await read()));
        observed.add(kind);
      } catch (e) {
        d.logger.log('warn', 'alerts: a source could not be read; its incidents are left as they are', { kind, error: redactText((e as Error).message) });
      }
    };
    await watch('integration', async () => integrationConditions(await d.sources.health(now), rules, now));
    await watch('job-dead', async () => deadJobConditions(await d.sources.deadJobs(), rules));
    await watch('certificate', async () => certificateConditions(await d.sources.certificates(), rules, now));
    await watch('disk', async () => diskConditions(await d.sources.disk(), rules));

    return d.uow.run(async () => {
      const ev = evaluate(await d.store.open(), conditions, observed, { now, clearAfterMs: rules.clearAfterMs });
      const result: EvaluationResult = { opened: [], cleared: [] };
      for (const t of ev.touch) await d.store.touch(t.incident.id, { ...t.text, lastSeenAt: t.lastSeenAt, clearPendingSince: t.clearPendingSince });
      for (const i of ev.clear) {
        // a recovery mail follows an alert mail: none when the alert was not mailed either
        const mail: MailState = i.openMail !== 'none' && isMailable(i.key) && mailReady() ? 'pending' : 'none';
        if (!(await d.store.clear(i.id, now, mail))) continue;
        if (mail === 'pending') await d.outbox.enqueue(MAIL_JOB, { incidentId: i.id, phase: 'clear' } satisfies MailPayload, mailJobKey(i.id, 'clear'));
        result.cleared.push({ ...i, clearedAt: now, clearMail: mail });
      }
      for (const o of ev.open) {
        const mail: MailState = isMailable(o.key) && mailReady() ? 'pending' : 'none';
        const i = await d.store.insert({ ...o, openedAt: now, openMail: mail });
        // undefined: another evaluation opened it first, and mailed it
        if (!i) continue;
        if (mail === 'pending') await d.outbox.enqueue(MAIL_JOB, { incidentId: i.id, phase: 'open' } satisfies MailPayload, mailJobKey(i.id, 'open'));
        result.opened.push(i);
      }
      await d.store.pruneCleared(now - rules.keepClearedMs);
      return result;
    });
  }

  /** The mail job: the alert or the recovery of one incident, written from the stored incident. */
  async function sendIncidentMail({ incidentId, phase }: MailPayload): Promise<void> {
    const i = await d.store.get(incidentId);
    // pruned long since, or already sent by an earlier run that died before its job was marked done
    if (!i || (phase === 'open' ? i.openMail : i.clearMail) === 'sent') return;
    const port = d.mailer.port();
    const to = d.mailer.recipients();
    if (!port || to.length === 0) {
      // the mail setup was removed after the job was queued: nobody to tell
      await d.store.setMail(i.id, phase, 'none', d.clock.now(), null);
      return;
    }
    const m = incidentMail(i, phase, { timeZone: d.rules().timeZone, installation: d.installation, now: d.clock.now() });
    try {
      await port.send({ to, ...m, messageId: `<alert-${i.id}-${phase}@${d.mailer.domain()}>` });
    } catch (e) {
      await d.store.setMail(i.id, phase, 'failed', d.clock.now(), redactText(classify(e).message));
      throw e;
    }
    await d.store.setMail(i.id, phase, 'sent', d.clock.now(), null);
  }

  /** "Send testvarsel": sends now, and says what the server answered or what went wrong. Audited (`actor` is the account; the mail names `actorName`). */
  async function sendTest(actor: string, actorName = actor): Promise<TestMailResult> {
    const recipients = d.mailer.recipients();
    const port = d.mailer.port();
    let result: TestMailResult;
    if (!port) {
      result = { ok: false, recipients, response: null, message: 'E-post er ikke satt opp. Legg inn kommunens SMTP-server under alerts.mail i konfigurasjonen (vert, port, avsender).' };
    } else if (recipients.length === 0) {
      result = { ok: false, recipients, response: null, message: 'Ingen mottakere. Legg inn e-postadressene som skal få varsler, under alerts.recipients i konfigurasjonen.' };
    } else {
      try {
        const r = await port.send({ to: recipients, ...testMail({ timeZone: d.rules().timeZone, installation: d.installation, now: d.clock.now(), actor: actorName }) });
        const refused = r.rejected.length ? ` Serveren avviste ${r.rejected.join(', ')}.` : '';
        result = {
          ok: r.rejected.length === 0,
          recipients,
          response: r.response,
          message: `Testvarselet er sendt til ${r.accepted.join(', ') || recipients.join(', ')} gjennom ${d.mailer.describe()}. SMTP-serveren svarte: «${r.response}».${refused}`,
        };
      } catch (e) {
        const c = classify(e);
        result = { ok: false, recipients, response: null, message: redactText(c.message) };
      }
    }
    await d.uow.run(() =>
      d.audit.append({ actor, action: 'alerts.test-mail', subject: 'alerts', details: { ok: result.ok, recipients: recipients.length, server: d.mailer.describe() } }, d.clock.now()),
    );
    return result;
  }

  async function acknowledge(id: number, actor: string): Promise<Incident | undefined> {
    return d.uow.run(async () => {
      const before = await d.store.get(id);
      if (!before) return undefined;
      const i = await d.store.acknowledge(id, d.clock.now(), actor);
      // only the first acknowledgement is recorded (a second click changes nothing)
      if (before.acknowledgedAt === null) await d.audit.append({ actor, action: 'alerts.acknowledge', subject: `alert:${id}`, details: { key: before.key } }, d.clock.now());
      return i;
    });
  }

  return {
    evaluate: evaluateNow,
    sendIncidentMail,
    sendTest,
    acknowledge,
    list: async (recentLimit: number) => ({ open: await d.store.open(), recent: await d.store.recent(recentLimit) }),
    counts: () => d.store.counts(),
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
