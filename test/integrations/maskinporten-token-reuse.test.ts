import { afterEach, describe, expect, it } from 'vitest';
import type { AltinnSimulator } from '../../integrations/altinn/simulator/altinn-simulator';
import { createAltinnTokenProvider } from '../../integrations/shared/auth/maskinporten.client';
import { refreshMarginMs } from '../../integrations/shared/auth/token-margin';
import { clientPrivatePem, ORG, startSim, T0 } from '../helpers/altinn-fixture';

// #18 item 7: a token is reused until shortly before it expires, the margin in proportion to its
// lifetime; a 60-second token with a fixed minute's margin was fetched anew for every call.

let sim: AltinnSimulator | undefined;
let clock = T0;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  clock = T0;
});

function provider(s: AltinnSimulator, now: () => number = () => clock) {
  return createAltinnTokenProvider(
    { tokenUrl: `${s.url}/token`, audience: `${s.url}/`, clientId: 'postmottak', kid: 'kid-1', scope: 'altinn:serviceowner/instances.read', privateKeyPem: clientPrivatePem, timeoutMs: 5000 },
    `${s.url}/authentication/api/v1/exchange/maskinporten`,
    now,
  );
}

const accepted = async (s: AltinnSimulator, token: string) =>
  (await fetch(`${s.url}/storage/api/v1/instances?org=${ORG}`, { headers: { authorization: `Bearer ${token}` } })).status;

/** Calls token() every `stepSec` simulated seconds for `totalSec`; every token must still be accepted. */
async function walk(s: AltinnSimulator, tokens: ReturnType<typeof provider>, stepSec: number, totalSec: number) {
  const seen: { at: number; token: string }[] = [];
  for (let t = 0; t <= totalSec; t += stepSec) {
    clock = T0 + t * 1000;
    const token = await tokens.token();
    seen.push({ at: t, token });
    expect(await accepted(s, token)).toBe(200);
  }
  return seen;
}

describe('Altinn token reuse (#18 item 7)', () => {
  it('the margin is a tenth of the lifetime, at most a minute', () => {
    expect(refreshMarginMs(60_000)).toBe(6_000);
    expect(refreshMarginMs(120_000)).toBe(12_000);
    expect(refreshMarginMs(1_800_000)).toBe(60_000);
    expect(refreshMarginMs(-5)).toBe(0);
  });

  it('a 60-second token is reused for 54 s, then replaced: one grant per 54 s, never one per call', async () => {
    sim = await startSim({ now: () => clock, tokenLifetimeSec: 60 });
    const tokens = provider(sim);
    const seen = await walk(sim, tokens, 1, 180);
    // 181 calls over 3 minutes: a grant at 0, 54, 108 and 162 s
    expect(sim.state.requestCount('token')).toBe(4);
    expect(sim.state.requestCount('exchange')).toBe(4);
    const first = seen[0]!.token;
    expect(seen.find((s) => s.at === 53)!.token).toBe(first);
    expect(seen.find((s) => s.at === 54)!.token).not.toBe(first);
  });

  it('a 30-minute token is reused until a minute before it expires', async () => {
    sim = await startSim({ now: () => clock, tokenLifetimeSec: 1800 });
    const tokens = provider(sim);
    const seen = await walk(sim, tokens, 30, 3600);
    expect(sim.state.requestCount('token')).toBe(3); // at 0, 1740 and 3480 s
    expect(seen.find((s) => s.at === 1710)!.token).toBe(seen[0]!.token);
    expect(seen.find((s) => s.at === 1740)!.token).not.toBe(seen[0]!.token);
  });

  it('concurrent calls share one grant', async () => {
    sim = await startSim({ now: () => clock, tokenLifetimeSec: 60 });
    const tokens = provider(sim);
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(sim.state.requestCount('token')).toBe(1);
  });

  it('counts the lifetime from arrival, so a clock 30 s behind the issuer neither keeps an expired token nor fetches one per call', async () => {
    sim = await startSim({ now: () => clock, tokenLifetimeSec: 60 });
    // the hub's clock runs 30 s behind the simulator's
    const tokens = provider(sim, () => clock - 30_000);
    await walk(sim, tokens, 1, 180);
    expect(sim.state.requestCount('token')).toBe(4);
  });

  it('a Maskinporten token of its own lifetime (no exchange) is reused the same way', async () => {
    sim = await startSim({ now: () => clock, maskinportenTokenLifetimeSec: 60 });
    const tokens = createAltinnTokenProvider(
      { tokenUrl: `${sim.url}/token`, audience: `${sim.url}/`, clientId: 'postmottak', kid: 'kid-1', scope: 'altinn:serviceowner', privateKeyPem: clientPrivatePem, timeoutMs: 5000 },
      null,
      () => clock,
    );
    for (let t = 0; t <= 90; t++) {
      clock = T0 + t * 1000;
      await tokens.token();
    }
    expect(sim.state.requestCount('token')).toBe(2); // at 0 and 54 s
    expect(sim.state.requestCount('exchange')).toBe(0);
  });
});
