/**
 * SubmissionSource over the Altinn 2 DownloadQueueExternalBasic SOAP service. The `soap`
 * client is built from the WSDL the app ships; only the endpoint comes from config.
 * One attempt per call: every failure becomes an IntegrationError and the job manager retries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createClientAsync, type Client, type IMTOMAttachments } from 'soap';
import type { ZodType } from 'zod';
import { IntegrationError, type IntegrationErrorKind } from '../../electron/core/errors';
import type { IncomingSubmission, PendingRef } from '../../electron/core/ingest/submission';
import type { Clock } from '../../electron/core/ports/clock.port';
import type { SubmissionSource } from '../../electron/core/ports/submission-source.port';
import { decodeBinary, formTaskResponse, pdfResponse, queueResponse, toPendingRef, toSubmission, type MtomPart } from './altinn2.mapper';

export interface Altinn2DownloadQueueConfig {
  /** The service endpoint, e.g. https://www.altinn.no/ArchiveExternal/DownloadQueueExternalBasic.svc */
  url: string;
  systemUserName: string;
  systemPassword: string;
  /** Empty or absent: the whole queue (no serviceCode filter). */
  serviceCodes?: string[];
  timeoutMs?: number;
}

export interface Altinn2DownloadQueueDeps {
  /** The WSDL file; defaults to resources/wsdl/altinn2/DownloadQueueExternalBasic.svc.wsdl. */
  wsdlPath?: string;
  clock?: Clock;
}

type Op = 'GetDownloadQueueItems' | 'GetArchivedFormTaskBasicDQ' | 'GetFormSetPdfBasic' | 'PurgeItem';

const INTEGRATION = 'altinn2-download-queue';
const LANGUAGE_BOKMAL = 1044;
const WSDL_REL = path.join('resources', 'wsdl', 'altinn2', 'DownloadQueueExternalBasic.svc.wsdl');

/**
 * AltinnFault ErrorIDs. 5/6 are Altinn's system-authentication failures; 30000-30002 are the
 * simulator's (the real ids for unknown / purged references are not documented), so the
 * message patterns below back them up.
 */
const AUTH_IDS = new Set([5, 6]);
const PERMANENT_IDS = new Set([30000, 30001]);
const NOT_IN_QUEUE_ID = 30002;
const AUTH_TEXT = /authenticat|password|passord|InvalidSystemName|locked out|not authori[sz]ed|ikke autorisert/i;
const NOT_FOUND_TEXT = /not found|no archived|does not exist|finnes ikke|ikke funnet/i;
const NOT_IN_QUEUE_TEXT = /not in the download ?queue|already (been )?purged|is unknown|not found|does not exist|finnes ikke/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_BAD_RESPONSE']);
/** SOAP faults without an AltinnFault detail that mean our request was wrong (WCF dispatcher codes). */
const CLIENT_FAULT_CODES = new Set(['Client', 'Sender', 'ActionNotSupported', 'DeserializationFailed']);

export function createAltinn2DownloadQueueAdapter(config: Altinn2DownloadQueueConfig, deps: Altinn2DownloadQueueDeps = {}): SubmissionSource {
  const clock = deps.clock ?? { now: () => Date.now() };
  const wsdlPath = deps.wsdlPath ?? findUp(WSDL_REL);
  const creds = { systemUserName: config.systemUserName, systemPassword: config.systemPassword };
  let client: Promise<Client> | null = null;

  const getClient = (): Promise<Client> => {
    client ??= createClientAsync(wsdlPath, {
      disableCache: true, // the options below live on the parsed WSDL; don't share it
      preserveWhitespace: true, // FormData must come back byte for byte
      customDeserializer: { dateTime: (text: string) => text }, // offset-less times are Oslo time, not the host's
      parseResponseAttachments: true, // the binding has an MTOM policy
    }).then(
      (c) => {
        c.setEndpoint(config.url);
        return c;
      },
      (e: unknown) => {
        client = null;
        throw new IntegrationError('permanent', `Altinn 2 DownloadQueue: cannot load the WSDL (${describeLocal(e)})`, { integration: INTEGRATION });
      },
    );
    return client;
  };

  type Outcome = { ok: true; result: unknown; mtom: MtomPart[] } | { ok: false; failure: Analysis };

  async function call(op: Op, args: Record<string, unknown>): Promise<Outcome> {
    const c = await getClient();
    const method = (c as unknown as Record<string, SoapAsync>)[`${op}Async`]!;
    try {
      const out = await method.call(c, args, { timeout: config.timeoutMs ?? 60_000 });
      return { ok: true, result: out[0], mtom: out[4]?.parts ?? [] };
    } catch (e) {
      return { ok: false, failure: analyse(e, clock) };
    }
  }

  async function invoke<T>(op: Op, args: Record<string, unknown>, schema: ZodType<T>): Promise<{ value: T; mtom: MtomPart[] }> {
    const r = await call(op, args);
    if (!r.ok) throw toIntegrationError(op, r.failure);
    const parsed = schema.safeParse(r.result);
    if (!parsed.success) throw new IntegrationError('transient', `Altinn 2 DownloadQueue ${op}: unexpected response content`, { integration: INTEGRATION });
    return { value: parsed.data, mtom: r.mtom };
  }

  return {
    kind: 'altinn2',

    async *listPending() {
      // The service returns at most 500, oldest first; newer ones show once older ones are purged.
      const codes = config.serviceCodes?.length ? config.serviceCodes : [undefined];
      const refs = new Map<string, PendingRef>();
      for (const serviceCode of codes) {
        const { value } = await invoke('GetDownloadQueueItems', { ...creds, ...(serviceCode ? { serviceCode } : {}) }, queueResponse);
        for (const item of value) refs.set(item.ArchiveReference, toPendingRef(item));
      }
      yield [...refs.values()].sort((a, b) => a.lastChanged - b.lastChanged || (a.sourceId < b.sourceId ? -1 : 1));
    },

    async fetch(ref): Promise<IncomingSubmission> {
      const archiveReference = archiveRefOf(ref);
      const task = await invoke('GetArchivedFormTaskBasicDQ', { ...creds, archiveReference, languageID: LANGUAGE_BOKMAL, includeXmlNamespace: false }, formTaskResponse);
      // GetFormSetPdfBasic names its first field systemName (WSDL), not systemUserName.
      const pdf = await invoke('GetFormSetPdfBasic', { systemName: config.systemUserName, systemPassword: config.systemPassword, archiveReference, languageId: LANGUAGE_BOKMAL }, pdfResponse);
      try {
        return toSubmission(ref, task.value, decodeBinary(pdf.value, pdf.mtom), task.mtom);
      } catch (e) {
        throw new IntegrationError('transient', `Altinn 2 DownloadQueue GetArchivedFormTaskBasicDQ: ${describeLocal(e)}`, { integration: INTEGRATION });
      }
    },

    async confirm(ref) {
      const r = await call('PurgeItem', { ...creds, archiveReference: archiveRefOf(ref) });
      // PurgeItem is not idempotent at Altinn: a repeat (say, after a crash between the purge and
      // our bookkeeping) faults with "not in the queue". confirm is only called for items we
      // fetched and stored, so that fault means the purge has already happened.
      if (r.ok || (r.failure.notInQueue && r.failure.kind !== 'auth')) return;
      throw toIntegrationError('PurgeItem', r.failure);
    },
  };

  function archiveRefOf(ref: PendingRef): string {
    const ar = ref.a2ArchiveRef ?? (ref.source === 'altinn2' ? ref.sourceId : null);
    if (!ar) throw new IntegrationError('permanent', 'Altinn 2 DownloadQueue: the reference has no Altinn 2 archive reference', { integration: INTEGRATION });
    return ar;
  }

  function toIntegrationError(op: Op, a: Analysis): IntegrationError {
    return new IntegrationError(a.kind, redact(`Altinn 2 DownloadQueue ${op}: ${a.message}`, config.systemPassword), {
      integration: INTEGRATION,
      retryAfterMs: a.retryAfterMs,
      // a plain summary: the transport error holds the request body, password included
      cause: { op, status: a.status, code: a.code, errorId: a.errorId },
    });
  }
}

type SoapAsync = (args: unknown, options: unknown) => Promise<[unknown, unknown, unknown, unknown, IMTOMAttachments?]>;

// --- failure analysis ------------------------------------------------------------------------

interface Analysis {
  kind: IntegrationErrorKind;
  message: string;
  status?: number;
  code?: string;
  errorId?: number;
  retryAfterMs?: number;
  notInQueue?: boolean;
}

interface SoapishError {
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
  response?: { status?: number; headers?: Record<string, unknown> };
  code?: string;
  cause?: { code?: string };
  Fault?: { faultstring?: string };
}

function analyse(e: unknown, clock: Clock): Analysis {
  const err = (e ?? {}) as SoapishError;
  const status = typeof err.response?.status === 'number' ? err.response.status : undefined;
  const fault = err.root?.Envelope?.Body?.Fault;

  const altinn = fault ? altinnFaultOf(fault) : undefined;
  if (altinn) {
    const { errorId, text } = altinn;
    const base = { status, errorId, message: `AltinnFault ${errorId ?? '?'}: ${text}` };
    if ((errorId !== undefined && AUTH_IDS.has(errorId)) || AUTH_TEXT.test(text)) return { ...base, kind: 'auth' };
    const notInQueue = errorId === NOT_IN_QUEUE_ID || NOT_IN_QUEUE_TEXT.test(text);
    if ((errorId !== undefined && PERMANENT_IDS.has(errorId)) || notInQueue || NOT_FOUND_TEXT.test(text)) return { ...base, kind: 'permanent', notInQueue };
    return { ...base, kind: 'transient' }; // Altinn-side failures carry an AltinnFault too
  }
  if (fault) {
    const code = String(valueOf(fault.faultcode) ?? '').split(':').pop() ?? '';
    return { status, kind: CLIENT_FAULT_CODES.has(code) ? 'permanent' : 'transient', message: `SOAP fault ${code}: ${String(valueOf(fault.faultstring) ?? '')}` };
  }
  if (status === 429) return { status, kind: 'rate-limited', message: 'HTTP 429', retryAfterMs: retryAfter(err.response?.headers?.['retry-after'], clock) };
  if (status === 401 || status === 403) return { status, kind: 'auth', message: `HTTP ${status}` };
  if (status !== undefined && (status >= 500 || status === 408)) return { status, kind: 'transient', message: `HTTP ${status}` };
  if (status !== undefined && status >= 400) return { status, kind: 'permanent', message: `HTTP ${status}` };
  if (status !== undefined) return { status, kind: 'transient', message: `malformed response (HTTP ${status})` };
  const code = err.code ?? err.cause?.code;
  if (code && NETWORK_CODES.has(code)) return { code, kind: 'transient', message: code === 'ECONNABORTED' ? 'timeout' : code };
  if (err.Fault?.faultstring) return { kind: 'transient', message: `malformed response (${err.Fault.faultstring})` };
  return { code, kind: 'transient', message: code ?? 'request failed' };
}

function altinnFaultOf(fault: Record<string, unknown>): { errorId?: number; text: string } | undefined {
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

function describeLocal(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function findUp(rel: string): string {
  for (let dir = __dirname, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, rel);
    if (fs.existsSync(p)) return p;
  }
  return path.resolve(rel);
}
