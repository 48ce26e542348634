import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { runWorker } from '../helpers/child-worker';
import { ORG, startSim } from '../helpers/altinn-fixture';
import { shippedProfiles, writeIngestConfig } from '../helpers/ingest-env';
import { tempDir } from '../helpers/temp-dir';

/**
 * #12 item 16: hostile forms beside valid ones, through the real ingest path (Altinn 3
 * simulator → adapter → form reader → XSD → store) in a child process whose peak RSS is
 * measured. Each hostile kind comes six at a time.
 */

const WORKER = path.resolve(__dirname, '../fixtures/hostile-ingest-worker.ts');
const EACH = 6;
const VALID = 12;
const PEAK_RSS_LIMIT = 600 * 1024 * 1024;

/** Index just after the root element's start tag ("<Root ...>"). */
function rootTagEnd(xml: string): number {
  const open = /<[A-Za-z_]/.exec(xml);
  if (!open) throw new Error('no root element');
  return xml.indexOf('>', open.index);
}
const insertAt = (xml: string, at: number, s: string) => xml.slice(0, at) + s + xml.slice(at);

const HOSTILE = {
  /** 400,000 attributes on the root element, ~3.7 MB: under maxFormBytes. */
  attributes: (xml: string) => {
    const attrs = Array.from({ length: 400_000 }, (_, i) => ` a${i.toString(36)}=""`).join('');
    return insertAt(xml, rootTagEnd(xml), attrs);
  },
  /** 40 attributes of 100,000 characters each (~4 MB). */
  longValues: (xml: string) => insertAt(xml, rootTagEnd(xml), Array.from({ length: 40 }, (_, k) => ` v${k}="${'x'.repeat(100_000)}"`).join('')),
  /** 90,000 levels of nesting (~1.1 MB). */
  deep: (xml: string) => insertAt(xml, rootTagEnd(xml) + 1, '<d>'.repeat(90_000) + '</d>'.repeat(90_000)),
  /** One 20 MB text node: over maxFormBytes. */
  hugeText: (xml: string) => insertAt(xml, rootTagEnd(xml) + 1, 'x'.repeat(20 * 1024 * 1024)),
} as const;
type Kind = keyof typeof HOSTILE;
const KINDS = Object.keys(HOSTILE) as Kind[];

/** What each refusal must say, in Norwegian. */
const REASON: Record<Kind, RegExp> = {
  attributes: /attributter/,
  longValues: /attributtverdi|tegn/,
  deep: /nøstet/,
  hugeText: /byte|grensen/,
};

describe('hostile forms (#12 item 16)', () => {
  it(`quarantines ${EACH}× each of 400k attributes, 100k-char values, 90k nesting and a 20 MB text node; stores ${VALID} valid forms on the first poll; peak RSS < 600 MB`, async () => {
    const sim = await startSim({});
    const seeds = generateSubmissions({ seed: 16, count: KINDS.length * EACH + VALID, org: ORG, profiles: shippedProfiles().all(), attachmentBytes: 2_000, a2Share: 0 });
    const kindOf = new Map<string, Kind>();
    // interleaved, so hostile and valid forms are downloaded and validated side by side
    seeds.forEach((s, i) => {
      if (i % 3 === 2) return;
      const kind = KINDS[kindOf.size % KINDS.length]!;
      s.formXml = HOSTILE[kind](s.formXml);
      kindOf.set(s.instanceGuid, kind);
    });
    sim.state.addSubmissions(seeds);
    const dir = tempDir('pm-hostile-');
    const { file, env } = writeIngestConfig(dir, sim);
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown> };
    delete config.integrations.altinn2;
    fs.writeFileSync(file, JSON.stringify(config));

    const run = await runWorker(WORKER, [path.join(dir, 'data'), file], env).exited;
    await sim.close();
    const line = run.out.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`the worker gave no result (exit ${run.code}, ${run.signal}):\n${run.out.slice(-4000)}`);
    const r = JSON.parse(line.slice(7)) as {
      poll: Record<string, number>;
      ms: number;
      peakRss: number;
      rows: { sourceId: string; status: string; code: string | null; reason: string | null }[];
    };
    console.log(`hostile forms: peak RSS ${(r.peakRss / 1024 / 1024).toFixed(0)} MB, poll ${r.ms} ms, ${JSON.stringify(r.poll)}`);

    expect(kindOf.size).toBe(KINDS.length * EACH);
    expect(r.poll).toMatchObject({ seen: seeds.length, stored: seeds.length - kindOf.size, quarantined: kindOf.size, failed: 0 });
    for (const s of seeds) {
      const row = r.rows.find((x) => x.sourceId.toLowerCase().endsWith(s.instanceGuid.toLowerCase()));
      const kind = kindOf.get(s.instanceGuid);
      if (!kind) {
        expect(row, `valid form ${s.instanceGuid}`).toMatchObject({ status: 'received' });
        continue;
      }
      expect(row?.status, `${kind} ${s.instanceGuid}`).toBe('quarantined');
      expect(row?.reason, `${kind}: ${row?.reason}`).toMatch(REASON[kind]);
    }
    expect(r.peakRss).toBeLessThan(PEAK_RSS_LIMIT);
  }, 120_000);
});
