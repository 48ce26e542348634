/**
 * CorrespondencePort over Altinn 2 CorrespondenceAgencyExternalBasic (SOAP 1.1, legacy; Altinn 2
 * closed 19 June 2026). The `soap` client is built from the WSDL the app ships; only the
 * endpoint comes from config. One attempt per call; failures are IntegrationErrors.
 *
 * send() is idempotent by SendersReference: it first asks GetCorrespondenceStatusDetailsBasicV3
 * for a correspondence with the reply's reference (ExternalShipmentReference) in the service,
 * and inserts only when there is none. The port's correspondenceId is
 * "{serviceCode}/{serviceEdition}/{CorrespondenceID}", so status() knows which service to ask.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createClientAsync, type Client } from 'soap';
import type { ZodType } from 'zod';
import { IntegrationError, type IntegrationErrorKind } from '../../electron/core/errors';
import type { Clock } from '../../electron/core/ports/clock.port';
import type { CorrespondencePort, CorrespondenceStatus, OutgoingCorrespondence, SendResult } from '../../electron/core/ports/correspondence.port';
import { parseAltinnDateTime } from './altinn2.mapper';
import {
  DEFAULT_TEMPLATES,
  hasStatus,
  insertCorrespondenceXml,
  parseCorrespondenceRefId,
  receiptResponse,
  statusResponse,
  toCorrespondenceRefId,
  toCorrespondenceStatus,
  type NotificationTemplates,
  type StatusV2,
} from './altinn2-correspondence.mapper';

export interface Altinn2CorrespondenceConfig {
  /** e.g. https://www.altinn.no/ServiceEngineExternal/CorrespondenceAgencyExternalBasic.svc */
  url: string;
  systemUserName: string;
  /** Resolved from the SecretStore, never from the config file. */
  systemPassword: string;
  systemUserCode: string;
  timeoutMs?: number;
  /** NotificationType template names (default VarselDPVMedRevarsel / VarselDPVUtenRevarsel). */
  notificationTemplates?: NotificationTemplates;
}

export interface Altinn2CorrespondenceDeps {
  /** Defaults to resources/wsdl/altinn2/CorrespondenceAgencyExternalBasic.wsdl. */
  wsdlPath?: string;
  clock?: Clock;
}

type Op = 'InsertCorrespondenceBasicV2' | 'GetCorrespondenceStatusDetailsBasicV3';

const INTEGRATION = 'altinn2-correspondence';
const WSDL_REL = path.join('resources', 'wsdl', 'altinn2', 'CorrespondenceAgencyExternalBasic.wsdl');
const RESERVED_MESSAGE = 'Altinn 2 avviste forsendelsen: mottakeren er reservert mot digital post (KRR).';

/** AltinnFault ErrorIDs: 5/6 Altinn's system authentication; 30100–30103 the simulator's (Altinn's are undocumented). */
const AUTH_IDS = new Set([5, 6]);
const RESERVED_IDS = new Set([30102]);
const VALIDATION_IDS = new Set([30100, 30101, 30103]);
const AUTH_TEXT = /authenticat|password|passord|InvalidSystemName|locked out|not authori[sz]ed|ikke autorisert|SystemUserCode/i;
const RESERVED_TEXT = /reserv/i;
const VALIDATION_TEXT = /required|not valid|invalid|ugyldig|mangler|not supported|må oppgis/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_BAD_RESPONSE', 'UND_ERR_SOCKET']);
const CLIENT_FAULT_CODES = new Set(['Client', 'Sender', 'ActionNotSupported', 'DeserializationFailed']);

export function createAltinn2CorrespondenceAdapter(config: Altinn2CorrespondenceConfig, deps: Altinn2CorrespondenceDeps = {}): CorrespondencePort {
  const clock = deps.clock ?? { now: () => Date.now() };
  const wsdlPath = deps.wsdlPath ?? findUp(WSDL_REL);
  const creds = { systemUserName: config.systemUserName, systemPassword: config.systemPassword };
  let client: Promise<Client> | null = null;

  const getClient = (): Promise<Client> => {
    client ??= createClientAsync(wsdlPath, { disableCache: true, customDeserializer: { dateTime: (text: string) => text } }).then(
      (c) => {
        c.setEndpoint(config.url);
        return c;
      },
      (e: unknown) => {
        client = null;
        throw new IntegrationError('permanent', `Altinn 2 Correspondence: kan ikke lese WSDL (${e instanceof Error ? e.message : String(e)})`, { integration: INTEGRATION });
      },
    );
    return client;
  };

  async function invoke<T>(op: Op, args: Record<string, unknown>, schema: ZodType<T>): Promise<T> {
    const c = await getClient();
    const method = (c as unknown as Record<string, SoapAsync>)[`${op}Async`]!;
    let result: unknown;
    try {
      result = (await method.call(c, args, { timeout: config.timeoutMs ?? 60_000 }))[0];
    } catch (e) {
      throw failure(op, analyse(e, clock));
    }
    const parsed = schema.safeParse(result);
    if (!parsed.success) throw new IntegrationError('transient', `Altinn 2 Correspondence ${op}: uventet svar`, { integration: INTEGRATION });
    return parsed.data;
  }

  function failure(op: Op, a: Analysis): IntegrationError {
    return new IntegrationError(a.kind === 'reserved' ? 'validation' : a.kind, redact(`Altinn 2 Correspondence ${op}: ${a.message}`, config.systemPassword), {
      integration: INTEGRATION,
      retryAfterMs: a.retryAfterMs,
      cause: { op, status: a.status, code: a.code, errorId: a.errorId, reserved: a.kind === 'reserved' },
    });
  }

  /** Every correspondence in the service with this SendersReference, oldest first. */
  async function lookup(service: { serviceCode: string; serviceEdition: number }, sendersReference: string): Promise<StatusV2[]> {
    // Element order is the CorrespondenceStatusFilterV3 sequence's.
    const filterCriteria = { SendersReference: sendersReference, ServiceCode: service.serviceCode, ServiceEditionCode: service.serviceEdition };
    const list = await invoke('GetCorrespondenceStatusDetailsBasicV3', { ...creds, filterCriteria }, statusResponse);
    return list.filter((s) => s.SendersReference === undefined || s.SendersReference === null || s.SendersReference === sendersReference).sort((a, b) => a.CorrespondenceID - b.CorrespondenceID);
  }

  function existingResult(service: { serviceCode: string; serviceEdition: number }, s: StatusV2): SendResult {
    if (hasStatus(s, 'Reserved')) return { outcome: 'reserved', message: RESERVED_MESSAGE };
    const created = s.CreatedDate ? parseAltinnDateTime(s.CreatedDate) : NaN;
    return { outcome: 'sent', correspondenceId: toCorrespondenceRefId(service, s.CorrespondenceID), at: Number.isNaN(created) ? clock.now() : created };
  }

  return {
    transport: 'altinn2',

    async send(c: OutgoingCorrespondence): Promise<SendResult> {
      const service = c.altinn2Service;
      if (!service) throw new IntegrationError('permanent', 'Altinn 2 Correspondence: tjenesten mangler altinn2Service (ServiceCode/ServiceEdition)', { integration: INTEGRATION });
      const before = await lookup(service, c.sendersReference);
      if (before[0]) return existingResult(service, before[0]);

      const now = clock.now();
      let receipt;
      try {
        receipt = await invoke(
          'InsertCorrespondenceBasicV2',
          {
            ...creds,
            SystemUserCode: config.systemUserCode,
            ExternalShipmentReference: c.sendersReference,
            Correspondence: { $xml: insertCorrespondenceXml(c, service, now, config.notificationTemplates ?? DEFAULT_TEMPLATES) },
          },
          receiptResponse,
        );
      } catch (e) {
        if (e instanceof IntegrationError && (e.options.cause as { reserved?: boolean } | undefined)?.reserved) return { outcome: 'reserved', message: RESERVED_MESSAGE };
        throw e;
      }
      if (receipt.ReceiptStatusCode !== 'OK') {
        const kind: IntegrationErrorKind = receipt.ReceiptStatusCode === 'UnExpectedError' ? 'transient' : 'validation';
        throw new IntegrationError(kind, redact(`Altinn 2 Correspondence InsertCorrespondenceBasicV2: kvittering ${receipt.ReceiptStatusCode ?? '?'}: ${receipt.ReceiptText ?? ''}`, config.systemPassword), {
          integration: INTEGRATION,
        });
      }
      // the receipt does not carry the CorrespondenceID: ask for it by the reference just used
      const after = await lookup(service, c.sendersReference);
      if (after[0]) return existingResult(service, after[0]);
      return { outcome: 'sent', correspondenceId: toCorrespondenceRefId(service, `receipt-${receipt.ReceiptId ?? 0}`), at: now };
    },

    async status(refs): Promise<CorrespondenceStatus[]> {
      const out: (CorrespondenceStatus | null)[] = new Array<CorrespondenceStatus | null>(refs.length).fill(null);
      let next = 0;
      const worker = async () => {
        while (next < refs.length) {
          const i = next++;
          const ref = refs[i]!;
          const id = parseCorrespondenceRefId(ref.correspondenceId);
          if (!id) continue; // not one of ours: unknown
          const found = await lookup({ serviceCode: id.serviceCode, serviceEdition: id.serviceEdition }, ref.sendersReference);
          const s = id.correspondenceId === null ? found[0] : found.find((x) => x.CorrespondenceID === id.correspondenceId);
          if (s) out[i] = toCorrespondenceStatus(ref.correspondenceId, s);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(4, refs.length)) }, worker));
      return out.filter((s): s is CorrespondenceStatus => s !== null);
    },
  };
}

type SoapAsync = (args: unknown, options: unknown) => Promise<[unknown, unknown, unknown, unknown]>;

// --- failure analysis ------------------------------------------------------------------------

interface Analysis {
  kind: IntegrationErrorKind | 'reserved';
  message: string;
  status?: number;
  code?: string;
  errorId?: number;
  retryAfterMs?: number;
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
    const is = (ids: Set<number>) => errorId !== undefined && ids.has(errorId);
    if (is(AUTH_IDS) || AUTH_TEXT.test(text)) return { ...base, kind: 'auth' };
    if (is(RESERVED_IDS) || RESERVED_TEXT.test(text)) return { ...base, kind: 'reserved' };
    if (is(VALIDATION_IDS) || VALIDATION_TEXT.test(text)) return { ...base, kind: 'validation' };
    return { ...base, kind: 'transient' }; // Altinn-side failures carry an AltinnFault too
  }
  if (fault) {
    const code = String(valueOf(fault.faultcode) ?? '').split(':').pop() ?? '';
    return { status, code, kind: CLIENT_FAULT_CODES.has(code) ? 'validation' : 'transient', message: `SOAP fault ${code}: ${String(valueOf(fault.faultstring) ?? '')}` };
  }
  if (status === 429) return { status, kind: 'rate-limited', message: 'HTTP 429', retryAfterMs: retryAfter(err.response?.headers?.['retry-after'], clock) };
  if (status === 401 || status === 403) return { status, kind: 'auth', message: `HTTP ${status}` };
  if (status !== undefined && (status >= 500 || status === 408)) return { status, kind: 'transient', message: `HTTP ${status}` };
  if (status !== undefined && status >= 400) return { status, kind: 'permanent', message: `HTTP ${status}` };
  if (status !== undefined) return { status, kind: 'transient', message: `ugyldig svar (HTTP ${status})` };
  const code = err.code ?? err.cause?.code;
  if (code && NETWORK_CODES.has(code)) return { code, kind: 'transient', message: code === 'ECONNABORTED' ? 'tidsavbrudd' : code };
  if (err.Fault?.faultstring) return { kind: 'transient', message: `ugyldig svar (${err.Fault.faultstring})` };
  return { code, kind: 'transient', message: code ?? 'kallet feilet' };
}

function altinnFaultOf(fault: Record<string, unknown>): { errorId?: number; text: string } | undefined {
  const detail = fault.detail as Record<string, unknown> | undefined;
  const af = detail && typeof detail === 'object' ? (detail.AltinnFault as Record<string, unknown> | undefined) : undefined;
  if (!af || typeof af !== 'object') return undefined;
  const id = Number(valueOf(af.ErrorID));
  const text = [af.AltinnErrorMessage, af.AltinnLocalizedErrorMessage].map(valueOf).find((v) => typeof v === 'string' && v.trim()) ?? '';
  return { errorId: Number.isInteger(id) ? id : undefined, text: String(text).trim() };
}

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

function findUp(rel: string): string {
  for (let dir = __dirname, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, rel);
    if (fs.existsSync(p)) return p;
  }
  return path.resolve(rel);
}
