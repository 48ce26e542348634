/**
 * SubmissionSource over the Altinn 2 DownloadQueueExternalBasic SOAP service. The `soap`
 * client is built from the WSDL the app ships; only the endpoint comes from config.
 * One attempt per call: every failure becomes an IntegrationError and the job manager retries.
 */
import { IntegrationError } from '../../electron/core/errors';
import type { IncomingSubmission, PendingRef } from '../../electron/core/ingest/submission';
import type { Clock } from '../../electron/core/ports/clock.port';
import type { SubmissionSource } from '../../electron/core/ports/submission-source.port';
import { decodeBinary, formTaskResponse, pdfResponse, queueResponse, toPendingRef, toSubmission } from './altinn2.mapper';
import { createAltinn2SoapClient, type Altinn2SoapTexts, type AltinnFaultInfo } from './altinn2-soap.client';
import { altinn2WsdlPath } from './altinn2-wsdl';

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
const TEXTS: Altinn2SoapTexts = { wsdl: 'cannot load the WSDL', unexpected: 'unexpected response content', malformed: 'malformed response', timeout: 'timeout', failed: 'request failed' };

/**
 * AltinnFault ErrorIDs 30000-30002 are the simulator's (the real ids for unknown / purged
 * references are not documented), so the message patterns below back them up.
 */
const PERMANENT_IDS = new Set([30000, 30001]);
const NOT_IN_QUEUE_ID = 30002;
const NOT_FOUND_TEXT = /not found|no archived|does not exist|finnes ikke|ikke funnet/i;
const NOT_IN_QUEUE_TEXT = /not in the download ?queue|already (been )?purged|is unknown|not found|does not exist|finnes ikke/i;

function classifyFault({ errorId, text }: AltinnFaultInfo): { kind: 'permanent'; notInQueue: boolean } | undefined {
  const notInQueue = errorId === NOT_IN_QUEUE_ID || NOT_IN_QUEUE_TEXT.test(text);
  if ((errorId !== undefined && PERMANENT_IDS.has(errorId)) || notInQueue || NOT_FOUND_TEXT.test(text)) return { kind: 'permanent', notInQueue };
  return undefined;
}

export function createAltinn2DownloadQueueAdapter(config: Altinn2DownloadQueueConfig, deps: Altinn2DownloadQueueDeps = {}): SubmissionSource {
  const creds = { systemUserName: config.systemUserName, systemPassword: config.systemPassword };
  const soap = createAltinn2SoapClient<Op, { notInQueue: boolean }>({
    integration: INTEGRATION,
    label: 'Altinn 2 DownloadQueue',
    url: config.url,
    wsdlPath: deps.wsdlPath ?? altinn2WsdlPath('DownloadQueueExternalBasic.svc.wsdl'),
    systemPassword: config.systemPassword,
    timeoutMs: config.timeoutMs,
    clock: deps.clock ?? { now: () => Date.now() },
    texts: TEXTS,
    clientOptions: {
      preserveWhitespace: true, // FormData must come back byte for byte
      parseResponseAttachments: true, // the binding has an MTOM policy
    },
    clientFaultKind: 'permanent',
    classifyFault,
  });

  return {
    kind: 'altinn2',

    async *listPending() {
      // The service returns at most 500, oldest first; newer ones show once older ones are purged.
      const codes = config.serviceCodes?.length ? config.serviceCodes : [undefined];
      const refs = new Map<string, PendingRef>();
      for (const serviceCode of codes) {
        const { value } = await soap.invoke('GetDownloadQueueItems', { ...creds, ...(serviceCode ? { serviceCode } : {}) }, queueResponse);
        for (const item of value) refs.set(item.ArchiveReference, toPendingRef(item));
      }
      yield [...refs.values()].sort((a, b) => a.lastChanged - b.lastChanged || (a.sourceId < b.sourceId ? -1 : 1));
    },

    async fetch(ref): Promise<IncomingSubmission> {
      const archiveReference = archiveRefOf(ref);
      const task = await soap.invoke('GetArchivedFormTaskBasicDQ', { ...creds, archiveReference, languageID: LANGUAGE_BOKMAL, includeXmlNamespace: false }, formTaskResponse);
      // GetFormSetPdfBasic names its first field systemName (WSDL), not systemUserName.
      const pdf = await soap.invoke('GetFormSetPdfBasic', { systemName: config.systemUserName, systemPassword: config.systemPassword, archiveReference, languageId: LANGUAGE_BOKMAL }, pdfResponse);
      try {
        return toSubmission(ref, task.value, decodeBinary(pdf.value, pdf.mtom), task.mtom);
      } catch (e) {
        throw new IntegrationError('transient', `Altinn 2 DownloadQueue GetArchivedFormTaskBasicDQ: ${describeLocal(e)}`, { integration: INTEGRATION });
      }
    },

    async confirm(ref) {
      const r = await soap.call('PurgeItem', { ...creds, archiveReference: archiveRefOf(ref) });
      // PurgeItem is not idempotent at Altinn: a repeat (say, after a crash between the purge and
      // our bookkeeping) faults with "not in the queue". confirm is only called for items we
      // fetched and stored, so that fault means the purge has already happened.
      if (r.ok || (r.failure.notInQueue && r.failure.kind !== 'auth')) return;
      throw soap.toIntegrationError('PurgeItem', r.failure);
    },
  };

  function archiveRefOf(ref: PendingRef): string {
    const ar = ref.a2ArchiveRef ?? (ref.source === 'altinn2' ? ref.sourceId : null);
    if (!ar) throw new IntegrationError('permanent', 'Altinn 2 DownloadQueue: the reference has no Altinn 2 archive reference', { integration: INTEGRATION });
    return ar;
  }
}

function describeLocal(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
