import type { SimDataElement, SimInstance } from './sim-state';

/** Storage's Instance JSON (camelCase, RESEARCH-NOTES §1.2), links on the simulator origin. */
export function instanceJson(inst: SimInstance, origin: string, includeData = true): Record<string, unknown> {
  const s = inst.seed;
  const created = iso(s.createdAt);
  const ended = iso(s.completedAt);
  return {
    id: inst.id,
    instanceOwner: { partyId: s.partyId, personNumber: s.personNumber, organisationNumber: null, username: null, externalIdentifier: null },
    appId: s.appId,
    org: inst.org,
    selfLinks: { apps: `${origin}/${s.appId}/instances/${inst.id}`, platform: `${origin}/storage/api/v1/instances/${inst.id}` },
    dueBefore: null,
    visibleAfter: created,
    process: { started: created, startEvent: 'StartEvent_1', currentTask: null, ended, endEvent: 'EndEvent_1' },
    // Storage archives the instance when the process ends (ProcessController).
    status: {
      isArchived: true,
      archived: ended,
      isSoftDeleted: false,
      softDeleted: null,
      isHardDeleted: false,
      hardDeleted: null,
      readStatus: 'Read',
      substatus: null,
    },
    // Storage strips empty collections: no confirmation yet is null, not [].
    completeConfirmations:
      inst.completeConfirmations.length > 0 ? inst.completeConfirmations.map((c) => ({ stakeholderId: c.stakeholderId, confirmedOn: iso(c.confirmedOn) })) : null,
    data: includeData ? inst.data.map((d) => dataElementJson(inst, d, origin)) : [],
    presentationTexts: null,
    dataValues: s.altinn2 ? { A2ArchRef: s.altinn2.archiveReference } : null,
    created,
    createdBy: s.partyId,
    lastChanged: iso(inst.lastChanged),
    lastChangedBy: inst.lastChangedBy,
  };
}

export function dataElementJson(inst: SimInstance, d: SimDataElement, origin: string): Record<string, unknown> {
  const s = inst.seed;
  return {
    id: d.id,
    instanceGuid: inst.guid,
    dataType: d.dataType,
    filename: d.filename,
    contentType: d.contentType,
    blobStoragePath: `${s.appId}/${inst.guid}/data/${d.id}`,
    selfLinks: {
      apps: `${origin}/${s.appId}/instances/${inst.id}/data/${d.id}`,
      platform: `${origin}/storage/api/v1/instances/${inst.id}/data/${d.id}`,
    },
    size: d.bytes.length,
    contentHash: d.contentHash,
    locked: true,
    refs: null,
    isRead: true,
    tags: [],
    userDefinedMetadata: null,
    metadata: null,
    deleteStatus: null,
    fileScanResult: d.dataType === 'model' || d.dataType === 'ref-data-as-pdf' ? 'NotApplicable' : 'Clean',
    references: null,
    created: iso(s.createdAt),
    createdBy: s.partyId,
    lastChanged: iso(s.completedAt),
    lastChangedBy: s.partyId,
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
