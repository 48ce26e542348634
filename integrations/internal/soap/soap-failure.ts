import { IntegrationError, type IntegrationErrorKind } from '../../../electron/core/errors';

/**
 * A failed SOAP call as an IntegrationError. The `soap` package rejects with what it had: a
 * parsed SOAP Fault (`root.Envelope.Body.Fault`, HTTP status in `response`), an HTTP answer it
 * could not read, or axios's transport error (code ECONNABORTED on a timeout, ERR_CANCELED when
 * our deadline aborted it). A client-side fault is the target refusing this application: its own
 * faultstring is the message the caseworker sees, and a retry only helps once the mapping is fixed.
 */

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);
/** WS-Security's fault codes (OASIS WSS 1.1 § 12): the credentials, not the application. */
const AUTH_CODES = new Set(['FailedAuthentication', 'InvalidSecurity', 'InvalidSecurityToken', 'FailedCheck', 'SecurityTokenUnavailable']);

export interface SoapFailureContext {
  /** The target's name, first in every message (the caseworker sees it beside the case). */
  label: string;
  integration: string;
  timeoutMs: number;
  /** Kept out of every message. */
  password: string | null;
  now: () => number;
}

interface SoapishError {
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
  response?: { status?: number; headers?: Record<string, unknown> };
  code?: string;
  cause?: { code?: string };
  message?: string;
}

export interface SoapFault {
  /** The fault code's local name: Client, Client.Validation, Server, Sender … */
  code: string;
  text: string;
}

export function soapFailure(e: unknown, c: SoapFailureContext): IntegrationError {
  const err = (e ?? {}) as SoapishError;
  const status = typeof err.response?.status === 'number' ? err.response.status : undefined;
  const code = err.code ?? err.cause?.code;
  const make = (kind: IntegrationErrorKind, message: string, retryAfterMs?: number) =>
    new IntegrationError(kind, redact(`${c.label}: ${message}`, c.password), {
      integration: c.integration,
      retryAfterMs,
      // a plain summary: the transport error holds the request, personal data and credentials included
      cause: { status, code },
    });

  if (status === 401 || status === 403) return make('auth', `HTTP ${status}: tjenesten godtar ikke brukernavn/passord`);
  const fault = readFault(err.root?.Envelope?.Body?.Fault);
  if (fault) return make(faultKind(fault), fault.text || `SOAP-feil ${fault.code} uten beskrivelse`);
  if (status === 429) return make('rate-limited', 'HTTP 429: for mange forespørsler', retryAfter(err.response?.headers?.['retry-after'], c.now));
  if (status !== undefined && (status >= 500 || status === 408)) return make('transient', `HTTP ${status}`);
  if (status !== undefined && status >= 400) return make('permanent', `HTTP ${status}: sjekk adressen til tjenesten`);
  if (status !== undefined) return make('transient', `uleselig svar (HTTP ${status})`);
  if ((code && TIMEOUT_CODES.has(code)) || /timeout/i.test(err.message ?? '')) return make('transient', `tidsavbrudd etter ${c.timeoutMs} ms`);
  if (code && NETWORK_CODES.has(code)) return make('transient', `nettverksfeil (${code})`);
  if (/socket hang up|aborted/i.test(err.message ?? '')) return make('transient', 'forbindelsen ble brutt før svaret kom');
  return make('transient', code ? `kallet feilet (${code})` : 'kallet feilet');
}

/** SOAP 1.1 (faultcode/faultstring) or SOAP 1.2 (Code/Value, Reason/Text) as `soap` parses them. */
export function readFault(fault: Record<string, unknown> | undefined): SoapFault | null {
  if (!fault || typeof fault !== 'object') return null;
  const code11 = text(fault.faultcode);
  const code12 = text((fault.Code as Record<string, unknown> | undefined)?.Value);
  const reason = fault.Reason as Record<string, unknown> | undefined;
  const code = (code11 ?? code12 ?? '').replace(/^[^:]*:/, '');
  return { code, text: (text(fault.faultstring) ?? text(reason?.Text) ?? '').trim() };
}

function faultKind(f: SoapFault): IntegrationErrorKind {
  if (AUTH_CODES.has(f.code)) return 'auth';
  if (/^(Client|Sender)(\.|$)/.test(f.code)) return 'validation';
  if (/^(Server|Receiver)(\.|$)/.test(f.code)) return 'transient';
  // VersionMismatch, MustUnderstand: our WSDL or configuration does not fit the service
  return 'permanent';
}

/** `soap` gives `{ $value, attributes }` when an element carries attributes (xml:lang). */
function text(v: unknown): string | undefined {
  const inner = v && typeof v === 'object' && '$value' in v ? (v as { $value: unknown }).$value : v;
  return typeof inner === 'string' || typeof inner === 'number' ? String(inner) : undefined;
}

function retryAfter(header: unknown, now: () => number): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}

/** Messages never carry the password or a fødselsnummer (a target may echo one back). */
export function redact(message: string, password: string | null): string {
  const out = password && password.length >= 4 ? message.split(password).join('[skjult]') : message;
  return out.replace(/(?<!\d)\d{11}(?!\d)/g, '***********');
}
