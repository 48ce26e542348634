import path from 'node:path';
import type { InternalConfig } from '../internal.config';
import { gericaDemoTarget, startGericaSimulator, type GericaSimulator } from './gerica.simulator';
import { istBarnehageDemoTarget, startIstBarnehageSimulator, type IstBarnehageSimulator } from './ist-barnehage.simulator';
import { istSfoDemoTarget, startIstSfoSimulator, type IstSfoSimulator } from './ist-sfo.simulator';
import { startVismaEnterpriseSimulator, vismaEnterpriseDemoTarget, type VismaEnterpriseSimulator } from './visma-enterprise.simulator';
import { startVismaFlytSkoleSimulator, vismaFlytSkoleDemoSecrets, vismaFlytSkoleDemoTarget, type VismaFlytSkoleSimulator } from './visma-flyt-skole.simulator';

/**
 * The demo's internal systems (#15): IST barnehage and IST SFO and Gerica as watched folders in
 * the data folder, Visma Flyt Skole (REST, OAuth2) and Visma Enterprise (SOAP) on 127.0.0.1.
 * The folders and the two servers' state files keep what they hold across restarts.
 */
export interface DemoInternal {
  config: InternalConfig;
  secrets: Record<string, string>;
  close(): Promise<void>;
}

export interface InternalSimulators extends DemoInternal {
  ist: IstBarnehageSimulator;
  sfo: IstSfoSimulator;
  gerica: GericaSimulator;
  flyt: VismaFlytSkoleSimulator;
  hrm: VismaEnterpriseSimulator;
}

export interface InternalSimulatorsOptions {
  /** The watched folders go under it. */
  workDir: string;
  /** The two servers' state files go here. */
  stateDir: string;
  resourcesDir: string;
  now: () => number;
}

/** The five shipped targets' simulators and the config and secrets that point at them; the tests keep the simulators. */
export async function startInternalSimulators(o: InternalSimulatorsOptions): Promise<InternalSimulators> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const ist = await startIstBarnehageSimulator({ dir: path.join(o.workDir, 'ist-barnehage'), xsdPath: path.join(o.resourcesDir, 'internal', 'ist-barnehage.xsd'), now: o.now });
    closers.push(() => ist.close());
    const sfo = await startIstSfoSimulator({ dir: path.join(o.workDir, 'ist-sfo'), now: o.now });
    closers.push(() => sfo.close());
    const gerica = await startGericaSimulator({ dir: path.join(o.workDir, 'gerica'), now: o.now });
    closers.push(() => gerica.close());
    const flyt = await startVismaFlytSkoleSimulator({
      clientId: 'postmottak-demo',
      clientSecret: 'demo-visma-flyt-skole-secret',
      resourcesDir: o.resourcesDir,
      stateFile: path.join(o.stateDir, 'visma-flyt-skole.jsonl'),
      now: o.now,
    });
    closers.push(() => flyt.close());
    const hrm = await startVismaEnterpriseSimulator({ username: 'postmottak', password: 'demo-visma-enterprise', resourcesDir: o.resourcesDir, stateFile: path.join(o.stateDir, 'visma-enterprise.jsonl') });
    closers.push(() => hrm.close());
    return {
      ist,
      sfo,
      gerica,
      flyt,
      hrm,
      config: {
        targets: {
          'ist-barnehage': istBarnehageDemoTarget(ist),
          'ist-sfo': istSfoDemoTarget(sfo),
          'visma-flyt-skole': vismaFlytSkoleDemoTarget(flyt),
          'visma-enterprise': vismaEnterpriseDemoTarget(hrm),
          gerica: gericaDemoTarget(gerica),
        },
      },
      secrets: { ...vismaFlytSkoleDemoSecrets(flyt), ...hrm.secrets },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

export async function startDemoInternal(o: InternalSimulatorsOptions): Promise<DemoInternal> {
  const { config, secrets, close } = await startInternalSimulators(o);
  return { config, secrets, close };
}
