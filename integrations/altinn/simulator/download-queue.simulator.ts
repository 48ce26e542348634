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
import fs from 'node:fs';
import type http from 'node:http';
import type { IServices } from 'soap';
import { altinn2WsdlPath } from '../altinn2-wsdl';
import { A2_AUTH_FAULT, A2_NS, altinnFault, authenticateSystem, el, listenAltinn2Soap, nil, osloDateTime, text, type Altinn2SoapRequests, type XEl } from './altinn2-soap.simulator';
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

/** AltinnFault ErrorIDs: the DownloadQueue docs name none beyond 5/6, so 30000-30002 are this simulator's own. */
export const A2_FAULT = {
  ...A2_AUTH_FAULT,
  invalidRequest: 30000,
  unknownArchiveReference: 30001,
  /** PurgeItem on a reference that is unknown or already purged: the real service has no idempotent purge. */
  notInQueue: 30002,
} as const;

const NS = {
  ...A2_NS,
  tns: 'http://www.altinn.no/services/Archive/DownloadQueue/2012/08',
  contract: 'http://www.altinn.no/services/2009/10',
  dq: 'http://schemas.altinn.no/services/Archive/DownloadQueue/2012/08',
  archive: 'http://schemas.altinn.no/services/Archive/ReporteeArchive/2012/08',
} as const;

export function downloadQueueExtension(opts: DownloadQueueExtensionOptions): (server: http.Server, state: A2QueueState) => void {
  const wsdl = fs.readFileSync(opts.wsdlPath ?? altinn2WsdlPath('DownloadQueueExternalBasic.svc.wsdl'), 'utf8');
  return (server, state) => listenAltinn2Soap(server, { path: opts.path ?? DOWNLOAD_QUEUE_PATH, wsdl, services: (requests) => services(opts, state, requests) });
}

// --- operations ------------------------------------------------------------------------------

type A2Seed = SeedSubmission & { altinn2: NonNullable<SeedSubmission['altinn2']> };
type Handler = (args: unknown, cb: unknown, headers: unknown, req: http.IncomingMessage) => { $xml: string } | Record<string, never>;

function services(opts: DownloadQueueExtensionOptions, state: A2QueueState, requests: Altinn2SoapRequests): IServices {
  const call = (req: http.IncomingMessage, op: string, names: string[], ns: string = NS.tns) => params(requests.operation(req, op, ns), names);
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
      authenticateSystem(opts, p.systemUserName, p.systemPassword);
      const code = p.serviceCode?.trim();
      const items = [...state.a2Queue()]
        .filter((s) => s.altinn2 && (!code || s.altinn2.serviceCode === code))
        .sort((a, b) => a.completedAt - b.completedAt || cmp(a.altinn2?.archiveReference, b.altinn2?.archiveReference))
        .slice(0, DOWNLOAD_QUEUE_MAX_ITEMS);
      return { $xml: queueXml(items) };
    },
    GetArchivedFormTaskBasicDQ: (_a, _c, _h, req) => {
      const p = call(req, 'GetArchivedFormTaskBasicDQ', ['systemUserName', 'systemPassword', 'archiveReference', 'languageID', 'includeXmlNamespace']);
      authenticateSystem(opts, p.systemUserName, p.systemPassword);
      return { $xml: formTaskXml(archived(p.archiveReference)) };
    },
    GetFormSetPdfBasic: (_a, _c, _h, req) => {
      // The WSDL names the first field systemName here, unlike every other operation.
      const p = call(req, 'GetFormSetPdfBasic', ['systemName', 'systemPassword', 'archiveReference', 'languageId', 'dataFormatId', 'dataFormatVersion']);
      authenticateSystem(opts, p.systemName, p.systemPassword);
      return { $xml: text('GetFormSetPdfBasicResult', archived(p.archiveReference).receiptPdf.toString('base64')) };
    },
    PurgeItem: (_a, _c, _h, req) => {
      const p = call(req, 'PurgeItem', ['systemUserName', 'systemPassword', 'archiveReference']);
      authenticateSystem(opts, p.systemUserName, p.systemPassword);
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

const cmp = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

// --- namespace-aware request reading ---------------------------------------------------------

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
