import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import type { HandoverDocument } from '../../electron/core/routing/handover-document';
import type { InternalConfig } from '../../integrations/internal/internal.config';
import { createInternalSystems, type InternalSystems } from '../../integrations/internal/create-internal-systems';
import { createMaskinporten } from '../../integrations/shared/auth/maskinporten';
import { shippedProfiles } from '../helpers/ingest-env';
import { RESOURCES } from '../helpers/internal-sims';
import type { Bench, Figure } from './bench.types';
import { handoverDocuments } from './handover-documents';

const COUNT = Number(process.env.BENCH_HANDOVER_COUNT ?? 10_000);
/** What the job runner would run at once (config jobs.concurrency). */
const CONCURRENCY = Number(process.env.BENCH_JOBS ?? 8);

/** Each transport against the shipped target that uses it, with the sample service and mapping routed there. */
const CASES = [
  { name: 'rest', target: 'visma-flyt-skole', profile: 'permisjon-skole', decided: true },
  { name: 'soap', target: 'visma-enterprise', profile: 'ansatt-permisjon', decided: true },
  { name: 'file', target: 'ist-barnehage', profile: 'barnehageplass', decided: false },
  { name: 'file-csv', target: 'ist-sfo', profile: 'sfo-plass', decided: false },
  { name: 'file-json', target: 'gerica', profile: 'helse-omsorg', decided: false },
] as const;
const CHOSEN = (process.env.BENCH_HANDOVER_TRANSPORTS ?? CASES.map((c) => c.name).join(',')).split(',');

/** `n` workers taking the items in order, as the job runner's slots take due jobs. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The simulators' process: its SIM line, and its item counts on request. */
function startSims(dir: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'handover-sim.server.ts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: { take: (line: string) => boolean; fail: (e: Error) => void }[] = [];
  child.once('exit', (code) => waiting.splice(0).forEach((w) => w.fail(new Error(`the simulators stopped (${code})`))));
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const line of lines) {
      const i = waiting.findIndex((w) => w.take(line));
      if (i >= 0) waiting.splice(i, 1);
    }
  });
  const nextLine = <T>(prefix: string) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ take: (line) => line.startsWith(prefix) && (resolve(JSON.parse(line.slice(prefix.length)) as T), true), fail: reject });
    });
  return {
    ready: nextLine<{ config: InternalConfig; env: Record<string, string> }>('SIM '),
    counts() {
      const p = nextLine<Record<string, number>>('COUNTS ');
      child.stdin!.write('counts\n');
      return p;
    },
    stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
  };
}

/** Maps and hands over every document through the target's port; a file drop with receipts is done when its receipt is read back. */
async function handOverAll(internal: InternalSystems, target: string, mapping: string, docs: HandoverDocument[]): Promise<void> {
  const port = internal.ports.get(target)!;
  const mt = internal.mappingTarget(target);
  const awaiting: string[] = [];
  await pool(docs, CONCURRENCY, async (d) => {
    const m = await internal.mapper.run(mapping, mt, d);
    if (!m.ok) throw new Error(`${target}: ${JSON.stringify(m.problems)}`);
    const r = await port.handOver({ key: d.handover.key, payload: m.payload, text: m.text });
    if (r.state === 'awaiting-receipt') awaiting.push(d.handover.key);
  });
  // the receipts, read back as the receipt jobs would: every one still missing asked again after the target's next poll
  for (let open = awaiting; open.length; ) {
    const still: string[] = [];
    await pool(open, CONCURRENCY, async (key) => {
      const r = await port.checkReceipt!(key, `${key}.xml`);
      if (r.state === 'rejected') throw new Error(`${target} refused ${key}: ${r.message}`);
      if (r.state === 'awaiting-receipt') still.push(key);
    });
    open = still;
    if (open.length) await sleep(50);
  }
}

/** 10,000 applications per transport, mapped with the shipped mapping and handed over to the target's simulator in a process of its own. */
export const handoverBench: Bench = {
  name: 'handover',
  description:
    `${COUNT} applications per transport mapped (shipped JSONata mapping, the target's schema checked) and handed over by the transport adapters ` +
    `with ${CONCURRENCY} at once (jobs.concurrency) to their simulators in another process: ${CASES.filter((c) => CHOSEN.includes(c.name)).map((c) => `${c.name} → ${c.target}`).join(', ')}; ` +
    'IST barnehage counts until its receipt is read back, the other file drops until the file is written (fsync, rename). ' +
    'Not included: reading the application from the store and the durable job queue (the jobs benchmark measures that), ' +
    'the target importing a file without receipts. Also mapping alone (<transport>-mappings-per-second).',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-handover-'));
    const sims = startSims(dir);
    const figures: Record<string, Figure> = {};
    let internal: InternalSystems | undefined;
    try {
      const { config, env } = await sims.ready;
      const secrets = createEnvSecretStore(env);
      internal = await createInternalSystems(config, { secrets, resourcesDir: RESOURCES, now: Date.now, maskinporten: createMaskinporten({ secrets, now: Date.now }) });
      const profiles = shippedProfiles();
      for (const c of CASES.filter((x) => CHOSEN.includes(x.name))) {
        const loaded = profiles.byId(c.profile)!;
        const mapping = loaded.mappings?.[c.target];
        if (!mapping) throw new Error(`${c.profile} has no mapping for ${c.target}`);
        const docs = await handoverDocuments(loaded, c.target, COUNT, { seed: 15, decided: c.decided });
        const mt = internal.mappingTarget(c.target);

        const t0 = performance.now();
        await pool(docs, CONCURRENCY, async (d) => {
          const m = await internal!.mapper.run(mapping, mt, d);
          if (!m.ok) throw new Error(`${c.target}: ${JSON.stringify(m.problems)}`);
        });
        const mapMs = performance.now() - t0;

        const before = (await sims.counts())[c.target] ?? 0;
        const t1 = performance.now();
        await handOverAll(internal, c.target, mapping, docs);
        const ms = performance.now() - t1;
        // every application arrived once (the file drops without receipts: once the target has polled its folder)
        for (let tries = 0; ((await sims.counts())[c.target] ?? 0) - before < COUNT; tries++) {
          if (tries > 600) throw new Error(`${c.target} holds fewer than ${COUNT} new items`);
          await sleep(100);
        }
        figures[`${c.name}-mappings-per-second`] = { value: Math.round(COUNT / (mapMs / 1000)), unit: 'mappings/s' };
        figures[`${c.name}-handovers-per-second`] = { value: Math.round(COUNT / (ms / 1000)), unit: 'hand-overs/s' };
        process.stdout.write(`  ${c.name} (${c.target}): mapping ${(mapMs / 1000).toFixed(1)} s, mapping + hand-over ${(ms / 1000).toFixed(1)} s\n`);
      }
    } finally {
      await internal?.close();
      await sims.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
