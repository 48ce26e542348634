// #17 item 4: the SMTP adapter (nodemailer) against the SMTP simulator (smtp-server on 127.0.0.1): STARTTLS, login, and failures as IntegrationError kinds.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../electron/app/secrets/memory-secret-store';
import { IntegrationError } from '../../../electron/core/errors';
import { mailConfigSchema, type MailConfig } from '../../../integrations/mail/mail.config';
import { parseMessage } from '../../../integrations/mail/simulator/smtp-message.parser';
import { startSmtpSimulator, type SmtpSimulator } from '../../../integrations/mail/simulator/smtp.simulator';
import { createSmtpMailAdapter } from '../../../integrations/mail/smtp-mail.adapter';

const secrets = createMemorySecretStore({ 'smtp.passord': 'riktig-passord', 'smtp.feil': 'feil-passord' });

/** The error a call fails with (fails the test when it does not fail). */
async function failure(p: Promise<unknown>): Promise<IntegrationError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IntegrationError);
    return e as IntegrationError;
  }
  throw new Error('expected a failure');
}

/** A port nothing listens on: bound, noted and closed again. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('#17: the SMTP adapter against the SMTP simulator', () => {
  let open: SmtpSimulator;
  let authed: SmtpSimulator;
  let plain: SmtpSimulator;
  let caFile: string;
  let authCa: string;
  let dir: string;

  beforeAll(async () => {
    [open, authed, plain] = await Promise.all([startSmtpSimulator({ refuseDomain: 'ukjent.no' }), startSmtpSimulator({ auth: { username: 'postmottak', password: 'riktig-passord' } }), startSmtpSimulator({ starttls: false })]);
    // kept for the whole suite (the temp-dir helper empties its folders after each test)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-smtp-ca-'));
    caFile = path.join(dir, 'kommune-ca.pem');
    fs.writeFileSync(caFile, open.certPem);
    authCa = path.join(dir, 'auth-ca.pem');
    fs.writeFileSync(authCa, authed.certPem);
  });
  afterAll(async () => {
    await Promise.all([open?.close(), authed?.close(), plain?.close()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (sim: SmtpSimulator, over: Record<string, unknown> = {}): MailConfig =>
    mailConfigSchema.parse({ host: sim.host, port: sim.port, from: 'postmottak@demo.kommune.no', ca: caFile, connectionTimeoutMs: 2000, greetingTimeoutMs: 2000, socketTimeoutMs: 5000, ...over });

  it('sends over STARTTLS (the simulator saw a secure session) and the mail reads back as written, Norwegian letters and Message-ID included', async () => {
    const port = createSmtpMailAdapter(config(open), { secrets });
    const r = await port.send({ to: ['it-drift@demo.kommune.no'], subject: 'Sak/arkiv feiler – får ikke kontakt', text: 'Første linje: æøå ÆØÅ\nAndre linje.', messageId: '<alert-7-open@test.local>' });
    expect(r.response).toMatch(/^250 /);
    expect(r.accepted).toEqual(['it-drift@demo.kommune.no']);
    const m = await open.waitFor((x) => x.subject.startsWith('Sak/arkiv'));
    expect(m.secure).toBe(true);
    expect(m).toMatchObject({ from: 'postmottak@demo.kommune.no', to: ['it-drift@demo.kommune.no'], subject: 'Sak/arkiv feiler – får ikke kontakt', text: 'Første linje: æøå ÆØÅ\nAndre linje.', user: null });
    expect(m.headers['message-id']).toBe('<alert-7-open@test.local>');
    await expect(port.verify()).resolves.toBeUndefined();
  });

  it('logs in after STARTTLS with the password from the secret store', async () => {
    const port = createSmtpMailAdapter(config(authed, { ca: authCa, username: 'postmottak', password: { secret: 'smtp.passord' } }), { secrets });
    await port.send({ to: ['it@demo.kommune.no'], subject: 'Innlogget', text: 'hei' });
    const m = await authed.waitFor((x) => x.subject === 'Innlogget');
    expect(m).toMatchObject({ secure: true, user: 'postmottak' });
  });

  it('a wrong password is an auth error that names the user and the secret, and says what to check', async () => {
    const before = authed.refusedLogins();
    const port = createSmtpMailAdapter(config(authed, { ca: authCa, username: 'postmottak', password: { secret: 'smtp.feil' } }), { secrets });
    const e = await failure(port.send({ to: ['it@demo.kommune.no'], subject: 'Skal ikke komme fram', text: 'x' }));
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/godtok ikke innloggingen som «postmottak»/);
    expect(e.message).toMatch(/535/);
    expect(e.message).toContain('hemmeligheten «smtp.feil»');
    expect(e.message).not.toContain('feil-passord');
    expect(authed.refusedLogins()).toBe(before + 1);
    // without a login the server refuses the mail, and says so
    const anon = await failure(createSmtpMailAdapter(config(authed, { ca: authCa }), { secrets }).send({ to: ['it@demo.kommune.no'], subject: 'Anonym', text: 'x' }));
    expect(anon.kind).toBe('auth');
    expect(authed.messages().map((m) => m.subject)).not.toContain('Skal ikke komme fram');
  });

  it('a missing secret is an auth error that names it', async () => {
    const e = await failure(createSmtpMailAdapter(config(authed, { ca: authCa, username: 'postmottak', password: { secret: 'finnes.ikke' } }), { secrets }).verify());
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('«finnes.ikke»');
  });

  it('a refused port is transient, with words that say what to check', async () => {
    const port = await freePort();
    const e = await failure(createSmtpMailAdapter(config(open, { port }), { secrets }).send({ to: ['it@demo.kommune.no'], subject: 'x', text: 'x' }));
    expect(e.kind).toBe('transient');
    expect(e.message).toBe(`Fikk ikke kontakt med SMTP-serveren 127.0.0.1:${port}: tilkoblingen ble avvist. Sjekk vert og port i alerts.mail, og at serveren kjører.`);
  });

  it('an untrusted certificate (no CA given) is refused before anything is sent, naming alerts.mail.ca', async () => {
    const before = open.messages().length;
    const e = await failure(createSmtpMailAdapter(config(open, { ca: undefined }), { secrets }).send({ to: ['it@demo.kommune.no'], subject: 'Usikker', text: 'x' }));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/ikke til å stole på.*alerts\.mail\.ca/s);
    expect(open.messages()).toHaveLength(before);
  });

  it('a server without STARTTLS is refused when STARTTLS is required; nothing goes in clear', async () => {
    const e = await failure(createSmtpMailAdapter(config(plain, { ca: undefined }), { secrets }).send({ to: ['it@demo.kommune.no'], subject: 'Klartekst', text: 'x' }));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/Postmottak krever STARTTLS/);
    expect(plain.messages()).toEqual([]);
    // security "none" (allowed only to this machine) sends without TLS, and the simulator says so
    await createSmtpMailAdapter(config(plain, { ca: undefined, security: 'none' }), { secrets }).send({ to: ['it@demo.kommune.no'], subject: 'Lokal relé', text: 'x' });
    expect((await plain.waitFor((m) => m.subject === 'Lokal relé')).secure).toBe(false);
  });

  it('a recipient refused with 550 is permanent and quotes the server', async () => {
    const e = await failure(createSmtpMailAdapter(config(open), { secrets }).send({ to: ['noen@ukjent.no'], subject: 'x', text: 'x' }));
    expect(e.kind).toBe('permanent');
    expect(e.message).toMatch(/550 5\.1\.1 <noen@ukjent\.no>: Mottakeren finnes ikke/);
  });
});

describe('#17: the mail section of the configuration', () => {
  it('requires STARTTLS by default, allows clear text only to this machine, and wants a username and password together', () => {
    expect(mailConfigSchema.parse({ host: 'smtp.kommune.no', from: 'postmottak@kommune.no' })).toMatchObject({ port: 587, security: 'starttls' });
    const bad = (v: Record<string, unknown>) => mailConfigSchema.safeParse({ host: 'smtp.kommune.no', from: 'postmottak@kommune.no', ...v }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(bad({ security: 'none' })).toEqual(['security: none (ukryptert) er bare tillatt mot denne maskinen (127.0.0.1, ::1, localhost); bruk starttls eller tls']);
    expect(mailConfigSchema.safeParse({ host: '127.0.0.1', from: 'a@b.no', security: 'none' }).success).toBe(true);
    expect(bad({ username: 'x' })).toEqual(['password: username er satt, men password mangler ({"secret": "NAVN"})']);
    expect(bad({ password: 'klartekst' })?.[0]).toMatch(/^password: /);
    expect(bad({ from: 'ikke en adresse' })?.[0]).toMatch(/^from: en e-postadresse/);
  });
});

describe('#17: the simulator reads mail with its own parser', () => {
  it('unfolds headers, decodes encoded words (B and Q) and base64 and quoted-printable bodies', () => {
    const raw = [
      'From: Postmottak <p@k.no>',
      'Subject: =?UTF-8?B?VmFyc2VsOiBkaXNrZW4gZXI=?=',
      ' =?UTF-8?Q?_nesten_full_=C3=A6=C3=B8=C3=A5?=',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Bare 3 % ledig p=C3=A5 disken, en lang linje som er br=',
      'utt.',
      '',
    ].join('\r\n');
    expect(parseMessage(raw)).toMatchObject({ subject: 'Varsel: disken er nesten full æøå', text: 'Bare 3 % ledig på disken, en lang linje som er brutt.' });
    const b64 = ['Subject: x', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', Buffer.from('Løst: sak/arkiv\nLinje 2').toString('base64'), ''].join('\r\n');
    expect(parseMessage(b64).text).toBe('Løst: sak/arkiv\nLinje 2');
  });
});
