import type { PartRole, PendingRef, SubmissionPart } from '../../electron/core/ingest/submission';

/** The parts of Altinn 3 Storage's Instance we read (camelCase as on the wire). */
export interface StorageInstance {
  id: string;
  appId: string;
  org: string;
  instanceOwner: { partyId: string; personNumber?: string | null; organisationNumber?: string | null };
  process?: { ended?: string | null } | null;
  lastChanged?: string;
  created?: string;
  dataValues?: Record<string, string> | null;
  data?: StorageDataElement[];
  completeConfirmations?: { stakeholderId: string; confirmedOn: string }[] | null;
}

export interface StorageDataElement {
  id: string;
  dataType: string;
  filename?: string | null;
  contentType: string;
  size?: number;
  selfLinks?: { platform?: string };
}

export interface InstanceQueryResponse {
  count: number;
  self?: string;
  next?: string | null;
  instances: StorageInstance[];
}

/** A migrated Altinn 2 app id is "{org}/a2-{serviceCode}-{edition}"; profiles know it by "{code}:{edition}". */
export function serviceKeyOf(appId: string): string {
  const m = /\/a[12]-(\d+)-(\d+)$/.exec(appId);
  return m ? `${m[1]}:${m[2]}` : appId;
}

export function toPendingRef(i: StorageInstance): PendingRef {
  return {
    source: 'altinn3',
    sourceId: i.id,
    serviceKey: serviceKeyOf(i.appId),
    a2ArchiveRef: i.dataValues?.A2ArchRef ?? null,
    lastChanged: Date.parse(i.lastChanged ?? i.created ?? '') || 0,
  };
}

export function roleOf(dataType: string, formDataTypes: readonly string[]): PartRole {
  if (dataType === 'ref-data-as-pdf') return 'receipt-pdf';
  return formDataTypes.includes(dataType) ? 'form' : 'attachment';
}

export function toPart(e: StorageDataElement, bytes: Uint8Array, formDataTypes: readonly string[]): SubmissionPart {
  return { role: roleOf(e.dataType, formDataTypes), dataType: e.dataType, filename: e.filename ?? null, contentType: e.contentType, bytes };
}
