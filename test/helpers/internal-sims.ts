import fs from 'node:fs';
import path from 'node:path';
import { envNameFor } from '../../electron/app/secrets/env-secret-store';
import { startInternalSimulators, type InternalSimulators } from '../../integrations/internal/simulator/demo-internal';
import type { IstSfoSimulator } from '../../integrations/internal/simulator/ist-sfo.simulator';
import { VISMA_SIM_CREATE } from '../../integrations/internal/simulator/visma-sim-faults';
import { VE_OPERATION } from '../../integrations/internal/simulator/visma-enterprise-faults';
import type { Faults } from '../../integrations/shared/simulator/faults';

export const RESOURCES = path.resolve(__dirname, '../../resources');

/** The five shipped targets' simulators, as the demo starts them (startInternalSimulators in integrations/internal/simulator/demo-internal.ts), each kept by the test. */
export interface InternalSims extends Omit<InternalSimulators, 'secrets'> {
  /** The secrets the config refers to, as environment variables for the env secret store. */
  env: Record<string, string>;
}

/**
 * Starts all five in this process (they outlive a hub killed in a child process). `faults` are the
 * shared injector's, on the REST and SOAP registration operations (latency widens a crash window).
 */
export async function startInternalSims(workDir: string, o: { now?: () => number; faults?: Faults } = {}): Promise<InternalSims> {
  const { secrets, ...sims } = await startInternalSimulators({ workDir, stateDir: workDir, resourcesDir: RESOURCES, now: o.now ?? Date.now });
  if (o.faults) {
    sims.flyt.faults.setRates({ [VISMA_SIM_CREATE]: o.faults });
    sims.hrm.faults.setRates({ [VE_OPERATION]: o.faults });
  }
  return { ...sims, env: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [envNameFor(k), v])) };
}

/** Whether a file-drop target has handled this key at least `times` times (imports, duplicates, refusals), without waiting. */
export function handledTimes(sim: Pick<IstSfoSimulator, 'whenProcessed'>, key: string, times: number): Promise<boolean> {
  return Promise.race([sim.whenProcessed(key, times).then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
}

/**
 * A municipality profiles folder (config profiles.dir) whose copies of the shipped profiles
 * route to their target right after archiving instead of after the decision. Visma Flyt Skole's
 * schema requires a decision; this municipality registers the leave as granted when archived
 * (the sample mapping's output with a decision laid over it): an adaptation in data, not code.
 */
export function writeArchivedRouteProfiles(dir: string, ids: readonly string[] = ['permisjon-skole', 'ansatt-permisjon']): string {
  for (const id of ids) {
    const from = path.join(RESOURCES, 'profiles', id);
    const to = path.join(dir, id);
    fs.cpSync(from, to, { recursive: true });
    const file = path.join(to, 'profile.json');
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { routing: { targets: { after?: string; outcomes?: string[]; mapping?: string }[] } };
    for (const r of profile.routing.targets) {
      r.after = 'archived';
      delete r.outcomes;
      if (id === 'permisjon-skole' && r.mapping) {
        const m = path.join(to, r.mapping);
        const body = fs.readFileSync(m, 'utf8');
        fs.writeFileSync(m, `(\n  $m := (\n${body}\n  );\n  decision ? $m : $merge([$m, { "decision": { "outcome": "granted", "date": case.receivedDate } }])\n)\n`);
      }
    }
    fs.writeFileSync(file, JSON.stringify(profile, null, 2));
  }
  return dir;
}
