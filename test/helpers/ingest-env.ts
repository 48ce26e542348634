import fs from 'node:fs';
import path from 'node:path';
import { parseProfile } from '../../electron/core/profiles';
import { loadServiceProfiles } from '../../integrations';
import type { AltinnSimulator } from '../../integrations/altinn/simulator/altinn-simulator';
import { downloadQueueExtension } from '../../integrations/altinn/simulator/download-queue.simulator';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { clientPrivatePem, ORG, startSim } from './altinn-fixture';

export const RESOURCES = path.resolve(__dirname, '../../resources');
export const A2_PASSWORD = 'a2-secret-pw';

export const shippedProfiles = () =>
  loadServiceProfiles({ resourcesDir: RESOURCES, altinnOrg: ORG }, { parseProfile, logger: { log: () => undefined } });

/** The simulator (both APIs) seeded with generated submissions for the sample services. */
export async function seededSim(count: number, o: { seed?: number; attachmentBytes?: number; a2Share?: number; port?: number } = {}) {
  const sim = await startSim({ port: o.port, extensions: [downloadQueueExtension({ systemUserName: 'postmottak', systemPassword: A2_PASSWORD })] });
  const seeds = generateSubmissions({ seed: o.seed ?? 7, count, org: ORG, profiles: shippedProfiles().all(), attachmentBytes: o.attachmentBytes ?? 2_000, a2Share: o.a2Share });
  sim.state.addSubmissions(seeds);
  return { sim, seeds };
}

/** A config file pointing the real adapters at the simulator; secrets come from the environment. */
export function writeIngestConfig(dir: string, sim: AltinnSimulator, over: Record<string, unknown> = {}): { file: string; env: Record<string, string> } {
  const config = {
    version: 1,
    logging: { level: 'error' },
    jobs: { concurrency: 4, pollIntervalMs: 50, backoff: { baseMs: 50, maxMs: 1000, factor: 2, jitter: 0.5 } },
    integrations: {
      altinn: {
        platformUrl: sim.url,
        org: ORG,
        maskinporten: { tokenUrl: `${sim.url}/token`, audience: `${sim.url}/`, clientId: 'postmottak', kid: 'kid-1', privateKey: { secret: 'mp-key' } },
        pageSize: 100,
        schedule: '* * * * *',
      },
      altinn2: {
        url: `${sim.url}/ArchiveExternal/DownloadQueueExternalBasic.svc`,
        systemUserName: 'postmottak',
        systemPassword: { secret: 'a2-password' },
        schedule: '* * * * *',
      },
    },
    ingest: { concurrency: Number(process.env.PM_INGEST_CONCURRENCY ?? 16) },
    ...over,
  };
  const file = path.join(dir, 'postmottak.config.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, env: { POSTMOTTAK_SECRET_MP_KEY: clientPrivatePem, POSTMOTTAK_SECRET_A2_PASSWORD: A2_PASSWORD } };
}
