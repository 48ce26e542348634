/**
 * Altinn 2 DownloadQueueExternalBasic (SOAP 1.1) simulator, written from the WSDL the app ships
 * (resources/wsdl/altinn2/DownloadQueueExternalBasic.svc.wsdl) and Altinn/docs "DownloadQueue".
 *
 * `soap` does the endpoint, SOAPAction dispatch and envelopes. The message bodies are written
 * here in the style of WCF's DataContractSerializer, because `soap` would put every nested
 * element in the operation namespace, while the WSDL puts the item types in their own
 * namespaces. Parameters are read namespace-aware and in order, as WCF does: a parameter in
 * the wrong namespace or out of order is simply absent (usually ending in the auth fault).
 * Binary data is inline base64; MTOM (the WSDL's policy) is not produced.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { listen, type IServices } from 'soap';
import type { SeedSubmission } from './sim-types';

/** What this extension needs from the simulator state (SimState satisfies it). */
export interface A2QueueState {
  /** Items with `altinn2` set and not purged, oldest first by completedAt. */
  a2Queue(): SeedSubmission[];
  /** Any A2 item, purged or not (the archive keeps purged items). */
  a2Item(archiveReference: string): SeedSubmission | undefined;
  /** Removes the item from the queue; false / 'unknown' / 'already-purged' when it was not in it. */
  purge(archiveReference: string): boolean | 'purged' | 'already-purged' | 'unknown';
  countPurgeCall?(archiveReference: string): void;
}

export interface DownloadQueueExtensionOptions {
  systemUserName: string;
  systemPassword: string;
  path?: string;
  /** Defaults to the shipped WSDL under resources/. */
  wsdlPath?: string;
}

export const DOWNLOAD_QUEUE_PATH = '/ArchiveExternal/DownloadQueueExternalBasic.svc';
export const DOWNLOAD_QUEUE_MAX_ITEMS = 500;

/**
 * AltinnFault ErrorIDs. 5 and 6 are the ids Altinn 2 gave for a bad system name / failed system
 * authentication (felleslosninger/docs, eFormidling "Kjente feil"); the DownloadQueue docs name
 * no ids for the rest, so 30000-30002 are this simulator's own.
 */
export const A2_FAULT = {
  invalidSystem: 5,
  authenticationFailed: 6,
  invalidRequest: 30000,
  unknownArchiveReference: 30001,
  /** PurgeItem on a reference that is unknown or already purged: the real service has no idempotent purge. */
  notInQueue: 30002,
} as const;

const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  tns: 'http://www.altinn.no/services/Archive/DownloadQueue/2012/08',
  contract: 'http://www.altinn.no/services/2009/10',
  dq: 'http://schemas.altinn.no/services/Archive/DownloadQueue/2012/08',
  archive: 'http://schemas.altinn.no/services/Archive/ReporteeArchive/2012/08',
  fault: 'http://www.altinn.no/services/common/fault/2009/10',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

const WSDL_REL = path.join('resources', 'wsdl', 'altinn2', 'DownloadQueueExternalBasic.svc.wsdl');

export function downloadQueueExtension(opts: DownloadQueueExtensionOptions): (server: http.Server, state: A2QueueState) => void {
  const wsdlText = fs.readFileSync(opts.wsdlPath ?? findUp(WSDL_REL), 'utf8');
  return (server, state) => {
    const raw = new WeakMap<object, string>();
    // Takes over the server's 'request' listeners on the next tick: attach the REST handler first.
    const soapServer = listen(server, { path: opts.path ?? DOWNLOAD_QUEUE_PATH, services: services(opts, state, raw), xml: wsdlText, suppressStack: true });
    soapServer.log = (type, data, req) => {
      if (type === 'received' && typeof data === 'string') raw.set(req, data);
    };
  };
}

// --- operations ------------------------------------------------------------------------------

type A2Seed = SeedSubmission & { altinn2: NonNullable<SeedSubmission['altinn2']> };
type Handler = (args: unknown, cb: unknown, headers: unknown, req: http.IncomingMessage) => { $xml: string } | Record<string, never>;

function services(opts: DownloadQueueExtensionOptions, state: A2QueueState, raw: WeakMap<object, string>): IServices {
  const call = (req: http.IncomingMessage, op: string, names: string[], ns: string = NS.tns) => {
    const el = operationElement(raw.get(req) ?? '');
    if (!el || el.ns !== ns || el.name !== op) {
      const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
      throw soapFault(`The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`);
    }
    return params(el, names);
  };
  const authenticate = (user: string | undefined, password: string | undefined) => {
    if (!user || user !== opts.systemUserName) throw altinnFault(A2_FAULT.invalidSystem, 'InvalidSystemName/Id. Must be a number or valid username.');
    if (password !== opts.systemPassword) throw altinnFault(A2_FAULT.authenticationFailed, 'An exception happened when trying to authenticate the system.');
  };
  const archived = (ref: string | undefined): A2Seed => {
    if (!ref) throw altinnFault(A2_FAULT.invalidRequest, 'archiveReference is required.');
    const item = state.a2Item(ref);
    if (!item?.altinn2) throw altinnFault(A2_FAULT.unknownArchiveReference, `No archived form task found for ArchiveReference ${ref}.`);
    return item as A2Seed;
  };

  const ops: Record<string, Handler> = {
    Test: (_a, _c, _h, req) => {
      call(req, 'Test', [], NS.contract);
      return {};
    },
    GetDownloadQueueItems: (_a, _c, _h, req) => {
      const p = call(req, 'GetDownloadQueueItems', ['systemUserName', 'systemPassword', 'serviceCode']);
      authenticate(p.systemUserName, p.systemPassword);
      const code = p.serviceCode?.trim();
      const items = [...state.a2Queue()]
        .filter((s) => s.altinn2 && (!code || s.altinn2.serviceCode === code))
        .sort((a, b) => a.completedAt - b.completedAt || cmp(a.altinn2?.archiveReference, b.altinn2?.archiveReference))
        .slice(0, DOWNLOAD_QUEUE_MAX_ITEMS);
      return { $xml: queueXml(items) };
    },
    GetArchivedFormTaskBasicDQ: (_a, _c, _h, req) => {
      const p = call(req, 'GetArchivedFormTaskBasicDQ', ['systemUserName', 'systemPassword', 'archiveReference', 'languageID', 'includeXmlNamespace']);
      authenticate(p.systemUserName, p.systemPassword);
      return { $xml: formTaskXml(archived(p.archiveReference)) };
    },
    GetFormSetPdfBasic: (_a, _c, _h, req) => {
      // The WSDL names the first field systemName here, unlike every other operation.
      const p = call(req, 'GetFormSetPdfBasic', ['systemName', 'systemPassword', 'archiveReference', 'languageId', 'dataFormatId', 'dataFormatVersion']);
      authenticate(p.systemName, p.systemPassword);
      return { $xml: text('GetFormSetPdfBasicResult', archived(p.archiveReference).receiptPdf.toString('base64')) };
    },
    PurgeItem: (_a, _c, _h, req) => {
      const p = call(req, 'PurgeItem', ['systemUserName', 'systemPassword', 'archiveReference']);
      authenticate(p.systemUserName, p.systemPassword);
      const ref = p.archiveReference;
      if (!ref) throw altinnFault(A2_FAULT.invalidRequest, 'archiveReference is required.');
      state.countPurgeCall?.(ref);
      const r = state.purge(ref);
      if (r === true || r === 'purged') return { $xml: text('PurgeItemResult', 'OK') };
      const why = state.a2Item(ref)?.altinn2 ? 'has already been purged' : 'is unknown';
      throw altinnFault(A2_FAULT.notInQueue, `ArchiveReference ${ref} is not in the DownloadQueue: it ${why}.`);
    },
  };
  return { DownloadQueueExternalBasic: { BasicHttpBinding_IDownloadQueueExternalBasic: ops } };
}

// --- response bodies (WCF DataContract style: prefixed item namespace, i:nil for nulls) ---------

function queueXml(items: SeedSubmission[]): string {
  const rows = items.map((s) => {
    const a2 = s.altinn2!;
    return el('a:DownloadQueueItemBE', [
      text('a:ArchiveReference', a2.archiveReference),
      text('a:ArchivedDate', osloDateTime(s.completedAt)),
      text('a:ReporteeID', s.personNumber),
      text('a:ReporteeType', a2.reporteeType),
      text('a:ServiceCode', a2.serviceCode),
      text('a:ServiceEditionCode', String(a2.serviceEditionCode)),
      nil('a:ShipmentMetadataList'),
    ]);
  });
  return el('GetDownloadQueueItemsResult', rows, ` xmlns:a="${NS.dq}" xmlns:i="${NS.xsi}"`);
}

function formTaskXml(s: A2Seed): string {
  const ref = s.altinn2.archiveReference;
  const at = osloDateTime(s.completedAt);
  const format = dataFormat(s);
  const attachments = s.attachments.map((f, i) =>
    el('a:ArchivedAttachmentDQBE', [
      text('a:ArchiveReference', ref),
      text('a:AttachmentData', f.bytes.toString('base64')),
      text('a:AttachmentType', f.contentType),
      text('a:FileName', f.filename),
      text('a:IsEncrypted', 'false'),
      text('a:AttachmentId', String(i + 1)),
      text('a:AttachmentTypeName', f.dataType),
      text('a:AttachmentTypeNameLanguage', f.dataType),
    ]),
  );
  const form = el('a:ArchivedFormDQBE', [
    text('a:DataFormatID', format.id),
    text('a:DataFormatVersionID', String(format.version)),
    text('a:FormData', s.formXml),
    nil('a:ParentReference'),
    text('a:Reference', s.instanceGuid),
  ]);
  const approver = el('a:ApproverDQBE', [text('a:ApprovedTimeStamp', at), text('a:ApproverID', s.personNumber), text('a:SecurityLevel', 'sensitive')]);
  return el(
    'GetArchivedFormTaskBasicDQResult',
    [
      el('a:Approvers', [approver]),
      text('a:ArchiveReference', ref),
      text('a:ArchiveTimeStamp', at),
      el('a:Attachments', attachments),
      text('a:AttachmentsInResponse', String(attachments.length)),
      text('a:CaseID', '0'),
      text('a:CorrelationReference', '0'),
      el('a:Forms', [form]),
      text('a:FormsInResponse', '1'),
      text('a:Reportee', s.personNumber),
      nil('a:SOEncryptedSymmetricKey'),
      text('a:ServiceCode', s.altinn2.serviceCode),
      text('a:ServiceEditionCode', String(s.altinn2.serviceEditionCode)),
    ],
    ` xmlns:a="${NS.archive}" xmlns:i="${NS.xsi}"`,
  );
}

/** SERES forms carry dataFormatId/dataFormatVersion on the root element; otherwise fall back to the service. */
function dataFormat(s: A2Seed): { id: string; version: number } {
  const id = /\bdataFormatId="([^"]+)"/.exec(s.formXml)?.[1];
  const version = /\bdataFormatVersion="(\d+)"/.exec(s.formXml)?.[1];
  return { id: id ?? s.altinn2.serviceCode, version: version ? Number(version) : s.altinn2.serviceEditionCode };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const el = (name: string, children: string[], attrs = '') => `<${name}${attrs}>${children.join('')}</${name}>`;
const text = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
const nil = (name: string) => `<${name} i:nil="true"/>`;
const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/** Altinn 2 ran on Norwegian time; WCF writes a local DateTime with its offset. */
function osloDateTime(ms: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Oslo', timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMin);
  return `${local}${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// --- faults ----------------------------------------------------------------------------------

/** WCF FaultException<AltinnFault>: faultcode Client, no Reason; everything useful is in the detail. */
function altinnFault(errorId: number, message: string): { Fault: object } {
  const detail = el(
    'AltinnFault',
    [
      text('AltinnErrorMessage', message),
      text('AltinnExtendedErrorMessage', 'No information available'),
      text('AltinnLocalizedErrorMessage', message),
      text('ErrorGuid', randomUUID()),
      text('ErrorID', String(errorId)),
      text('UserGuid', '-no value-'),
      text('UserId', '0'),
    ],
    ` xmlns="${NS.fault}" xmlns:i="${NS.xsi}"`,
  );
  return soapFault('The creator of this fault did not specify a Reason.', detail);
}

function soapFault(reason: string, detailXml?: string): { Fault: object } {
  return { Fault: { faultcode: 'soap:Client', faultstring: reason, ...(detailXml ? { detail: { $xml: detailXml } } : {}), statusCode: 500 } };
}

// --- namespace-aware request reading ---------------------------------------------------------

interface XEl {
  ns: string;
  name: string;
  nil: boolean;
  kids: XEl[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The first element in soap:Body, or undefined for anything that is not a SOAP 1.1 envelope. */
function operationElement(xml: string): XEl | undefined {
  if (/<!DOCTYPE/i.test(xml)) return undefined; // WCF refuses DTDs too
  const [env] = toElements(parser.parse(xml) as unknown[], new Map());
  if (!env || env.ns !== NS.soap || env.name !== 'Envelope') return undefined;
  return env.kids.find((k) => k.ns === NS.soap && k.name === 'Body')?.kids[0];
}

function toElements(nodes: unknown[], scope: ReadonlyMap<string, string>): XEl[] {
  const out: XEl[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!tag) continue;
    const attrs = Object.entries((node[':@'] ?? {}) as Record<string, string>);
    const local = new Map(scope);
    for (const [k, v] of attrs) {
      if (k === 'xmlns') local.set('', v);
      else if (k.startsWith('xmlns:')) local.set(k.slice(6), v);
    }
    const colon = tag.indexOf(':');
    const children = (node[tag] ?? []) as Record<string, unknown>[];
    out.push({
      ns: local.get(colon < 0 ? '' : tag.slice(0, colon)) ?? '',
      name: colon < 0 ? tag : tag.slice(colon + 1),
      nil: attrs.some(([k, v]) => k.endsWith(':nil') && local.get(k.slice(0, -4)) === NS.xsi && v === 'true'),
      kids: toElements(children, local),
      text: children.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join(''),
    });
  }
  return out;
}

/** WCF reads wrapped parameters in order; one in the wrong namespace or out of order stays null. */
function params(op: XEl, names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  let i = 0;
  for (const name of names) {
    const j = op.kids.findIndex((k, idx) => idx >= i && k.name === name && k.ns === op.ns);
    if (j < 0) continue;
    const kid = op.kids[j]!;
    out[name] = kid.nil ? undefined : kid.text;
    i = j + 1;
  }
  return out;
}

function findUp(rel: string): string {
  for (let dir = __dirname, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, rel);
    if (fs.existsSync(p)) return p;
  }
  return path.resolve(rel);
}
