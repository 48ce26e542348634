import { createHash } from 'node:crypto';
import { CorrespondenceSimState } from './correspondence-sim-state';
import { altinnFaults, type AltinnFaultInjector } from './sim-types';
import type { SeedFile, SeedSubmission } from './sim-types';

/** One stored file of an instance, as Storage keeps it. */
export interface SimDataElement {
  id: string;
  dataType: string;
  filename: string | null;
  contentType: string;
  bytes: Buffer;
  /** Base64 MD5, as Azure Blob's Content-MD5; opaque to clients. */
  contentHash: string;
}

export interface SimConfirmation {
  stakeholderId: string;
  confirmedOn: number;
}

/** A submission as an Altinn 3 Storage instance (migrated A2 items too). */
export interface SimInstance {
  readonly seed: SeedSubmission;
  /** "{partyId}/{instanceGuid}", Storage's instance id. */
  readonly id: string;
  readonly guid: string;
  readonly org: string;
  readonly app: string;
  /** 2 for items migrated from Altinn 2 (listed only with mainVersionInclude=2), else 3. */
  readonly mainVersion: 2 | 3;
  readonly data: readonly SimDataElement[];
  lastChanged: number;
  lastChangedBy: string;
  readonly completeConfirmations: SimConfirmation[];
}

/** An entry in the Events log (append-only, in the order Altinn registered it). */
export interface SimEvent {
  id: string;
  type: string;
  time: number;
  instanceId: string;
}

export type PurgeResult = 'purged' | 'already-purged' | 'unknown';

/** A uuid-formatted id derived from its inputs, so seeded runs give the same ids. */
export function deterministicUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50; // version 5 (name-based)
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * In-memory Altinn: Storage instances, the Events log and the Altinn 2 DownloadQueue view of
 * the same submissions. A2 purge and A3 complete are independent, as in the real systems.
 */
export class SimState {
  /** Raw POST .../complete calls that reached an existing instance, per instance id. */
  readonly completeCalls = new Map<string, number>();
  /** Raw PurgeItem calls per archive reference (the SOAP side calls purge()). */
  readonly purgeCalls = new Map<string, number>();
  /** http://127.0.0.1:PORT once listening; links in responses are built on it. */
  origin = '';
  /** Correspondences (Altinn 3 REST and the Altinn 2 agency share them), on the same clock. */
  readonly correspondence: CorrespondenceSimState;

  private readonly byGuid = new Map<string, SimInstance>();
  private readonly byArchiveRef = new Map<string, SimInstance>();
  private readonly purged = new Set<string>();
  private readonly eventLog: SimEvent[] = [];
  private readonly requests = new Map<string, number>();

  constructor(
    readonly org: string,
    readonly orgNumber: string,
    readonly now: () => number,
    readonly faults: AltinnFaultInjector = altinnFaults(),
  ) {
    this.correspondence = new CorrespondenceSimState(now);
  }

  addSubmissions(seeds: readonly SeedSubmission[]): void {
    const sorted = [...seeds].sort((a, b) => a.completedAt - b.completedAt);
    for (const seed of sorted) {
      const guid = seed.instanceGuid.toLowerCase();
      if (this.byGuid.has(guid)) throw new Error(`altinn simulator: instance ${guid} seeded twice`);
      const inst = toInstance(seed, guid);
      this.byGuid.set(guid, inst);
      if (seed.altinn2) this.byArchiveRef.set(seed.altinn2.archiveReference, inst);
      // Migrated A2 submissions never ran in an A3 app, so they have no A3 events.
      if (inst.mainVersion === 3) {
        this.eventLog.push({ id: deterministicUuid(guid, 'process.completed'), type: 'app.instance.process.completed', time: seed.completedAt, instanceId: inst.id });
      }
    }
  }

  /** By "{partyId}/{guid}" or by the bare guid. */
  instance(id: string): SimInstance | undefined {
    const guid = (id.includes('/') ? id.slice(id.indexOf('/') + 1) : id).toLowerCase();
    const inst = this.byGuid.get(guid);
    if (!inst) return undefined;
    return id.includes('/') && inst.id !== `${id.slice(0, id.indexOf('/'))}/${guid}` ? undefined : inst;
  }

  instances(): SimInstance[] {
    return [...this.byGuid.values()];
  }

  /** Confirmation entries for our org (the number that must stay 1). */
  confirmedCount(instanceId: string): number {
    return this.instance(instanceId)?.completeConfirmations.filter((c) => c.stakeholderId === this.org).length ?? 0;
  }

  /** Appends a confirmation unless the stakeholder already has one (Storage's idempotency). */
  confirm(inst: SimInstance, stakeholderId: string, changedBy: string): boolean {
    this.completeCalls.set(inst.id, (this.completeCalls.get(inst.id) ?? 0) + 1);
    if (inst.completeConfirmations.some((c) => c.stakeholderId === stakeholderId)) return false;
    const t = this.now();
    inst.completeConfirmations.push({ stakeholderId, confirmedOn: t });
    inst.lastChanged = t;
    inst.lastChangedBy = changedBy;
    return true;
  }

  countRequest(endpoint: string): void {
    this.requests.set(endpoint, (this.requests.get(endpoint) ?? 0) + 1);
  }

  requestCount(endpoint: string): number {
    return this.requests.get(endpoint) ?? 0;
  }

  events(): readonly SimEvent[] {
    return this.eventLog;
  }

  // --- Altinn 2 DownloadQueue view -------------------------------------------------------

  /** Items not yet purged, oldest first (by ArchivedDate, then reference). */
  a2Queue(): SeedSubmission[] {
    return [...this.byArchiveRef.values()]
      .map((i) => i.seed)
      .filter((s) => s.altinn2 && !this.purged.has(s.altinn2.archiveReference))
      .sort((a, b) => a.completedAt - b.completedAt || cmp(a.altinn2?.archiveReference ?? '', b.altinn2?.archiveReference ?? ''));
  }

  a2Item(archiveReference: string): SeedSubmission | undefined {
    return this.byArchiveRef.get(archiveReference)?.seed;
  }

  isPurged(archiveReference: string): boolean {
    return this.purged.has(archiveReference);
  }

  /** Counts the call; removes the item from the queue. Does not touch the A3 instance. */
  purge(archiveReference: string): PurgeResult {
    this.purgeCalls.set(archiveReference, (this.purgeCalls.get(archiveReference) ?? 0) + 1);
    if (!this.byArchiveRef.has(archiveReference)) return 'unknown';
    if (this.purged.has(archiveReference)) return 'already-purged';
    this.purged.add(archiveReference);
    return 'purged';
  }
}

function toInstance(seed: SeedSubmission, guid: string): SimInstance {
  const slash = seed.appId.indexOf('/');
  const org = seed.appId.slice(0, slash);
  const app = seed.appId.slice(slash + 1);
  const files: (Omit<SeedFile, 'filename'> & { filename: string | null })[] = [
    { dataType: 'model', filename: null, contentType: 'application/xml', bytes: Buffer.from(seed.formXml, 'utf8') },
    { dataType: 'ref-data-as-pdf', filename: `${app}.pdf`, contentType: 'application/pdf', bytes: seed.receiptPdf },
    ...seed.attachments,
  ];
  return {
    seed,
    id: `${seed.partyId}/${guid}`,
    guid,
    org,
    app,
    mainVersion: seed.altinn2 || app.startsWith('a2-') ? 2 : 3,
    data: files.map((f, i) => ({
      id: deterministicUuid(guid, String(i)),
      dataType: f.dataType,
      filename: f.filename,
      contentType: f.contentType,
      bytes: f.bytes,
      contentHash: createHash('md5').update(f.bytes).digest('base64'),
    })),
    lastChanged: seed.completedAt,
    lastChangedBy: seed.partyId,
    completeConfirmations: [],
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
