import type http from 'node:http';
import { FaultInjector, type Faults } from '../../shared/simulator/faults';
import { beforeHandling } from '../../shared/simulator/request-loop';
import type { SimResponse } from '../../shared/simulator/sim-response';

/** Endpoint names the REST side counts requests and injects faults under. */
export type SimEndpoint =
  | 'token'
  | 'exchange'
  | 'list'
  | 'instance'
  | 'data'
  | 'complete'
  | 'events'
  /** POST /correspondence and /correspondence/upload */
  | 'correspondence'
  /** GET /correspondence?role=… */
  | 'correspondence-search'
  /** GET /correspondence/{id} and /{id}/details */
  | 'correspondence-status'
  /** POST /{id}/markasread, GET /{id}/content */
  | 'correspondence-recipient';

const SIM_ENDPOINTS: ReadonlySet<string> = new Set<SimEndpoint>([
  'token',
  'exchange',
  'list',
  'instance',
  'data',
  'complete',
  'events',
  'correspondence',
  'correspondence-search',
  'correspondence-status',
  'correspondence-recipient',
]);

export type EndpointFaults = Faults;

export interface PageChurn {
  /** 0..1: per list call, the chance that each listed-eligible instance gets a fresh lastChanged. */
  touchRate?: number;
  /** 0..1: per list call, the chance that one new completed instance appears (a copy of an A3 seed). */
  newRate?: number;
}

/**
 * Per endpoint ('*' applies to all, extensions included; a named endpoint overrides it field by
 * field), faults for extension endpoints by their own names, and list churn.
 */
export type AltinnFaultConfig = { [K in SimEndpoint | '*']?: Faults } & {
  /** e.g. { PurgeItem: { errorRate: 1 } } for an extension that asks the injector with that name. */
  extensions?: Record<string, Faults>;
  pageChurn?: PageChurn;
};
/** The name this config has always had in the Altinn simulator's options. */
export type FaultConfig = AltinnFaultConfig;

/** The answers of Altinn's front (ASP.NET, its gateway, the load balancer) when a fault is injected. */
const ERROR_BODIES: Record<number, { type: string; body: string }> = {
  500: {
    type: 'application/problem+json; charset=utf-8',
    body: JSON.stringify({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
      title: 'An error occurred while processing your request.',
      status: 500,
      traceId: '00-simulated-fault-00',
    }),
  },
  502: { type: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>' },
  503: { type: 'text/plain', body: 'Service Unavailable' },
};
const errorAnswer = (status: number): SimResponse => {
  const e = ERROR_BODIES[status] ?? { type: 'text/plain', body: 'error' };
  return { status, headers: { 'Content-Type': e.type }, body: e.body };
};

/** The shared injector, reading an endpoint's faults from its key and an extension's from `extensions`. */
export class AltinnFaultInjector extends FaultInjector<AltinnFaultConfig> {
  constructor(config: AltinnFaultConfig = {}, seed = 1) {
    super(config, seed, (c, op) => (SIM_ENDPOINTS.has(op) ? c[op as SimEndpoint] : c.extensions?.[op]));
  }

  /** An injected server error: before handling one of the front's, at random; after it the application's 500. */
  serverError(when: 'before' | 'after'): SimResponse {
    return errorAnswer(when === 'before' ? ([500, 502, 503][Math.floor(this.random() * 3)] ?? 500) : 500);
  }

  /** For an extension (a SOAP service on the same server): the faults before handling, answered here when they strike. */
  beforeHandling(op: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<'handled' | 'continue'> {
    return beforeHandling(this, op, req, res, () => this.serverError('before'));
  }
}

/**
 * About 1 request in `n` fails before it is handled, on every endpoint (token and exchange
 * included): half with 429 and Retry-After, half with the front's 500/502/503 (#18 item 7).
 */
export function oneInFaults(n: number, retryAfterSec = 2): AltinnFaultConfig {
  // the dice roll 429 first, then the server error on what is left: each gets 1 in 2n of all
  return { '*': { rateLimitRate: 1 / (2 * n), retryAfterSec, errorRate: 1 / (2 * n - 1) } };
}

export const altinnFaults = (config: AltinnFaultConfig = {}, seed = 1): AltinnFaultInjector => new AltinnFaultInjector(config, seed);

/**
 * What the Altinn simulator holds: seeded submissions, as the real Altinn would have them.
 * Shared by the Storage (REST) side, the DownloadQueue (SOAP) side and the seed generator.
 */

export interface SeedFile {
  /** A3 dataType (e.g. 'vedlegg', 'legeerklaering'); A2 AttachmentTypeName. */
  dataType: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface SeedSubmission {
  /** The service profile this submission belongs to (e.g. 'permisjon-skole'). */
  profileId: string;
  instanceGuid: string;
  /** Altinn party id of the reportee, as a string (as in Storage JSON). */
  partyId: string;
  personNumber: string;
  /** Altinn 3 app id "{org}/{app}"; for migrated Altinn 2 items "{org}/a2-{serviceCode}-{edition}". */
  appId: string;
  /** Present when the submission was made in Altinn 2: visible in the DownloadQueue and (migrated) in Storage. */
  altinn2?: { archiveReference: string; serviceCode: string; serviceEditionCode: number; reporteeType: 'Person' };
  /** Process start and end (completion) times, ms since epoch. */
  createdAt: number;
  completedAt: number;
  /** The form data XML (dataType 'model' in A3; FormData in A2). */
  formXml: string;
  /** The PDF receipt (dataType 'ref-data-as-pdf' in A3; GetFormSetPdfBasic in A2). */
  receiptPdf: Buffer;
  attachments: SeedFile[];
  /** The made-up people behind it (the demo's registers answer for them). */
  household?: import('./seed-person').SeedHousehold;
}
