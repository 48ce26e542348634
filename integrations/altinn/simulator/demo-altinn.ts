import { generateKeyPairSync } from 'node:crypto';
import type { LoadedProfile } from '../../../electron/core/profiles/profile.types';
import { altinnPersistence } from './altinn-sim-persistence';
import { startAltinnSimulator, type AltinnSimulator } from './altinn-simulator';
import { downloadQueueExtension } from './download-queue.simulator';
import { generateSubmissions } from './seed-generator';
import type { SeedSubmission } from './sim-types';
import type { SeedHousehold } from './seed-person';
import type { SimClock } from './correspondence-sim-state';

export interface DemoAltinn {
  sim: AltinnSimulator;
  /** The simulator's clock; the demo hub runs on it, so advancing it (POST /_sim/clock/advance) moves deadlines. */
  clock: SimClock;
  /** The made-up people behind the seeded applications. */
  households(): SeedHousehold[];
  /** Config sections pointing the real adapters at the simulator. */
  config: {
    altinn: {
      enabled: true;
      platformUrl: string;
      org: string;
      maskinporten: { tokenUrl: string; audience: string; clientId: string; kid: string; scope: string; privateKey: { secret: string } };
      includeMigratedAltinn2: boolean;
      pageSize: number;
      timeoutMs: number;
    };
    altinn2: { enabled: true; url: string; systemUserName: string; systemPassword: { secret: string }; timeoutMs: number };
  };
  /** The demo's own secrets (its generated key, its A2 password): in memory only. */
  secrets: Record<string, string>;
  close(): Promise<void>;
}

const ORG = 'kommune';

/**
 * Three demo submissions that fail on purpose, so the quarantine shows in the demo: one
 * breaks its XSD, one tries an external entity, one is a resend cut off on the way.
 */
function withBadOnes(seeds: SeedSubmission[]): SeedSubmission[] {
  const out = [...seeds];
  const a = out.findIndex((s) => !s.altinn2);
  // the applicant's name is required by every sample form's schema
  if (a >= 0) out[a] = { ...out[a]!, formXml: out[a]!.formXml.replace(/<Navn>[^<]*<\/Navn>/, '') };
  const b = out.findIndex((s, i) => i > a && !s.altinn2);
  if (b >= 0) out[b] = { ...out[b]!, formXml: out[b]!.formXml.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>') };
  // #13 item 13: a citizen who sent the same application twice, the second copy cut off on the way
  // (not well-formed): the quarantine finds the first as the original it duplicates
  const c = out.findIndex((s, i) => i > b && b >= 0 && !s.altinn2);
  const d = out.findIndex((s, i) => i > c && c >= 0 && !s.altinn2 && s.profileId === out[c]!.profileId);
  if (d >= 0) {
    const first = out[d]!;
    const cut = first.formXml.lastIndexOf('>', Math.floor(first.formXml.length * 0.6)) + 1;
    out[c] = { ...first, instanceGuid: out[c]!.instanceGuid, formXml: first.formXml.slice(0, cut), createdAt: first.createdAt + 7_200_000, completedAt: first.completedAt + 7_200_000 };
  }
  return out;
}

/**
 * The demo's Altinn: the same simulator the tests use, seeded with realistic submissions
 * for the sample services; new ones keep arriving while the demo runs.
 */
export async function startDemoAltinn(opts: {
  profiles: LoadedProfile[];
  count?: number;
  arriveEveryMs?: number;
  seed?: number;
  port?: number;
  /** Where the simulator keeps its state across restarts (altinn-sim-persistence.ts); without it, in memory only. */
  stateFile?: string;
}): Promise<DemoAltinn> {
  const persist = altinnPersistence(opts.stateFile);
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const systemPassword = `demo-${Math.random().toString(36).slice(2)}`;
  const sim = await startAltinnSimulator({
    port: opts.port,
    org: ORG,
    orgNumber: '910000001',
    clients: [
      {
        clientId: 'postmottak-demo',
        kid: 'demo-1',
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write', 'altinn:serviceowner', 'altinn:correspondence.write', 'altinn:events.subscribe'],
      },
    ],
    // the demo's "advance the clock" and "mark as read" buttons for trying the postal fallback
    control: true,
    clock: persist.clock,
    extensions: [downloadQueueExtension({ systemUserName: 'postmottak', systemPassword })],
  });
  const seed = opts.seed ?? 2026;
  // a restarted demo makes the same applications again (same seed, same start), and those that arrived
  const first = generateSubmissions({ seed, count: opts.count ?? 40, org: ORG, profiles: opts.profiles, startAt: persist.seedAt - 3 * 24 * 3600_000 });
  const seeded: SeedSubmission[] = [...first];
  sim.state.addSubmissions(withBadOnes(first));
  const arrive = (n: number, startAt: number): void => {
    const [next] = generateSubmissions({ seed: seed + n, count: 1, org: ORG, profiles: opts.profiles, startAt, a2Share: 0 });
    if (next) {
      seeded.push(next);
      sim.state.addSubmissions([next]);
    }
  };
  persist.attach(sim.state, arrive);

  // "applications arriving": a new one now and then, as citizens send them in
  let n = persist.lastArrival;
  const timer = setInterval(() => {
    n++;
    const startAt = Date.now() - 60_000;
    persist.arrived(n, startAt);
    arrive(n, startAt);
  }, opts.arriveEveryMs ?? 45_000);
  timer.unref();

  const households = () => [...new Map(seeded.flatMap((x) => (x.household ? [[x.household.applicant.personNumber, x.household] as const] : []))).values()];
  return {
    sim,
    clock: sim.clock,
    households,
    config: {
      altinn: {
        enabled: true,
        platformUrl: sim.url,
        org: ORG,
        maskinporten: {
          tokenUrl: `${sim.url}/token`,
          audience: `${sim.url}/`,
          clientId: 'postmottak-demo',
          kid: 'demo-1',
          scope: 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write',
          privateKey: { secret: 'demo.maskinporten-key' },
        },
        includeMigratedAltinn2: true,
        pageSize: 100,
        timeoutMs: 10_000,
      },
      altinn2: {
        enabled: true,
        url: `${sim.url}/ArchiveExternal/DownloadQueueExternalBasic.svc`,
        systemUserName: 'postmottak',
        systemPassword: { secret: 'demo.altinn2-password' },
        timeoutMs: 10_000,
      },
    },
    secrets: {
      'demo.maskinporten-key': keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'demo.altinn2-password': systemPassword,
    },
    async close() {
      clearInterval(timer);
      await sim.close();
    },
  };
}
