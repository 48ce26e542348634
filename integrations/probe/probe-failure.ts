import { isIntegrationError } from '../../electron/core/errors';
import type { ProbeTarget } from '../../electron/core/ports/connection-probe.port';
import { redactText } from '../../electron/core/redact';
import { MissingSecretError } from '../shared/config';

/** resolveSecret's typed error, also where a client passed it on as the cause of its own. */
const missingSecret = (e: unknown): MissingSecretError | null =>
  e instanceof MissingSecretError ? e : e instanceof Error && e.cause !== undefined && e.cause !== e ? missingSecret(e.cause) : null;

/**
 * A failed probe step in words IT acts on, in Norwegian: what went wrong, where (host:port,
 * never a secret's value) and what to check. Reads the error the adapters throw
 * (IntegrationError with its kind, the HTTP status in the message or a {status, code} summary as
 * cause) and the network error underneath (fetch's TypeError → cause.code, axios' code).
 */

const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
const UNTRUSTED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED']);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const WRONG_NAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const NOT_TLS = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);


interface Found {
  code?: string;
  status?: number;
  timeout: boolean;
}

/** The network code, HTTP status and timeout anywhere in the error and its causes. */
function dig(e: unknown): Found {
  const out: Found = { timeout: false };
  let cur: unknown = e;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 8; depth++) {
    const o = cur as { code?: unknown; status?: unknown; name?: unknown; message?: unknown; response?: { status?: unknown }; cause?: unknown; options?: { cause?: unknown } };
    if (!out.code && typeof o.code === 'string' && o.code !== '') out.code = o.code;
    if (out.status === undefined && typeof o.status === 'number') out.status = o.status;
    if (out.status === undefined && typeof o.response?.status === 'number') out.status = o.response.status;
    if (o.name === 'TimeoutError') out.timeout = true;
    if (typeof o.message === 'string') {
      if (/tidsavbrudd|timeout|timed out/i.test(o.message)) out.timeout = true;
      const http = /\bHTTP (\d{3})\b/.exec(o.message);
      if (out.status === undefined && http) out.status = Number(http[1]);
    }
    cur = o.cause ?? o.options?.cause;
  }
  return out;
}

function hostPort(url: string | undefined): { hp: string; host: string; path: string } | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
    return { hp: port ? `${u.hostname}:${port}` : u.hostname, host: u.hostname, path: u.pathname };
  } catch {
    return null;
  }
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

export function describeFailure(e: unknown, target: ProbeTarget, timeoutMs: number): string {
  const message = e instanceof Error ? e.message : String(e);
  const missing = missingSecret(e);
  if (missing) return `Hemmeligheten «${missing.secretName}» finnes ikke – legg den inn under Nøkler og sertifikater`;

  const where = hostPort(target.url);
  const at = where?.hp ?? 'tjenesten';
  const f = dig(e);
  const code = f.code?.toUpperCase();
  if (code && REFUSED.has(code)) return `Ingen svarer på ${at} – feil port, eller tjenesten er nede`;
  if (code && DNS.has(code)) return `Finner ikke maskinen «${where?.host ?? '?'}» (DNS-oppslaget feilet) – sjekk adressen, eller DNS/proxy på denne maskinen`;
  if (code && UNTRUSTED.has(code)) return `Sertifikatet til ${at} er ikke klarert (${code}) – sjekk adressen, eller legg utstederens rotsertifikat inn i maskinens sertifikatlager`;
  if (code && EXPIRED.has(code)) return `Sertifikatet til ${at} er utløpt eller ikke gyldig ennå (${code}) – tjenesteeieren må fornye det`;
  if (code && WRONG_NAME.has(code)) return `Sertifikatet til ${at} gjelder ikke for navnet «${where?.host ?? '?'}» – bruk det vertsnavnet sertifikatet er utstedt for`;
  if (code && NOT_TLS.has(code)) return `TLS-feil mot ${at} (${code}) – tjenesten snakker kanskje ikke https på denne porten; sjekk http/https og port`;
  const waited = (e as { waitedMs?: unknown } | null)?.waitedMs;
  if (f.timeout || (code && TIMEOUT.has(code))) return `Fikk ikke svar fra ${at} innen ${seconds(typeof waited === 'number' ? waited : timeoutMs)} – tjenesten er treg eller nede, eller en brannmur stopper trafikken`;
  if (code && UNREACHABLE.has(code)) return `Nettverket når ikke ${at} (${code}) – sjekk nettverk, brannmur og proxy`;
  if (code && RESET.has(code)) return `Forbindelsen til ${at} ble brutt (${code}) – sjekk port og http/https, eller om en brannmur/proxy avbryter`;

  const creds = target.credentials ? ` i «${target.credentials}»` : '';
  const kind = isIntegrationError(e) ? e.kind : undefined;
  const s = f.status;
  if (s === 401 || s === 403 || kind === 'auth') return `Innlogging avvist${s === 401 || s === 403 ? ` (HTTP ${s})` : ''} – sjekk klient-id/nøkkel/passord${creds}`;
  if (s === 404) return `Fant ikke ${where ? `${where.path} på ${where.hp}` : 'adressen'} (HTTP 404) – feil sti i adressen`;
  if (s === 429) return `${at} avviser for mange kall (HTTP 429) – vent litt og prøv igjen`;
  if (s !== undefined && s >= 500) return `Tjenesten på ${at} svarte med en feil (HTTP ${s}) – den kan være nede eller feilkonfigurert; prøv igjen senere, eller kontakt leverandøren`;
  if (s !== undefined && s >= 400) return `${at} avviste kallet (HTTP ${s}): ${redactText(message)}`;
  if (code === 'ENOENT') return `Finner ikke ${target.dir ? `mappen «${target.dir}»` : 'fila'} – opprett den, eller rett stien`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `Ingen tilgang til ${target.dir ? `mappen «${target.dir}»` : 'fila'} (${code}) – gi kontoen Postmottak kjører som, lese- og skriverett`;
  if (code === 'ENOTDIR') return `«${target.dir ?? '?'}» er ikke en mappe`;
  return redactText(message);
}
