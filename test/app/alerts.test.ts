// #17 item 4: alerts through the real hub with a fake clock and the SMTP simulator: one mail per incident, one recovery, no flood, no fødselsnummer.
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Hub } from '../../electron/app/create-hub';
import { IntegrationError } from '../../electron/core/errors';
import type { AlertsListDto, TestMailResultDto } from '../../electron/ipc/alerts.contract';
import { startSmtpSimulator, type ReceivedMail, type SmtpSimulator } from '../../integrations/mail/simulator/smtp.simulator';
import { FakeClock, manualTimers } from '../helpers/fake-clock';
import { tempDir } from '../helpers/temp-dir';
import { testHub } from '../helpers/test-hub';
import { storeKinds, type StoreKind } from '../helpers/test-store';

const MIN = 60_000;
const DAY = 86_400_000;
/** Fødselsnummer-shaped (not checked for mod 11). */
const FNR = '01017012345';

let sim: SmtpSimulator;
beforeAll(async () => {
  sim = await startSmtpSimulator();
});
afterAll(() => sim?.close());

let hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs) await h.stop();
  hubs = [];
});

let n = 0;
/**
 * The test hub on a fake clock, driven by hand (no loops, no scheduler ticks), mailing to the SMTP
 * simulator over STARTTLS to a recipient of its own, as Ida from IT. The disk alert is off (this
 * machine's disk is not the test's), the hysteresis 5 minutes unless given.
 */
async function alertsHub(alerts: Record<string, unknown> = {}, store: StoreKind = 'sqlite') {
  const clock = new FakeClock(Date.UTC(2026, 11, 7, 8, 0, 0));
  const to = `it-drift-${++n}@demo.kommune.no`;
  const ca = path.join(tempDir('pm-alerts-ca-'), 'ca.pem');
  fs.writeFileSync(ca, sim.certPem);
  const { hub } = await testHub(
    { clock, timers: manualTimers, autoStart: false },
    {
      jobs: { pollIntervalMs: 50, backoff: { baseMs: 1000, factor: 2, maxMs: 30_000, jitter: 0 } },
      alerts: {
        recipients: [to],
        // generous timeouts: a loaded test machine must not turn a slow handshake into a retry the fake clock never reaches
        mail: { host: sim.host, port: sim.port, from: 'postmottak@demo.kommune.no', ca, connectionTimeoutMs: 30_000, greetingTimeoutMs: 30_000, socketTimeoutMs: 30_000 },
        disk: { minFreePercent: 0, minFreeMiB: 0 },
        ...alerts,
      },
    },
    { store },
  );
  hubs.push(hub);
  expect(hub.users.switchTo('ida')).toBeDefined();
  let slot = 0;
  const mails = () => sim.messages().filter((m) => m.to.includes(to));
  return {
    hub,
    clock,
    to,
    mails,
    /** Runs what is due now, with one evaluation (as the minute's schedule would enqueue it). */
    async evaluate() {
      await hub.runner.enqueue('alerts.evaluate', {}, `test-evaluate:${slot++}`);
      await hub.runner.runDue();
    },
    /** Moves the clock a minute at a time, evaluating each minute. */
    async minutes(count: number) {
      for (let i = 0; i < count; i++) {
        clock.advance(MIN);
        await this.evaluate();
      }
    },
    async ok<T>(channel: string, input: unknown = {}): Promise<T> {
      const r = await hub.invoke(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    },
  };
}

const subjects = (ms: ReceivedMail[]) => ms.map((m) => m.subject);
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/;

describe('#17: alerts through the hub and the SMTP simulator', () => {
  it('the archive failing past the configured time gives exactly one alert mail; still failing none more; recovering one recovery mail', async () => {
    const t = await alertsHub({ failingAfterMinutes: 15, clearAfterMinutes: 5 });
    let failing = true;
    // an archive delivery whose archive does not answer; its error names the applicant
    t.hub.runner.define({
      type: 'test.archive-deliver',
      schema: z.object({}),
      integration: 'archive',
      untilDelivered: true,
      handle: () => {
        if (failing) throw new IntegrationError('transient', `Arkivet svarte ikke (søknad fra ${FNR}): connect ECONNREFUSED 127.0.0.1:9`);
      },
    });
    await t.hub.runner.enqueue('test.archive-deliver', {}, 'delivery-1');
    await t.evaluate();
    await t.minutes(14);
    expect(t.mails()).toEqual([]);
    expect((await t.ok<AlertsListDto>('alerts.list')).open).toEqual([]);

    await t.minutes(1);
    // the mail job ran in the same minute and the server took it (a failure would show here in words)
    expect((await t.ok<AlertsListDto>('alerts.list')).open[0]!.mail).toMatchObject({ open: 'sent', error: null });
    const alert = await sim.waitFor((m) => m.to.includes(t.to));
    expect(alert.subject).toBe('[Postmottak] Varsel: Sak/arkiv feiler');
    expect(alert.secure).toBe(true);
    expect(alert.text).toContain('Alle forsøk mot sak/arkiv har feilet siden 07.12.2026 kl. 09:00 (15 min).');
    expect(alert.text).toContain('Hva du gjør:\nTjenesten svarer ikke.');
    // the fødselsnummer in the error is masked in the mail, the stored incident and the list
    expect(alert.raw).not.toMatch(ELEVEN_DIGITS);
    expect(alert.text).toContain('010170*****');

    // still failing for another half hour: the same incident, no second mail
    await t.minutes(30);
    expect(subjects(t.mails())).toEqual(['[Postmottak] Varsel: Sak/arkiv feiler']);
    const list = await t.ok<AlertsListDto>('alerts.list');
    expect(list.open).toHaveLength(1);
    expect(list.open[0]).toMatchObject({ key: 'integration:archive', kind: 'integration', mail: { open: 'sent', clear: null } });
    expect(list.open[0]!.message).toContain('(45 min)');
    expect(JSON.stringify(list)).not.toMatch(ELEVEN_DIGITS);

    // the archive answers again: the delivery goes through; the incident clears after the hysteresis, with one recovery mail
    failing = false;
    await t.minutes(1);
    expect((await t.ok<AlertsListDto>('alerts.list')).open[0]!.clearPendingSince).not.toBeNull();
    await t.minutes(3);
    expect(t.mails()).toHaveLength(1);
    await t.minutes(10);
    expect(subjects(t.mails())).toEqual(['[Postmottak] Varsel: Sak/arkiv feiler', '[Postmottak] Løst: Sak/arkiv feiler']);
    const recovery = t.mails()[1]!;
    expect(recovery.text).toMatch(/Problemet er borte\. Det varte fra 07\.12\.2026 kl\. 09:15 til 07\.12\.2026 kl\. 09:5\d/);
    expect(recovery.raw).not.toMatch(ELEVEN_DIGITS);
    const after = await t.ok<AlertsListDto>('alerts.list');
    expect(after.open).toEqual([]);
    expect(after.recent).toEqual([expect.objectContaining({ key: 'integration:archive', mail: expect.objectContaining({ open: 'sent', clear: 'sent' }) })]);
    // each mail carries the same Message-ID however often it would be sent: alert:<id>:<phase>
    expect(alert.headers['message-id']).toBe(`<alert-${after.recent[0]!.id}-open@demo.kommune.no>`);
  });

  it('a dead job gives one alert (its error masked), abandoning it gives one recovery', async () => {
    const t = await alertsHub({ clearAfterMinutes: 0 });
    t.hub.runner.define({
      type: 'test.export',
      schema: z.object({ n: z.number() }),
      handle: () => {
        throw new IntegrationError('permanent', `Uttrekket stoppet på søker ${FNR}`);
      },
    });
    const job = (await t.hub.runner.enqueue('test.export', { n: 1 }, 'export-1')).job;
    await t.evaluate();
    await t.minutes(5);
    // a second dead job of the same type is the same incident
    await t.hub.runner.enqueue('test.export', { n: 2 }, 'export-2');
    await t.minutes(5);
    expect(subjects(t.mails())).toEqual(['[Postmottak] Varsel: Jobb har gitt opp: test.export']);
    const m = t.mails()[0]!;
    expect(m.text).toContain('1 jobb av typen «test.export» har stoppet etter gjentatte feil');
    expect(m.text).toContain('Siste feil: Uttrekket stoppet på søker 010170*****');
    expect(m.raw).not.toMatch(ELEVEN_DIGITS);
    expect((await t.ok<AlertsListDto>('alerts.list')).open[0]!.message).toMatch(/^2 jobber av typen/);

    const dead = (await t.hub.store.sql.all<{ id: number }>("SELECT id FROM jobs WHERE type = 'test.export' AND status = 'dead'")).map((r) => Number(r.id));
    expect(dead).toContain(job.id);
    for (const id of dead) await t.ok('jobs.abandon', { id });
    await t.minutes(1);
    expect(subjects(t.mails())).toEqual(['[Postmottak] Varsel: Jobb har gitt opp: test.export', '[Postmottak] Løst: Jobb har gitt opp: test.export']);
  });

  it('a certificate expiring in 20 days gives one alert, however many evaluations follow', async () => {
    const t = await alertsHub();
    const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '0a';
    cert.validity.notBefore = new Date(t.clock.now() - 300 * DAY);
    cert.validity.notAfter = new Date(t.clock.now() + 20 * DAY);
    cert.setSubject([{ name: 'commonName', value: 'Demo kommune' }]);
    cert.setIssuer([{ name: 'commonName', value: 'Test-CA' }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const pem = forge.pki.certificateToPem(cert);
    await t.ok('secrets.import', { name: 'virksomhet', fileName: 'virksomhet.pem', base64: Buffer.from(pem).toString('base64') });
    await t.evaluate();
    await t.minutes(10);
    expect(subjects(t.mails())).toEqual(['[Postmottak] Varsel: Sertifikatet «virksomhet» utløper snart']);
    expect(t.mails()[0]!.text).toContain('utløper 27.12.2026, om 20 dager.');
    expect(t.mails()[0]!.text).toContain('importer det under Sertifikater');
  });

  it.each(storeKinds())('two evaluations at once open one incident and queue one mail (%s)', async (kind) => {
    const t = await alertsHub({}, kind);
    t.hub.runner.define({ type: 'test.dead', schema: z.object({}), maxAttempts: 1, handle: () => Promise.reject(new IntegrationError('permanent', 'nei')) });
    await t.hub.runner.enqueue('test.dead', {}, 'd-1');
    await t.hub.runner.runDue();
    const [a, b] = await Promise.all([t.hub.alerts.service.evaluate(), t.hub.alerts.service.evaluate()]);
    expect(a.opened.length + b.opened.length).toBe(1);
    await t.hub.runner.runDue();
    const mailJobs = await t.hub.store.sql.all<{ idempotency_key: string; status: string }>("SELECT idempotency_key, status FROM jobs WHERE type = 'alerts.mail'");
    expect(mailJobs).toEqual([{ idempotency_key: `alert:${[...a.opened, ...b.opened][0]!.id}:open`, status: 'done' }]);
    expect(t.mails()).toHaveLength(1);
  });

  it('"Send testvarsel" sends now and reports the server\'s answer; the list shows where mails go, never a password; both audited with acknowledge', async () => {
    const t = await alertsHub();
    const r = await t.ok<TestMailResultDto>('alerts.sendTest');
    expect(r).toMatchObject({ ok: true, recipients: [t.to], response: expect.stringMatching(/^250 /) });
    expect(r.message).toContain(`Testvarselet er sendt til ${t.to} gjennom 127.0.0.1:${sim.port} med STARTTLS. SMTP-serveren svarte: «250`);
    const m = await sim.waitFor((x) => x.to.includes(t.to) && x.subject === '[Postmottak] Testvarsel');
    expect(m.text).toContain('Ida IT-drift sendte det 07.12.2026 kl. 09:00 fra Demo kommune');
    const list = await t.ok<AlertsListDto>('alerts.list');
    expect(list.mail).toEqual({ configured: true, host: '127.0.0.1', port: sim.port, security: 'starttls', encrypted: true, username: null, from: 'postmottak@demo.kommune.no', recipients: [t.to], demo: false });

    // a dead job's incident, acknowledged by Ida
    t.hub.runner.define({ type: 'test.dead', schema: z.object({}), maxAttempts: 1, handle: () => Promise.reject(new IntegrationError('permanent', 'nei')) });
    await t.hub.runner.enqueue('test.dead', {}, 'd-1');
    await t.evaluate();
    const [open] = (await t.ok<AlertsListDto>('alerts.list')).open;
    expect(await t.ok('alerts.count')).toEqual({ open: 1, unacknowledged: 1 });
    expect(await t.ok('alerts.acknowledge', { id: open!.id })).toMatchObject({ acknowledgedBy: 'Ida IT-drift' });
    expect(await t.ok('alerts.count')).toEqual({ open: 1, unacknowledged: 0 });
    expect(await t.hub.invoke('alerts.acknowledge', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const audit = (await t.hub.audit.recent(20)).filter((e) => e.action.startsWith('alerts.')).map((e) => [e.actor, e.action, e.subject]);
    expect(audit).toEqual(expect.arrayContaining([['ida', 'alerts.test-mail', 'alerts'], ['ida', 'alerts.acknowledge', `alert:${open!.id}`]]));

    // a caseworker may not see or send alerts
    t.hub.users.switchTo('kari');
    expect(await t.hub.invoke('alerts.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.hub.invoke('alerts.sendTest', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the test mail to a closed port says in words that the connection was refused', async () => {
    const t = await alertsHub({ mail: { host: '127.0.0.1', port: 1, from: 'postmottak@demo.kommune.no' } });
    const r = await t.ok<TestMailResultDto>('alerts.sendTest');
    expect(r).toEqual({ ok: false, response: null, recipients: [t.to], message: 'Fikk ikke kontakt med SMTP-serveren 127.0.0.1:1: tilkoblingen ble avvist. Sjekk vert og port i alerts.mail, og at serveren kjører.' });
  });
});
