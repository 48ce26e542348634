/**
 * ArchivePort over the Noark 4 web service (Noark4WS: GetNoarksak, PutNoarksak, GetJournpost,
 * PutJournpost; document/literal SOAP 1.1), for municipalities still on a Noark 4 system.
 *
 * The `soap` client is built from the WSDL the app ships; its one import (the types schema,
 * referenced by an http URL) is redirected to the shipped copy next to it, so nothing is
 * fetched. Only the endpoint comes from config. Payloads are written by noark4-ws.mapper in the
 * schema's element order and answers are read from the raw response with the safe parser.
 *
 * Idempotency: Postmottak's keys travel in the schema's own EksternNokkelType fields
 * (saEksternNokkel / jpEksternNokkel, eksternSystem = "Postmottak"), and both Get operations
 * can select by them. Put answers carry only a status, so the numbers are read back with a Get.
 *
 *   new application:  GetNoarksak(key) → PutNoarksak(sak + journpost I nested) → GetNoarksak(key)
 *   reply:            GetNoarksak(key) → PutJournpost(U) → GetJournpost(U key) → PutJournpost(I: avskrivning)
 *
 * Whatever an earlier call left undone (journalpost missing in the case, documents or rows
 * missing, avskrivning not recorded) is completed; nothing is created twice.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { BasicAuthSecurity, createClientAsync, type Client } from 'soap';
import type { ArchivedCaseFile, ArchivedEntry, EntryRecord } from '../../electron/core/archive/archive-record';
import { IntegrationError, type IntegrationErrorKind } from '../../electron/core/errors';
import type { ArchiveDelivery, ArchivePort, DeliveryResult, SentDelivery } from '../../electron/core/ports/archive.port';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import { parseXmlSafe } from '../shared/xml/safe-xml';
import { AVSKRIVNINGSMAATE, sentNote } from './noark-codes';
import {
  avsmotRows,
  bodyPayload,
  getJournpostRequest,
  getJournpostSentRequest,
  getNoarksakRequest,
  journpostSentXml,
  journpostUpdateXml,
  journpostXml,
  kidsOf,
  N4_IHTYPE,
  noarksakXml,
  putJournpostRequest,
  putNoarksakRequest,
  readJournpost,
  readSentState,
  readNoarksak,
  readStatus,
  type AvsmotRow,
  type DocumentPayload,
  type N4Journpost,
  type N4Noarksak,
} from './noark4-ws.mapper';

export interface Noark4WsConfig {
  /** The service endpoint, e.g. https://arkiv.kommune.no/noark4ws */
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
}

export interface Noark4WsDeps {
  /** resources/wsdl/noark4/noark4ws.wsdl; the types XSDs sit next to it. */
  wsdlPath: string;
}

export type Noark4WsOp = 'GetNoarksak' | 'PutNoarksak' | 'GetJournpost' | 'PutJournpost';

const INTEGRATION = 'archive';
const NAME = 'Noark 4 WS';
const MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_BAD_RESPONSE', 'UND_ERR_SOCKET']);
/** SOAP 1.1/1.2 fault codes that say our request was wrong. */
const CLIENT_FAULT_CODES = new Set(['Client', 'Sender']);

export function createNoark4WsAdapter(config: Noark4WsConfig, deps: Noark4WsDeps): ArchivePort & { probeLookup(key: string): Promise<number> } {
  let client: Promise<Client> | null = null;
  const wsdlDir = path.dirname(deps.wsdlPath);

  const getClient = (): Promise<Client> => {
    client ??= createClientAsync(deps.wsdlPath, {
      disableCache: true,
      // the WSDL imports the types schema by an http URL: use the shipped copy beside it
      wsdl_options: { overrideImportLocation: (location: string) => path.join(wsdlDir, path.basename(location.split(/[?#]/)[0]!)) },
    }).then(
      (c) => {
        c.setEndpoint(config.url);
        c.setSecurity(new BasicAuthSecurity(config.username, config.password));
        return c;
      },
      (e: unknown) => {
        client = null;
        throw new IntegrationError('permanent', `${NAME}: cannot load the WSDL (${e instanceof Error ? e.message : String(e)})`, { integration: INTEGRATION });
      },
    );
    return client;
  };

  /** One SOAP call; the answer's payload element. Status ERROR is the archive refusing the request. */
  async function call(op: Noark4WsOp, payloadXml: string): Promise<XmlElement> {
    const c = await getClient();
    const method = (c as unknown as Record<string, SoapAsync>)[`${op}Async`]!;
    let raw: unknown;
    try {
      const out = await method.call(c, { _xml: payloadXml }, { timeout: config.timeoutMs });
      raw = out[1];
    } catch (e) {
      throw toError(op, analyse(e));
    }
    if (typeof raw !== 'string') throw new IntegrationError('transient', `${NAME} ${op}: empty response`, { integration: INTEGRATION });
    const parsed = parseXmlSafe(raw, { maxBytes: MAX_RESPONSE_BYTES, maxDepth: 32, maxElements: 1_000_000 });
    const payload = parsed.ok ? bodyPayload(parsed.root) : undefined;
    if (!payload || payload.name !== `${op}Response`) throw new IntegrationError('transient', `${NAME} ${op}: unexpected response content`, { integration: INTEGRATION });
    const status = readStatus(payload);
    if (status.type === 'ERROR') {
      const text = status.messages.map((m) => (m.code ? `${m.code}: ${m.text}` : m.text)).join('; ') || 'status ERROR';
      throw toError(op, { kind: 'validation', message: text });
    }
    return payload;
  }

  async function findCase(key: string, saId: string | null): Promise<N4Noarksak | null> {
    const byKey = kidsOf(await call('GetNoarksak', getNoarksakRequest({ key })), 'noarksak').map(readNoarksak);
    const hit = byKey.find((s) => s.key === key) ?? byKey[0];
    if (hit || !saId) return hit ?? null;
    // a case an earlier delivery made, but the archive did not keep our key on it
    const byId = kidsOf(await call('GetNoarksak', getNoarksakRequest({ saId })), 'noarksak').map(readNoarksak);
    return byId.find((s) => s.saId === saId) ?? null;
  }

  async function findEntry(key: string): Promise<N4Journpost | null> {
    const found = kidsOf(await call('GetJournpost', getJournpostRequest({ key })), 'journpost').map(readJournpost);
    return found.find((j) => j.key === key) ?? null;
  }

  async function loadDocuments(d: ArchiveDelivery, only?: Set<number>): Promise<DocumentPayload[]> {
    const out: DocumentPayload[] = [];
    for (const doc of d.entry.documents) {
      if (only && !only.has(doc.number)) continue;
      const bytes = await d.loadDocument(doc.sha256);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== doc.sha256.toLowerCase()) throw new IntegrationError('permanent', `${NAME}: document ${doc.number} does not match its checksum`, { integration: INTEGRATION });
      out.push({ doc, bytes });
    }
    return out;
  }

  return {
    transport: 'noark4-ws',

    async deliver(d): Promise<DeliveryResult> {
      const { caseFile: c, entry: e } = d;

      // 1. The case, with its journalposts, by our key; create it (with the entry nested) if missing.
      let sak = await findCase(c.externalKey, d.knownCaseFile?.archiveSystemId ?? null);
      if (!sak) {
        const documents = await loadDocuments(d);
        await call('PutNoarksak', putNoarksakRequest(noarksakXml(c, [journpostXml(e, { caseKey: c.externalKey, sak: null, documents })])));
        sak = await findCase(c.externalKey, null);
        if (!sak) throw new IntegrationError('transient', `${NAME} PutNoarksak: the archive accepted the case but does not find it by its ekstern nøkkel`, { integration: INTEGRATION });
      }
      const caseNumbers = archivedCase(sak);

      // 2. The entry: create it, or complete what is missing on it.
      let jp = sak.journpost.find((j) => j.key === e.externalKey) ?? null;
      // An answer without any journalpost may be an archive that ignores returnJposts: ask directly.
      if (!jp && sak.journpost.length === 0) jp = await findEntry(e.externalKey);
      if (!jp) {
        const documents = await loadDocuments(d);
        const ctx = { caseKey: c.externalKey, sak: { saSaar: String(caseNumbers.saksaar), saSeknr: String(caseNumbers.sakssekvensnummer) }, documents };
        await call('PutJournpost', putJournpostRequest(journpostXml(e, ctx)));
        jp = await findEntry(e.externalKey);
        if (!jp) throw new IntegrationError('transient', `${NAME} PutJournpost: the archive accepted the journalpost but does not find it by its ekstern nøkkel`, { integration: INTEGRATION });
      } else {
        const missingRows = missingCorrespondents(e, jp);
        const have = new Set(jp.dokument.map((x) => Number(x.dlRnr)));
        const missingDocs = new Set(e.documents.map((x) => x.number).filter((n) => !have.has(n)));
        if (missingRows.length || missingDocs.size) {
          const documents = missingDocs.size ? await loadDocuments(d, missingDocs) : [];
          await call('PutJournpost', putJournpostRequest(journpostUpdateXml(existing(jp, e.externalKey), missingRows, documents)));
          jp = (await findEntry(e.externalKey)) ?? jp;
        }
      }
      const entryNumbers = archivedEntry(jp, e);

      // 3. A reply closes the application: avskrivning on the incoming entry's AVSMOT row.
      if (e.closes) {
        const closes = e.closes;
        let target = sak.journpost.find((j) => j.key === closes.externalKey) ?? (await findEntry(closes.externalKey));
        if (!target && closes.archiveSystemId) {
          const byId = kidsOf(await call('GetJournpost', getJournpostRequest({ jpId: closes.archiveSystemId })), 'journpost').map(readJournpost);
          target = byId.find((j) => j.jpId === closes.archiveSystemId) ?? null;
        }
        if (!target) throw new IntegrationError('permanent', `${NAME}: the entry this reply closes (${closes.externalKey}) is not in the archive`, { integration: INTEGRATION });
        if (!target.avsmot.some((r) => r.amAvskm)) {
          const row = target.avsmot.find((r) => r.amBehansv === '1') ?? target.avsmot.find((r) => r.amIhtype === N4_IHTYPE.avsender) ?? target.avsmot[0];
          if (!row?.amId) throw new IntegrationError('permanent', `${NAME}: the entry this reply closes has no avsender/mottaker row to write the avskrivning on`, { integration: INTEGRATION });
          const update: AvsmotRow = {
            amId: row.amId,
            amIhtype: row.amIhtype ?? N4_IHTYPE.avsender,
            amAvskm: AVSKRIVNINGSMAATE[closes.avskrivningsmaate].code,
            amAvskdato: e.journaldato,
            amAvsavdok: entryNumbers.archiveSystemId,
            amAvsavEksternNokkel: e.externalKey,
          };
          await call('PutJournpost', putJournpostRequest(journpostUpdateXml(existing(target, closes.externalKey), [update], [])));
        }
      }

      return { state: 'archived', caseFile: caseNumbers, entry: entryNumbers };
    },

    /** #13 item 7: JP.STATUS E and a TILLEGGSINFO note with the send date and channel, each once. */
    async markSent(d: SentDelivery): Promise<void> {
      const j = kidsOf(await call('GetJournpost', getJournpostSentRequest(d.archived.archiveSystemId)), 'journpost')[0];
      if (!j) throw new IntegrationError('permanent', `${NAME}: journalposten som er sendt, finnes ikke i arkivet`, { integration: INTEGRATION });
      const now = readSentState(j);
      const noted = now.notes.includes(sentNote(d.sent));
      if (now.jpStatus === 'E' && noted) return;
      await call('PutJournpost', putJournpostRequest(journpostSentXml(existing(readJournpost(j), d.entry.externalKey), noted ? null : d.sent)));
    },

    /** "Test tilkobling" (#17 item 1): GetNoarksak by a key no case carries; the number found. */
    async probeLookup(key) {
      return kidsOf(await call('GetNoarksak', getNoarksakRequest({ key })), 'noarksak').length;
    },

    async close() {
      client = null;
    },
  };

  function toError(op: Noark4WsOp, a: Analysis): IntegrationError {
    return new IntegrationError(a.kind, redact(`${NAME} ${op}: ${a.message}`, config.password), {
      integration: INTEGRATION,
      // a plain summary: the transport error holds the request body (documents, names, fødselsnummer)
      cause: { op, status: a.status, code: a.code },
    });
  }
}

type SoapAsync = (args: unknown, options: unknown) => Promise<[unknown, unknown, unknown, unknown]>;

function existing(j: N4Journpost, key: string): { jpId: string; jpInnhold: string; jpNdoktype: string | null; externalKey: string } {
  if (!j.jpId) throw new IntegrationError('transient', `${NAME}: the archive answered a journalpost without JP.ID`, { integration: INTEGRATION });
  return { jpId: j.jpId, jpInnhold: j.jpInnhold ?? '', jpNdoktype: j.jpNdoktype, externalKey: key };
}

function missingCorrespondents(e: EntryRecord, jp: N4Journpost): AvsmotRow[] {
  return avsmotRows(e).filter((r) => !jp.avsmot.some((a) => a.amIhtype === r.amIhtype && a.amNavn === r.amNavn));
}

const int = (v: string | null): number | null => (v !== null && /^\d+$/.test(v) ? Number(v) : null);

function archivedCase(s: N4Noarksak): ArchivedCaseFile {
  const saksaar = int(s.saSaar);
  const seq = int(s.saSeknr);
  if (!s.saId || saksaar === null || seq === null) throw new IntegrationError('transient', `${NAME} GetNoarksak: the case has no SA.ID/SA.SAAR/SA.SEKNR`, { integration: INTEGRATION });
  return { archiveSystemId: s.saId, saksaar, sakssekvensnummer: seq };
}

/** Noark4WS exposes no DB.DOKID; a document is named by its journalpost and DL.RNR ("JP.ID/DL.RNR"). */
function archivedEntry(j: N4Journpost, e: EntryRecord): ArchivedEntry {
  const journalaar = int(j.jpJaar);
  const seq = int(j.jpSeknr);
  const postnr = int(j.jpJpostnr);
  if (!j.jpId || journalaar === null || seq === null || postnr === null) throw new IntegrationError('transient', `${NAME} GetJournpost: the journalpost has no JP.ID/JP.JAAR/JP.SEKNR/JP.JPOSTNR`, { integration: INTEGRATION });
  const have = new Set(j.dokument.map((x) => Number(x.dlRnr)));
  const missing = e.documents.filter((x) => !have.has(x.number));
  if (missing.length) throw new IntegrationError('transient', `${NAME}: the journalpost lacks document(s) ${missing.map((x) => x.number).join(', ')} after the update`, { integration: INTEGRATION });
  return {
    archiveSystemId: j.jpId,
    journalaar,
    journalsekvensnummer: seq,
    journalpostnummer: postnr,
    documents: e.documents.map((x) => ({ number: x.number, archiveSystemId: `${j.jpId}/${x.number}` })),
  };
}

// --- failure analysis ------------------------------------------------------------------------

interface Analysis {
  kind: IntegrationErrorKind;
  message: string;
  status?: number;
  code?: string;
}

interface SoapishError {
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
  response?: { status?: number };
  code?: string;
  cause?: { code?: string };
  message?: string;
}

function analyse(e: unknown): Analysis {
  const err = (e ?? {}) as SoapishError;
  const status = typeof err.response?.status === 'number' ? err.response.status : undefined;
  const fault = err.root?.Envelope?.Body?.Fault;
  if (status === 401 || status === 403) return { status, kind: 'auth', message: `HTTP ${status}` };
  if (fault) {
    const code = String(valueOf(fault.faultcode) ?? valueOf((fault.Code as Record<string, unknown> | undefined)?.Value) ?? '').split(':').pop() ?? '';
    const text = String(valueOf(fault.faultstring) ?? valueOf((fault.Reason as Record<string, unknown> | undefined)?.Text) ?? '').trim();
    return { status, kind: CLIENT_FAULT_CODES.has(code) ? 'validation' : 'transient', message: text || `SOAP fault ${code}` };
  }
  if (status === 429) return { status, kind: 'rate-limited', message: 'HTTP 429' };
  if (status !== undefined && (status >= 500 || status === 408)) return { status, kind: 'transient', message: `HTTP ${status}` };
  if (status === 400) return { status, kind: 'validation', message: 'HTTP 400' };
  if (status !== undefined && status >= 400) return { status, kind: 'permanent', message: `HTTP ${status}` };
  const code = err.code ?? err.cause?.code;
  if (code && NETWORK_CODES.has(code)) return { code, kind: 'transient', message: code === 'ECONNABORTED' ? 'timeout' : code };
  if (/timeout/i.test(err.message ?? '')) return { code, kind: 'transient', message: 'timeout' };
  return { code, kind: 'transient', message: code ?? 'request failed' };
}

function valueOf(v: unknown): unknown {
  return v && typeof v === 'object' && '$value' in v ? (v as { $value: unknown }).$value : v;
}

/** Error texts never carry the password or a fødselsnummer. */
function redact(text: string, password: string): string {
  const out = password ? text.split(password).join('[skjult]') : text;
  return out.replace(/(?<!\d)\d{11}(?!\d)/g, '***********');
}
