/**
 * `npm run bench -- [NAME…]`: runs the named benchmarks (all without names), prints a
 * table and writes the figures to test/bench/results/latest.json as
 * { "<bench>.<figure>": { "value": n, "unit": "…" } }. Later benchmarks register here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Bench, Figure } from './bench.types';
import { archiveBench } from './archive.bench';
import { deskBench } from './desk.bench';
import { exportBench } from './export.bench';
import { handoverBench } from './handover.bench';
import { ingestBench } from './ingest.bench';
import { jobsBench } from './jobs.bench';
import { repliesBench } from './replies.bench';
import { retentionBench } from './retention.bench';
import { soakBench } from './soak.bench';
import { storeBench } from './store.bench';
import { yearBench } from './year.bench';

const benches: Bench[] = [jobsBench, ingestBench, archiveBench, deskBench, repliesBench, storeBench, handoverBench, exportBench, retentionBench, yearBench, soakBench];

async function main() {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length) {
    process.stderr.write(`Ukjent benchmark: ${unknown.join(', ')}. Finnes: ${benches.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  const chosen = names.length ? benches.filter((b) => names.includes(b.name)) : benches;
  const results: Record<string, Figure> = {};
  for (const b of chosen) {
    process.stdout.write(`Kjører ${b.name}: ${b.description} …\n`);
    const figures = await b.run();
    for (const [k, v] of Object.entries(figures)) results[`${b.name}.${k}`] = v;
  }
  const rows = Object.entries(results).map(([k, v]) => [k, v.value.toLocaleString('en-US'), v.unit]);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'value', 'unit'][i]!.length));
  const line = (r: string[]) => `| ${r[0]!.padEnd(w[0]!)} | ${r[1]!.padStart(w[1]!)} | ${r[2]!.padEnd(w[2]!)} |`;
  process.stdout.write(['', line(['figure', 'value', 'unit']), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line), ''].join('\n') + '\n');
  const out = path.resolve(__dirname, 'results', 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const previous = fs.existsSync(out) && names.length ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, Figure>) : {};
  fs.writeFileSync(out, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
  process.stdout.write(`Skrevet til ${path.relative(process.cwd(), out)}\n`);
}

void main();
