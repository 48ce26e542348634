import fs from 'node:fs/promises';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { IntegrationError } from '../../electron/core/errors';
import type { MailPort, MailReceipt } from '../../electron/core/ports/mail.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { resolveSecret } from '../shared/config';
import type { MailConfig } from './mail.config';

/** What nodemailer puts on its errors (NodemailerError): its code, the SMTP reply and the command it answered. */
interface SmtpFailure {
  code?: string;
  /** The socket's or TLS's own code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT) when nodemailer's is ESOCKET. */
  originalCode?: string;
  errno?: number | string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  cause?: unknown;
}

/** Node's TLS verification codes: the server's certificate is not one this machine trusts. */
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME/;

/** The code of the error or of what it wraps (a refused socket is ESOCKET around ECONNREFUSED). */
function codes(e: SmtpFailure): string[] {
  const out: string[] = [];
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 4; x = (x as SmtpFailure).cause, depth++) {
    const f = x as SmtpFailure;
    if (f.code) out.push(String(f.code));
    if (f.originalCode) out.push(String(f.originalCode));
    if (typeof f.errno === 'string') out.push(f.errno);
  }
  return out;
}

/**
 * A nodemailer failure as an IntegrationError with words that say what to do. Refused or timed
 * out: 'transient' (the job tries again). A refused login (535, EAUTH): 'auth'. Any other 5xx
 * (RFC 5321 §4.2.1: permanent negative completion, but 503 is a bad sequence): 'permanent'; 4xx: 'transient'.
 * An untrusted certificate or a server without STARTTLS is a setup problem: 'permanent'.
 */
export function classifySmtpError(e: unknown, c: Pick<MailConfig, 'host' | 'port' | 'security' | 'username' | 'password' | 'connectionTimeoutMs' | 'ca'>): IntegrationError {
  if (e instanceof IntegrationError) return e;
  const f = (e && typeof e === 'object' ? e : { message: String(e) }) as SmtpFailure;
  const all = codes(f);
  const server = `${c.host}:${c.port}`;
  const reply = f.response ? ` Serveren svarte: «${f.response.trim()}».` : '';
  const o = { integration: 'smtp', cause: e };
  if (all.includes('EAUTH') || f.responseCode === 535 || f.responseCode === 534 || f.responseCode === 530) {
    return new IntegrationError(
      'auth',
      c.username
        ? `SMTP-serveren ${server} godtok ikke innloggingen som «${c.username}».${reply} Sjekk alerts.mail.username og passordet i hemmeligheten «${c.password?.secret ?? '?'}».`
        : `SMTP-serveren ${server} krever innlogging.${reply} Sett alerts.mail.username og alerts.mail.password ({"secret": "NAVN"}).`,
      o,
    );
  }
  if (all.includes('ENOAUTH')) return new IntegrationError('auth', `Innloggingen til SMTP-serveren ${server} mangler brukernavn eller passord. Sjekk alerts.mail.username og alerts.mail.password.`, o);
  if (all.some((x) => CERT_CODES.test(x))) {
    return new IntegrationError(
      'permanent',
      `Sertifikatet til SMTP-serveren ${server} er ikke til å stole på (${f.message ?? all.join(', ')}).${c.ca ? ` Sjekk at ${c.ca} (alerts.mail.ca) er rotsertifikatet som har utstedt serverens sertifikat, og at vertsnavnet stemmer med sertifikatet.` : ' Bruker serveren et sertifikat fra kommunens interne CA, legg rotsertifikatet i en PEM-fil og sett alerts.mail.ca til den.'}`,
      o,
    );
  }
  if (all.includes('ETLS') || /STARTTLS|no TLS support/i.test(f.message ?? '')) {
    return new IntegrationError(
      'permanent',
      `Krypteringen mot SMTP-serveren ${server} feilet: ${f.message ?? 'STARTTLS'}.${reply} Postmottak krever STARTTLS; sjekk at serveren tilbyr det på port ${c.port}, eller bruk security: "tls" mot port 465.`,
      o,
    );
  }
  if (all.includes('ECONNREFUSED')) {
    return new IntegrationError('transient', `Fikk ikke kontakt med SMTP-serveren ${server}: tilkoblingen ble avvist. Sjekk vert og port i alerts.mail, og at serveren kjører.`, o);
  }
  if (all.includes('ETIMEDOUT') || all.includes('ESOCKETTIMEDOUT')) {
    return new IntegrationError(
      'transient',
      `SMTP-serveren ${server} svarte ikke innen ${Math.round(c.connectionTimeoutMs / 1000)} sekunder. Sjekk at brannmuren slipper Postmottak ut på port ${c.port}, og at vertsnavnet er riktig.`,
      o,
    );
  }
  if (all.includes('EDNS') || all.includes('ENOTFOUND') || all.includes('EAI_AGAIN')) {
    return new IntegrationError('transient', `Fant ikke SMTP-serveren «${c.host}» i DNS. Sjekk vertsnavnet i alerts.mail.host.`, o);
  }
  if (typeof f.responseCode === 'number') {
    const permanent = f.responseCode >= 500 && f.responseCode !== 503;
    return new IntegrationError(
      permanent ? 'permanent' : 'transient',
      permanent
        ? `SMTP-serveren ${server} avviste e-posten (${f.command ?? 'SMTP'}).${reply} Sjekk avsenderen (alerts.mail.from) og mottakerne (alerts.recipients), og at serveren lar Postmottak sende.`
        : `SMTP-serveren ${server} ba Postmottak prøve igjen senere (${f.command ?? 'SMTP'}).${reply}`,
      o,
    );
  }
  if (all.includes('EENVELOPE')) return new IntegrationError('permanent', `E-posten mangler gyldige mottakere: ${f.message ?? ''}. Sjekk alerts.recipients.`, o);
  return new IntegrationError('transient', `Sending gjennom SMTP-serveren ${server} feilet: ${f.message ?? all.join(', ')}`, o);
}

const addressOf = (a: string | { address: string }): string => (typeof a === 'string' ? a : a.address);

export interface SmtpMailDeps {
  secrets: SecretStore;
}

/**
 * MailPort over SMTP with nodemailer. STARTTLS (`requireTLS`): the connection is upgraded before
 * the login and the mail, or refused; 'tls' is TLS from the start; 'none' (loopback only, by the
 * schema) does not use TLS even if offered. The password is read from the secret store and the CA
 * file from disk on every use, so a rotated secret or a new CA counts without a restart. Each call
 * is one connection; the transport tries once (the job manager owns retries).
 */
export function createSmtpMailAdapter(c: MailConfig, deps: SmtpMailDeps): MailPort {
  async function transport() {
    const pass = c.username && c.password ? await resolveSecret(deps.secrets, c.password, 'passordet til SMTP-serveren').catch((e: Error) => {
      throw new IntegrationError('auth', `${e.message} Legg det inn under Sertifikater, eller rett alerts.mail.password.`, { integration: 'smtp' });
    }) : undefined;
    const ca = c.ca
      ? await fs.readFile(c.ca, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new IntegrationError('permanent', `Fant ikke rotsertifikatet ${c.ca} (alerts.mail.ca): ${e.code ?? e.message}. Rett stien eller fjern alerts.mail.ca.`, { integration: 'smtp' });
        })
      : undefined;
    return nodemailer.createTransport({
      host: c.host,
      port: c.port,
      secure: c.security === 'tls',
      requireTLS: c.security === 'starttls',
      ignoreTLS: c.security === 'none',
      ...(c.username && pass ? { auth: { user: c.username, pass } } : {}),
      tls: {
        minVersion: 'TLSv1.2',
        // the name the certificate must carry; an IP address is checked against the certificate's IP entries
        ...(net.isIP(c.host) ? {} : { servername: c.host }),
        ...(ca ? { ca } : {}),
      },
      connectionTimeout: c.connectionTimeoutMs,
      greetingTimeout: c.greetingTimeoutMs,
      socketTimeout: c.socketTimeoutMs,
    });
  }

  return {
    async send(m) {
      const t = await transport();
      try {
        const info = await t.sendMail({
          from: { name: 'Postmottak', address: c.from },
          to: m.to,
          subject: m.subject,
          text: m.text,
          ...(m.messageId ? { messageId: m.messageId } : {}),
        });
        const r: MailReceipt = {
          response: String(info.response ?? ''),
          messageId: info.messageId ?? null,
          accepted: (info.accepted ?? []).map(addressOf),
          rejected: (info.rejected ?? []).map(addressOf),
        };
        return r;
      } catch (e) {
        throw classifySmtpError(e, c);
      } finally {
        t.close();
      }
    },
    async verify() {
      const t = await transport();
      try {
        await t.verify();
      } catch (e) {
        throw classifySmtpError(e, c);
      } finally {
        t.close();
      }
    },
  };
}
