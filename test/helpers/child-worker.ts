import { spawn } from 'node:child_process';

/**
 * A TypeScript worker in a child process (the crash tests): its output collected, a promise
 * for READY on stdout and one for its exit, so the test can kill it with SIGKILL at any moment.
 */
export function runWorker(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
  const ready = new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('READY') && resolve()));
  return { child, exited, ready };
}
