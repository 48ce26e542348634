import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createAltinn3StorageAdapter, type Altinn3StorageConfig } from '../../integrations/altinn/altinn3-storage.adapter';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { startAltinnSimulator, type AltinnSimulator, type AltinnSimulatorOptions } from '../../integrations/altinn/simulator/altinn-simulator';
import { deterministicUuid } from '../../integrations/altinn/simulator/sim-state';
import type { SeedSubmission } from '../../integrations/altinn/simulator/sim-types';

export const ORG = 'kommune';
export const APP = `${ORG}/permisjon-skole`;
export const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);

// Processes of one test run share the client key through the environment (simulator and client in different processes).
const keys = process.env.PM_TEST_CLIENT_KEY
  ? { privateKey: createPrivateKey(process.env.PM_TEST_CLIENT_KEY), publicKey: createPublicKey(process.env.PM_TEST_CLIENT_KEY) }
  : generateKeyPairSync('rsa', { modulusLength: 2048 });
export const clientPrivatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// a key made here goes to the children started later (a bench that loaded this module before it set the variable
// gave its simulator one key and its hub another: every Maskinporten grant was refused)
process.env.PM_TEST_CLIENT_KEY ??= clientPrivatePem;
const clientPublicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** A small seed: form XML, receipt PDF and 0–2 attachments. */
export function tinySeed(i: number, over: Partial<SeedSubmission> = {}): SeedSubmission {
  return {
    profileId: 'permisjon-skole',
    instanceGuid: deterministicUuid('fixture', String(i)),
    partyId: String(50_000_000 + i),
    personNumber: '01017012345',
    appId: APP,
    createdAt: T0 - (i + 1) * 60_000 - 30_000,
    completedAt: T0 - (i + 1) * 60_000,
    formXml: `<?xml version="1.0"?><Permisjon><Nr>${i}</Nr></Permisjon>`,
    receiptPdf: Buffer.from(`%PDF-1.7 receipt ${i}`),
    attachments: Array.from({ length: i % 3 }, (_, k) => ({
      dataType: 'vedlegg',
      filename: `vedlegg-${i}-${k}.pdf`,
      contentType: 'application/pdf',
      bytes: Buffer.from(`%PDF-1.7 attachment ${i}/${k}`),
    })),
    ...over,
  };
}

export async function startSim(opts: Partial<AltinnSimulatorOptions> = {}): Promise<AltinnSimulator> {
  return startAltinnSimulator({
    org: ORG,
    orgNumber: '910000001',
    clients: [
      {
        clientId: 'postmottak',
        kid: 'kid-1',
        publicKeyPem: clientPublicPem,
        scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write', 'altinn:serviceowner', 'altinn:correspondence.write'],
      },
    ],
    ...opts,
  });
}

export function altinn3Adapter(sim: AltinnSimulator, over: Partial<Altinn3StorageConfig> = {}) {
  const tokens = createAltinnTokenProvider(
    {
      tokenUrl: `${sim.url}/token`,
      audience: `${sim.url}/`,
      clientId: 'postmottak',
      kid: 'kid-1',
      scope: 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write',
      privateKeyPem: clientPrivatePem,
      timeoutMs: 5000,
    },
    `${sim.url}/authentication/api/v1/exchange/maskinporten`,
  );
  const adapter = createAltinn3StorageAdapter(
    { platformUrl: sim.url, org: ORG, appIds: [APP], includeMigratedAltinn2: true, pageSize: 10, timeoutMs: 5000, maxPartBytes: 10 * 1024 * 1024, ...over },
    { tokens },
  );
  return { adapter, tokens };
}
