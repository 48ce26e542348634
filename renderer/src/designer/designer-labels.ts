import type { TFunction } from 'i18next';
import type { DesignVersionDto, MappingSummaryDto, PreviewDto } from '../../../electron/ipc/designer.contract';

/**
 * The designer's value lists, kept in step with electron/ipc/designer.contract.ts (the renderer
 * may import only types from there); `satisfies` makes a typo a compile error.
 */
const TRANSPORT_KEYS = {
  rest: 'designer.transport.rest',
  soap: 'designer.transport.soap',
  file: 'designer.transport.file',
  manual: 'designer.transport.manual',
  unconfigured: 'designer.transport.unconfigured',
} as const satisfies Record<MappingSummaryDto['transport'], string>;

export const transportLabel = (t: TFunction, transport: MappingSummaryDto['transport']): string => t(TRANSPORT_KEYS[transport]);

const STATUS_KEYS = {
  draft: 'designer.history.status.draft',
  active: 'designer.history.status.active',
  retired: 'designer.history.status.retired',
} as const satisfies Record<DesignVersionDto['status'], string>;

export const versionStatusLabel = (t: TFunction, status: DesignVersionDto['status']): string => t(STATUS_KEYS[status]);

type Stage = PreviewDto['problems'][number]['stage'];
const STAGE_KEYS = {
  syntax: 'designer.mapping.stage.syntax',
  evaluate: 'designer.mapping.stage.evaluate',
  schema: 'designer.mapping.stage.schema',
  serialise: 'designer.mapping.stage.serialise',
} as const satisfies Record<Stage, string>;

export const stageLabel = (t: TFunction, stage: Stage): string => t(STAGE_KEYS[stage]);

/** Paths inside the hash router; names are kebab-case, so they need no escaping. */
export const mappingHref = (profileId: string, target: string) => `/designer/mapping/${profileId}/${target}`;
export const rulesHref = (profileId: string) => `/designer/regler/${profileId}`;
