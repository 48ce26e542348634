import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface RunningHost {
  /** The single-use launch link: `<origin>/#launch=<code>`. */
  link: string;
  output: () => string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts a built entry (out/main/cli.js serve, or out/main/start.js) on a fresh data
 * folder and waits for the single-use link it prints.
 */
export async function startHost(entry: 'cli' | 'start', args: string[] = []): Promise<RunningHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-'));
  // the demo is an explicit choice (#12 item 6): a named data folder without a config is not the demo
  const demo = args.includes('--config') || process.env.POSTMOTTAK_CONFIG ? [] : ['--demo'];
  const argv =
    entry === 'cli'
      ? [path.join(ROOT, 'out/main/cli.js'), '--data', dataDir, ...demo, 'serve', '--no-open', ...args]
      : [path.join(ROOT, 'out/main/start.js'), '--data', dataDir, ...demo, ...args];
  const child: ChildProcess = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', XDG_CONFIG_HOME: path.join(dataDir, 'xdg') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no link within 120 s:\n${out}`)), 120_000);
    const check = () => {
      const m = /Åpne Postmottak: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${out}`)));
  });
  return {
    link,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The headless host on a written config (not the demo), with the secrets it names in the environment. */
export async function startHostWithConfig(file: string, env: Record<string, string>): Promise<RunningHost> {
  Object.assign(process.env, env, { POSTMOTTAK_CONFIG: file });
  try {
    return await startHost('cli');
  } finally {
    delete process.env.POSTMOTTAK_CONFIG;
  }
}
