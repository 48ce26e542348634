import type { AddressInfo, Socket } from 'node:net';
import forge from 'node-forge';
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server';
import { parseMessage } from './smtp-message.parser';

/**
 * A real SMTP server on 127.0.0.1 for the tests and the demo (smtp-server): it offers STARTTLS
 * with a self-signed certificate made at start (node-forge), optionally requires AUTH PLAIN or
 * LOGIN, and keeps what it receives, read with its own parser (smtp-message.parser.ts).
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
  /** The session had been upgraded with STARTTLS (or was TLS from the start) when the mail came. */
  secure: boolean;
  /** Who logged in, or null without AUTH. */
  user: string | null;
  receivedAt: number;
}

export interface SmtpSimulatorOptions {
  /** Require a login with these credentials (AUTH PLAIN or LOGIN, only after STARTTLS). */
  auth?: { username: string; password: string };
  /** Offer STARTTLS (default true). Off: the simulator speaks plain SMTP only. */
  starttls?: boolean;
  /** Refuse every recipient of this domain with a 550 (to test a permanent refusal). */
  refuseDomain?: string;
  port?: number;
}

export interface SmtpSimulator {
  host: '127.0.0.1';
  port: number;
  /** The self-signed certificate (PEM): what a client trusts as its `ca`. */
  certPem: string;
  messages(): ReceivedMail[];
  /** Resolves with the first mail (already received or still to come) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Called with every mail as it arrives (the demo keeps them as .eml files); returns its unsubscribe. */
  onMessage(listener: (m: ReceivedMail) => void): () => void;
  /** How many logins were refused (a test of wrong credentials reads it). */
  refusedLogins(): number;
  close(): Promise<void>;
}

/** A self-signed certificate for localhost and 127.0.0.1, valid from a day ago for ten years. */
export function selfSignedCertificate(): { keyPem: string; certPem: string } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  // TLS checks the validity against the machine's time, never a test's fake clock
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const name = [{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'Postmottak SMTP-simulator' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { keyPem: forge.pki.privateKeyToPem(keys.privateKey), certPem: forge.pki.certificateToPem(cert) };
}

export async function startSmtpSimulator(o: SmtpSimulatorOptions = {}): Promise<SmtpSimulator> {
  const { keyPem, certPem } = selfSignedCertificate();
  const received: ReceivedMail[] = [];
  const waiters = new Set<{ predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }>();
  const sockets = new Set<Socket>();
  const listeners = new Set<(m: ReceivedMail) => void>();
  let refused = 0;
  const starttls = o.starttls !== false;

  const server = new SMTPServer({
    key: keyPem,
    cert: certPem,
    banner: 'Postmottak SMTP-simulator',
    logger: false,
    disabledCommands: [...(starttls ? [] : ['STARTTLS']), ...(o.auth ? [] : ['AUTH'])],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !o.auth,
    // a login is taken only inside TLS (the default), as a real relay does
    allowInsecureAuth: false,
    size: 10 * 1024 * 1024,
    onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
      if (o.auth && auth.username === o.auth.username && auth.password === o.auth.password) return callback(null, { user: auth.username });
      refused++;
      const err = new Error('5.7.8 Autentisering feilet: feil brukernavn eller passord') as Error & { responseCode: number };
      err.responseCode = 535;
      return callback(err);
    },
    onRcptTo(address, _session, callback) {
      if (o.refuseDomain && address.address.toLowerCase().endsWith(`@${o.refuseDomain}`)) {
        const err = new Error(`5.1.1 <${address.address}>: Mottakeren finnes ikke`) as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject,
          text: parsed.text,
          headers: parsed.headers,
          raw,
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : null,
          receivedAt: Date.now(),
        };
        received.push(mail);
        for (const l of listeners) l(mail);
        for (const w of [...waiters]) {
          if (w.predicate(mail)) {
            waiters.delete(w);
            w.resolve(mail);
          }
        }
        callback(null, `2.0.0 Ok: mottatt som nr. ${received.length}`);
      });
    },
  });
  server.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // a client that hangs up mid-session is not the simulator's failure
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    host: '127.0.0.1',
    port,
    certPem,
    messages: () => [...received],
    refusedLogins: () => refused,
    onMessage(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const w = {
          predicate,
          resolve: (m: ReceivedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`Ingen e-post som passer kom til SMTP-simulatoren innen ${timeoutMs} ms (mottatt: ${received.map((m) => m.subject).join(' | ') || 'ingen'})`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })),
  };
}
