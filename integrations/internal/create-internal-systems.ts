import type { InternalSystemPort } from '../../electron/core/ports/internal-system.port';
import type { MappingTarget, PayloadMapper } from '../../electron/core/ports/payload-mapper.port';
import { createXsdValidator } from '../shared/xml/xsd-validator';
import { createFileTarget } from './file/file.adapter';
import type { InternalConfig, InternalDeps, InternalTargetConfig } from './internal.config';
import { mappingTargetOf } from './mapping/mapping-target';
import { createPayloadMapper } from './mapping/payload-mapper';
import { createRestTarget } from './rest/rest.adapter';
import { createSoapTarget } from './soap/soap.adapter';

export interface InternalSystems {
  /** The connected targets by id: enabled ones with an interface (not «manual»). */
  ports: Map<string, InternalSystemPort>;
  /** Every configured target, switched off and manual ones too (routing tells waiting from manual by them). */
  targets: InternalConfig['targets'];
  mapper: PayloadMapper;
  /** What a target's mapping must produce (format, schema); throws for a target that is not configured. */
  mappingTarget(id: string): MappingTarget;
  close(): Promise<void>;
}

const FACTORIES: Record<Exclude<InternalTargetConfig['transport'], 'manual'>, (id: string, t: InternalTargetConfig, deps: InternalDeps) => Promise<InternalSystemPort>> = {
  rest: createRestTarget,
  soap: createSoapTarget,
  file: createFileTarget,
};

/**
 * The municipality's internal systems as IT configured them (#15): one port per enabled target,
 * by its transport, and the mapper that turns an application into a target's payload. A target
 * that cannot be set up stops the start with its reason, closing the ones already made.
 */
export async function createInternalSystems(config: InternalConfig | undefined, deps: InternalDeps): Promise<InternalSystems> {
  const targets = config?.targets ?? {};
  const ports = new Map<string, InternalSystemPort>();
  // one XSD worker for every target's schema, closed with the rest
  const xsd = createXsdValidator({ timeoutMs: 10_000, maxMemoryMiB: 128 });
  const close = async () => {
    for (const p of ports.values()) await p.close?.();
    ports.clear();
    await xsd.close();
  };
  try {
    for (const [id, t] of Object.entries(targets)) {
      if (!t.enabled || t.transport === 'manual') continue;
      ports.set(id, await FACTORIES[t.transport](id, t, deps));
    }
  } catch (e) {
    await close();
    throw e;
  }
  const mappingTargets = new Map<string, MappingTarget>();
  return {
    ports,
    targets,
    mapper: createPayloadMapper({ xsd }),
    mappingTarget(id) {
      const t = targets[id];
      if (!t) throw new Error(`Fagsystemet «${id}» er ikke satt opp.`);
      let m = mappingTargets.get(id);
      if (!m) mappingTargets.set(id, (m = mappingTargetOf(t, deps.resourcesDir)));
      return m;
    },
    close,
  };
}
