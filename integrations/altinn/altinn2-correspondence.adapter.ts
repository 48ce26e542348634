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
import { IntegrationError, type IntegrationErrorKind } from '../../electron/core/errors';
import type { Clock } from '../../electron/core/ports/clock.port';
import type { CorrespondencePort, CorrespondenceStatus, OutgoingCorrespondence, SendResult } from '../../electron/core/ports/correspondence.port';
import { mapLimit } from '../shared/concurrency';
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
import { createAltinn2SoapClient, type AltinnFaultInfo } from './altinn2-soap.client';
import { altinn2WsdlPath } from './altinn2-wsdl';

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
const RESERVED_MESSAGE = 'Altinn 2 avviste forsendelsen: mottakeren er reservert mot digital post (KRR).';

/** AltinnFault ErrorIDs 30100–30103 are the simulator's (Altinn's are undocumented), so texts back them up. */
const RESERVED_IDS = new Set([30102]);
const VALIDATION_IDS = new Set([30100, 30101, 30103]);
const RESERVED_TEXT = /reserv/i;
const VALIDATION_TEXT = /required|not valid|invalid|ugyldig|mangler|not supported|må oppgis/i;

function classifyFault({ errorId, text }: AltinnFaultInfo): { kind: IntegrationErrorKind; reserved?: boolean } | undefined {
  const is = (ids: Set<number>) => errorId !== undefined && ids.has(errorId);
  if (/SystemUserCode/i.test(text)) return { kind: 'auth' }; // a SystemUserCode that is not the system's
  if (is(RESERVED_IDS) || RESERVED_TEXT.test(text)) return { kind: 'validation', reserved: true };
  if (is(VALIDATION_IDS) || VALIDATION_TEXT.test(text)) return { kind: 'validation' };
  return undefined;
}

export function createAltinn2CorrespondenceAdapter(config: Altinn2CorrespondenceConfig, deps: Altinn2CorrespondenceDeps = {}): CorrespondencePort {
  const clock = deps.clock ?? { now: () => Date.now() };
  const creds = { systemUserName: config.systemUserName, systemPassword: config.systemPassword };
  const soap = createAltinn2SoapClient<Op, { reserved: boolean }>({
    integration: INTEGRATION,
    label: 'Altinn 2 Correspondence',
    url: config.url,
    wsdlPath: deps.wsdlPath ?? altinn2WsdlPath('CorrespondenceAgencyExternalBasic.wsdl'),
    systemPassword: config.systemPassword,
    timeoutMs: config.timeoutMs,
    clock,
    clientFaultKind: 'validation',
    classifyFault,
  });

  /** Every correspondence in the service with this SendersReference, oldest first. */
  async function lookup(service: { serviceCode: string; serviceEdition: number }, sendersReference: string): Promise<StatusV2[]> {
    // Element order is the CorrespondenceStatusFilterV3 sequence's.
    const filterCriteria = { SendersReference: sendersReference, ServiceCode: service.serviceCode, ServiceEditionCode: service.serviceEdition };
    const { value: list } = await soap.invoke('GetCorrespondenceStatusDetailsBasicV3', { ...creds, filterCriteria }, statusResponse);
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
      const r = await soap.call('InsertCorrespondenceBasicV2', {
        ...creds,
        SystemUserCode: config.systemUserCode,
        ExternalShipmentReference: c.sendersReference,
        Correspondence: { $xml: insertCorrespondenceXml(c, service, now, config.notificationTemplates ?? DEFAULT_TEMPLATES) },
      });
      if (!r.ok && r.failure.reserved) return { outcome: 'reserved', message: RESERVED_MESSAGE };
      if (!r.ok) throw soap.toIntegrationError('InsertCorrespondenceBasicV2', r.failure);
      const receipt = soap.parse('InsertCorrespondenceBasicV2', r.result, receiptResponse);
      if (receipt.ReceiptStatusCode !== 'OK') {
        const kind: IntegrationErrorKind = receipt.ReceiptStatusCode === 'UnExpectedError' ? 'transient' : 'validation';
        throw new IntegrationError(kind, soap.redact(`Altinn 2 Correspondence InsertCorrespondenceBasicV2: kvittering ${receipt.ReceiptStatusCode ?? '?'}: ${receipt.ReceiptText ?? ''}`), {
          integration: INTEGRATION,
        });
      }
      // the receipt does not carry the CorrespondenceID: ask for it by the reference just used
      const after = await lookup(service, c.sendersReference);
      if (after[0]) return existingResult(service, after[0]);
      return { outcome: 'sent', correspondenceId: toCorrespondenceRefId(service, `receipt-${receipt.ReceiptId ?? 0}`), at: now };
    },

    async status(refs): Promise<CorrespondenceStatus[]> {
      const out = await mapLimit(refs, 4, async (ref) => {
        const id = parseCorrespondenceRefId(ref.correspondenceId);
        if (!id) return null; // not one of ours: unknown
        const found = await lookup({ serviceCode: id.serviceCode, serviceEdition: id.serviceEdition }, ref.sendersReference);
        const s = id.correspondenceId === null ? found[0] : found.find((x) => x.CorrespondenceID === id.correspondenceId);
        return s ? toCorrespondenceStatus(ref.correspondenceId, s) : null;
      });
      return out.filter((s): s is CorrespondenceStatus => s !== null);
    },
  };
}
