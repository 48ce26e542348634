import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';

/** Workers still running: a test that fails or times out mid-run must not leave them working (and loading the machine) after its file. */
const live = new Set<ChildProcess>();
afterAll(() => {
  for (const c of live) c.kill('SIGKILL');
});

/** How node runs a script: a TypeScript source through tsx, a bundle (bundled-entry.ts) as it is, with its source map. */
export const nodeArgs = (script: string): string[] => (script.endsWith('.cjs') ? ['--enable-source-maps', script] : ['--import', 'tsx', script]);

/**
 * A TypeScript worker in a child process (the crash tests): its output collected, a promise
 * for READY on stdout and one for its exit, so the test can kill it with SIGKILL at any moment.
 * `script` is the .ts source, or the one file bundleEntry() compiled it to (no tsx start per life).
 */
export function runWorker(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...nodeArgs(script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('READY') && resolve()));
  return { child, exited, ready };
}
