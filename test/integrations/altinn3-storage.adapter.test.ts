import { afterEach, describe, expect, it } from 'vitest';
import type { PendingRef } from '../../electron/core/ingest/submission';
import type { AltinnSimulator } from '../../integrations/altinn/simulator/altinn-simulator';
import { altinn3Adapter, APP, ORG, startSim, tinySeed } from '../helpers/altinn-fixture';

let sim: AltinnSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function listAll(adapter: ReturnType<typeof altinn3Adapter>['adapter']) {
  const pages: PendingRef[][] = [];
  for await (const p of adapter.listPending()) pages.push(p);
  return pages;
}

describe('Altinn 3 Storage adapter against the simulator', () => {
  it('follows next across several pages and finds every pending instance, migrated Altinn 2 items included', async () => {
    sim = await startSim();
    sim.state.addSubmissions([
      ...Array.from({ length: 35 }, (_, i) => tinySeed(i)),
      tinySeed(500, { appId: `${ORG}/a2-5321-1`, altinn2: { archiveReference: 'AR10000500', serviceCode: '5321', serviceEditionCode: 1, reporteeType: 'Person' } }),
    ]);
    const { adapter } = altinn3Adapter(sim);
    const pages = await listAll(adapter);
    const refs = pages.flat();
    expect(pages.length).toBeGreaterThanOrEqual(4); // 35 at 10 a page, then the migrated query
    expect(new Set(refs.map((r) => r.sourceId)).size).toBe(36);
    const migrated = refs.find((r) => r.a2ArchiveRef === 'AR10000500')!;
    expect(migrated).toMatchObject({ source: 'altinn3', serviceKey: '5321:1' });
    expect(refs.filter((r) => r.serviceKey === APP)).toHaveLength(35);
  });

  it('downloads every part byte for byte with its content type, and confirms idempotently', async () => {
    sim = await startSim();
    const s = tinySeed(2);
    sim.state.addSubmissions([s]);
    const { adapter } = altinn3Adapter(sim);
    const [ref] = (await listAll(adapter)).flat();
    const sub = await adapter.fetch(ref!);
    expect(sub.parts.map((p) => p.role)).toEqual(['form', 'receipt-pdf', 'attachment', 'attachment']);
    expect(new TextDecoder().decode(sub.parts[0]!.bytes)).toBe(s.formXml);
    expect(Buffer.from(sub.parts[1]!.bytes).equals(s.receiptPdf)).toBe(true);
    expect(sub.parts[2]).toMatchObject({ filename: 'vedlegg-2-0.pdf', contentType: 'application/pdf' });
    expect(sub.reportee).toEqual({ partyId: s.partyId, personNumber: s.personNumber, organisationNumber: null });
    expect(sub.submittedAt).toBe(s.completedAt);
    await adapter.confirm(ref!);
    await adapter.confirm(ref!);
    const id = `${s.partyId}/${s.instanceGuid}`;
    expect(sim.state.confirmedCount(id)).toBe(1);
    expect(sim.state.completeCalls.get(id)).toBe(2);
    expect((await listAll(adapter)).flat()).toEqual([]);
  });

  it('downloads an item of a page after the next page was read (ingest reads a page ahead) without asking for its instance again', async () => {
    sim = await startSim();
    sim.state.addSubmissions(Array.from({ length: 25 }, (_, i) => tinySeed(i)));
    const { adapter } = altinn3Adapter(sim);
    const instanceGets: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/instances\/\d+\/[0-9a-f-]{36}$/.test(new URL(url).pathname)) instanceGets.push(url);
      return realFetch(input, init);
    };
    try {
      const pages = adapter.listPending()[Symbol.asyncIterator]();
      const first = (await pages.next()).value as PendingRef[];
      await pages.next();
      await pages.next();
      const sub = await adapter.fetch(first[0]!);
      expect(sub.parts.length).toBeGreaterThan(0);
      expect(instanceGets).toEqual([]);
      await pages.return?.(undefined);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('gets a new token when the old one expires mid-run', async () => {
    sim = await startSim();
    sim.state.addSubmissions(Array.from({ length: 25 }, (_, i) => tinySeed(i)));
    const { adapter } = altinn3Adapter(sim);
    const seen: string[] = [];
    for await (const page of adapter.listPending()) {
      seen.push(...page.map((r) => r.sourceId));
      sim.expireTokens();
    }
    expect(new Set(seen).size).toBe(25);
    expect(sim.state.requestCount('token')).toBeGreaterThanOrEqual(3);
  });

  it('classifies 429 with Retry-After, 5xx, a dropped connection and a malformed body', async () => {
    sim = await startSim();
    sim.state.addSubmissions([tinySeed(1)]);
    const { adapter } = altinn3Adapter(sim);
    const [ref] = (await listAll(adapter)).flat();

    sim.setFaults({ list: { rateLimitRate: 1, retryAfterSec: 7 } });
    await expect(listAll(adapter)).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    sim.setFaults({ list: { errorRate: 1 } });
    await expect(listAll(adapter)).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/HTTP 5\d\d/) });
    sim.setFaults({ data: { dropRate: 1 } });
    await expect(adapter.fetch(ref!)).rejects.toMatchObject({ kind: 'transient' });
    sim.setFaults({ list: { malformedRate: 1 } });
    await expect(listAll(adapter)).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/JSON/) });
    sim.setFaults({ data: { malformedRate: 1 } });
    await expect(adapter.fetch(ref!)).rejects.toMatchObject({ kind: 'transient' });
    sim.setFaults({});
    expect((await adapter.fetch(ref!)).parts).toHaveLength(3);
  });

  it('reports a refused client as auth, without the key in the message', async () => {
    sim = await startSim({ clients: [] });
    const { adapter } = altinn3Adapter(sim);
    const err = (await listAll(adapter).then(
      () => new Error('expected a refusal'),
      (e: unknown) => e as Error,
    )) as Error & { kind?: string };
    expect(err).toMatchObject({ kind: 'auth' });
    expect(String(err.message)).not.toMatch(/PRIVATE KEY/);
  });
});
