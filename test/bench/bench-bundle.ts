/**
 * A bench worker compiled once into one CommonJS file with esbuild (what tsx uses), so the
 * worker's peak RSS measures the hub, not tsx compiling hundreds of modules at start (≈150 MB).
 * The product runs bundled too. Same idea as test/helpers/bundled-entry.ts, which is tied to
 * vitest's afterAll; here the caller removes the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { buildEntry } from '../helpers/esbuild-entry';

const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'postmottak-bench-entries');

/** Bundles `entry`; returns the .cjs file and a function that removes it. */
export async function bundleWorker(entry: string): Promise<{ file: string; remove(): void }> {
  const file = path.join(OUT_DIR, `${path.basename(entry, '.ts')}-${process.pid}-${Date.now().toString(36)}.cjs`);
  await buildEntry(entry, file);
  return { file, remove: () => [file, `${file}.map`].forEach((f) => fs.rmSync(f, { force: true })) };
}

/** A child process (a .cjs bundle under plain node, else a .ts file through tsx) whose stdout is handed over line by line. */
export function spawnLines(
  script: string,
  args: string[],
  onLine: (line: string, child: ChildProcess) => void,
  o: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; stdin?: 'pipe' | 'ignore' } = {},
) {
  const loader = script.endsWith('.cjs') ? ['--enable-source-maps'] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), ...loader, script, ...args], { stdio: [o.stdin ?? 'ignore', 'pipe', 'inherit'], env: o.env ?? process.env });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const line of out.split('\n').slice(0, -1)) onLine(line, child);
    out = out.slice(out.lastIndexOf('\n') + 1);
  });
  return { child, done: new Promise<number | null>((r) => child.on('exit', (code) => r(code))) };
}

/** CPU seconds (user + system) a live process has used, from /proc/<pid>/stat (Linux); null elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid || os.platform() !== 'linux') return null;
  try {
    // the fields after the command name, which may itself hold spaces and parentheses
    const rest = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    const ticks = Number(rest[11]) + Number(rest[12]);
    return ticks / 100;
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x, and the fitted line's value at the first and last x. */
export function slope(xs: number[], ys: number[]): { perX: number; first: number; last: number } {
  const n = xs.length;
  if (n < 2) return { perX: 0, first: ys[0] ?? 0, last: ys[n - 1] ?? 0 };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const perX = sxx ? sxy / sxx : 0;
  return { perX, first: my + perX * (xs[0]! - mx), last: my + perX * (xs[n - 1]! - mx) };
}
