/**
 * What the Altinn 2 SOAP adapters share: a `soap` client built once from the WSDL the app ships
 * (only the endpoint comes from config), one attempt per call with a timeout, and every failure
 * turned into an IntegrationError. What an AltinnFault ErrorID means differs per service, so
 * each adapter classifies those itself (`classifyFault`).
 */
import { createClientAsync, type Client, type IMTOMAttachments, type IOptions } from 'soap';
import type { ZodType } from 'zod';
import { IntegrationError, type IntegrationErrorKind } from '../../electron/core/errors';
import type { Clock } from '../../electron/core/ports/clock.port';
import type { MtomPart } from './altinn2.mapper';

/** The words an adapter's own messages use around the common parts. */
export interface Altinn2SoapTexts {
  wsdl: string;
  unexpected: string;
  malformed: string;
  timeout: string;
  failed: string;
}

export const NORWEGIAN_TEXTS: Altinn2SoapTexts = { wsdl: 'kan ikke lese WSDL', unexpected: 'uventet svar', malformed: 'ugyldig svar', timeout: 'tidsavbrudd', failed: 'kallet feilet' };

export interface AltinnFaultInfo {
  errorId?: number;
  text: string;
}

/** A failure as data; X holds what the adapter's classifyFault adds (e.g. notInQueue). */
export type Altinn2Failure<X extends object = object> = Failure & Partial<X>;

interface Failure {
  kind: IntegrationErrorKind;
  message: string;
  status?: number;
  code?: string;
  errorId?: number;
  retryAfterMs?: number;
}

export type Altinn2Outcome<X extends object = object> = { ok: true; result: unknown; mtom: MtomPart[] } | { ok: false; failure: Altinn2Failure<X> };

export interface Altinn2SoapOptions<X extends object> {
  integration: string;
  /** Starts every message, e.g. "Altinn 2 Correspondence". */
  label: string;
  url: string;
  wsdlPath: string;
  /** Kept out of every message. */
  systemPassword: string;
  timeoutMs?: number;
  clock: Clock;
  texts?: Altinn2SoapTexts;
  /** Added to the common client options (no WSDL cache, dateTime kept as text). */
  clientOptions?: IOptions;
  /** Kind of a SOAP fault without an AltinnFault whose code says our request was wrong. */
  clientFaultKind: IntegrationErrorKind;
  /** The service's own AltinnFaults, after the common auth check; undefined: transient. */
  classifyFault(f: AltinnFaultInfo): ({ kind: IntegrationErrorKind } & Partial<X>) | undefined;
}

export interface Altinn2SoapClient<Op extends string, X extends object> {
  /** One attempt; a failure comes back as data, for callers that accept some faults. */
  call(op: Op, args: Record<string, unknown>): Promise<Altinn2Outcome<X>>;
  invoke<T>(op: Op, args: Record<string, unknown>, schema: ZodType<T>): Promise<{ value: T; mtom: MtomPart[] }>;
  parse<T>(op: Op, result: unknown, schema: ZodType<T>): T;
  toIntegrationError(op: Op, failure: Altinn2Failure<X>): IntegrationError;
  redact(text: string): string;
}

/** AltinnFault ErrorIDs 5/6: Altinn 2's system-authentication failures, in every service. */
const AUTH_IDS = new Set([5, 6]);
const AUTH_TEXT = /authenticat|password|passord|InvalidSystemName|locked out|not authori[sz]ed|ikke autorisert/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_BAD_RESPONSE', 'UND_ERR_SOCKET']);
/** WCF dispatcher codes of a SOAP fault without an AltinnFault detail: our request was wrong. */
const CLIENT_FAULT_CODES = new Set(['Client', 'Sender', 'ActionNotSupported', 'DeserializationFailed']);

type SoapAsync = (args: unknown, options: unknown) => Promise<[unknown, unknown, unknown, unknown, IMTOMAttachments?]>;

export function createAltinn2SoapClient<Op extends string, X extends object = object>(o: Altinn2SoapOptions<X>): Altinn2SoapClient<Op, X> {
  const texts = o.texts ?? NORWEGIAN_TEXTS;
  let client: Promise<Client> | null = null;

  const getClient = (): Promise<Client> => {
    client ??= createClientAsync(o.wsdlPath, {
      disableCache: true, // per-adapter options live on the parsed WSDL; don't share it
      customDeserializer: { dateTime: (text: string) => text }, // offset-less times are Oslo time, not the host's
      ...o.clientOptions,
    }).then(
      (c) => {
        c.setEndpoint(o.url);
        return c;
      },
      (e: unknown) => {
        client = null;
        throw new IntegrationError('permanent', `${o.label}: ${texts.wsdl} (${e instanceof Error ? e.message : String(e)})`, { integration: o.integration });
      },
    );
    return client;
  };

  const redactText = (text: string) => redact(text, o.systemPassword);

  const self: Altinn2SoapClient<Op, X> = {
    async call(op, args) {
      const c = await getClient();
      const method = (c as unknown as Record<string, SoapAsync>)[`${op}Async`]!;
      try {
        const out = await method.call(c, args, { timeout: o.timeoutMs ?? 60_000 });
        return { ok: true, result: out[0], mtom: out[4]?.parts ?? [] };
      } catch (e) {
        // analyse keeps what classifyFault returned, so the X fields are there when it set them
        return { ok: false, failure: analyse(e, o, texts) as Altinn2Failure<X> };
      }
    },

    async invoke(op, args, schema) {
      const r = await self.call(op, args);
      if (!r.ok) throw self.toIntegrationError(op, r.failure);
      return { value: self.parse(op, r.result, schema), mtom: r.mtom };
    },

    parse(op, result, schema) {
      const parsed = schema.safeParse(result);
      if (!parsed.success) throw new IntegrationError('transient', `${o.label} ${op}: ${texts.unexpected}`, { integration: o.integration });
      return parsed.data;
    },

    toIntegrationError(op, a) {
      return new IntegrationError(a.kind, redactText(`${o.label} ${op}: ${a.message}`), {
        integration: o.integration,
        retryAfterMs: a.retryAfterMs,
        // a plain summary: the transport error holds the request body, password included
        cause: { op, status: a.status, code: a.code, errorId: a.errorId },
      });
    },

    redact: redactText,
  };
  return self;
}

// --- failure analysis ------------------------------------------------------------------------

interface SoapishError {
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
  response?: { status?: number; headers?: Record<string, unknown> };
  code?: string;
  cause?: { code?: string };
  Fault?: { faultstring?: string };
}

function analyse<X extends object>(e: unknown, o: Altinn2SoapOptions<X>, texts: Altinn2SoapTexts): Failure {
  const err = (e ?? {}) as SoapishError;
  const status = typeof err.response?.status === 'number' ? err.response.status : undefined;
  const fault = err.root?.Envelope?.Body?.Fault;
  const altinn = fault ? altinnFaultOf(fault) : undefined;
  if (altinn) {
    const { errorId, text } = altinn;
    const base = { status, errorId, message: `AltinnFault ${errorId ?? '?'}: ${text}` };
    if ((errorId !== undefined && AUTH_IDS.has(errorId)) || AUTH_TEXT.test(text)) return { ...base, kind: 'auth' };
    return { ...base, ...(o.classifyFault(altinn) ?? { kind: 'transient' }) }; // Altinn-side failures carry an AltinnFault too
  }
  if (fault) {
    const code = String(valueOf(fault.faultcode) ?? '').split(':').pop() ?? '';
    return { status, code, kind: CLIENT_FAULT_CODES.has(code) ? o.clientFaultKind : 'transient', message: `SOAP fault ${code}: ${String(valueOf(fault.faultstring) ?? '')}` };
  }
  if (status === 429) return { status, kind: 'rate-limited', message: 'HTTP 429', retryAfterMs: retryAfter(err.response?.headers?.['retry-after'], o.clock) };
  if (status === 401 || status === 403) return { status, kind: 'auth', message: `HTTP ${status}` };
  if (status !== undefined && (status >= 500 || status === 408)) return { status, kind: 'transient', message: `HTTP ${status}` };
  if (status !== undefined && status >= 400) return { status, kind: 'permanent', message: `HTTP ${status}` };
  if (status !== undefined) return { status, kind: 'transient', message: `${texts.malformed} (HTTP ${status})` };
  const code = err.code ?? err.cause?.code;
  if (code && NETWORK_CODES.has(code)) return { code, kind: 'transient', message: code === 'ECONNABORTED' ? texts.timeout : code };
  if (err.Fault?.faultstring) return { kind: 'transient', message: `${texts.malformed} (${err.Fault.faultstring})` };
  return { code, kind: 'transient', message: code ?? texts.failed };
}

function altinnFaultOf(fault: Record<string, unknown>): AltinnFaultInfo | undefined {
  const detail = fault.detail as Record<string, unknown> | undefined;
  const af = detail && typeof detail === 'object' ? (detail.AltinnFault as Record<string, unknown> | undefined) : undefined;
  if (!af || typeof af !== 'object') return undefined;
  const id = Number(valueOf(af.ErrorID));
  const text = [af.AltinnErrorMessage, af.AltinnLocalizedErrorMessage].map(valueOf).find((v) => typeof v === 'string' && v.trim()) ?? '';
  return { errorId: Number.isInteger(id) ? id : undefined, text: String(text).trim() };
}

/** `soap` gives `{ $value, attributes }` when an element carries attributes (e.g. xml:lang). */
function valueOf(v: unknown): unknown {
  return v && typeof v === 'object' && '$value' in v ? (v as { $value: unknown }).$value : v;
}

function retryAfter(header: unknown, clock: Clock): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - clock.now());
}

/** Error texts never carry the password or a fødselsnummer. */
function redact(text: string, password: string): string {
  const out = password ? text.split(password).join('[skjult]') : text;
  return out.replace(/(?<!\d)\d{11}(?!\d)/g, '***********');
}
