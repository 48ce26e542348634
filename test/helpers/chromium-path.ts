import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from './system-tool';

/**
 * The Chromium the tests drive with Playwright, never one downloaded at run time:
 *  1. CHROMIUM_PATH, when set;
 *  2. `chromium` (or `chromium-browser`) on PATH, e.g. Debian's /usr/bin/chromium;
 *  3. @sparticuz/chromium, a pinned devDependency that carries a headless Chromium inside the npm
 *     package (brotli-packed; unpacked once to the temp folder, as the package itself does). The
 *     libraries it needs beyond glibc (NSS, NSPR, expat) come from the same package when the
 *     system lacks them.
 */
export interface ChromiumLaunch {
  executablePath: string;
  /** The browser's whole environment (Playwright replaces, not extends), when it needs LD_LIBRARY_PATH for the packaged libraries. */
  env?: Record<string, string>;
  source: 'CHROMIUM_PATH' | 'PATH' | '@sparticuz/chromium';
}

// @sparticuz/chromium is ESM with an async unpack; a child process keeps this resolver synchronous,
// which playwright.config.ts needs. It prints the binary's path and, if the libraries had to be
// unpacked, their folder.
const UNPACK = `
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Chromium, { inflate } from '@sparticuz/chromium';
const exe = await Chromium.executablePath();
const runs = (env) => { try { execFileSync(exe, ['--version'], { env: { ...process.env, ...env }, stdio: 'pipe' }); return true; } catch { return false; } };
let libDir = '';
if (!runs({})) {
  const bin = join(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..', 'bin');
  libDir = join(await inflate(join(bin, 'al2023.tar.br')), 'lib');
  if (!runs({ LD_LIBRARY_PATH: libDir })) throw new Error('the Chromium from @sparticuz/chromium does not start here: ' + exe);
}
process.stdout.write(JSON.stringify({ exe, libDir }));
`;

let cached: ChromiumLaunch | undefined;

export function resolveChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLaunch {
  if (env === process.env && cached) return cached;
  const result = resolve(env);
  if (env === process.env) cached = result;
  return result;
}

function resolve(env: NodeJS.ProcessEnv): ChromiumLaunch {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} finnes ikke`);
    return { executablePath: explicit, source: 'CHROMIUM_PATH' };
  }
  const onPath = findOnPath('chromium', env['PATH']) ?? findOnPath('chromium-browser', env['PATH']);
  if (onPath) return { executablePath: onPath, source: 'PATH' };
  const root = path.resolve(__dirname, '../..');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', UNPACK], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const { exe, libDir } = JSON.parse(out) as { exe: string; libDir: string };
  if (!libDir) return { executablePath: exe, source: '@sparticuz/chromium' };
  const browserEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  browserEnv['LD_LIBRARY_PATH'] = [libDir, env['LD_LIBRARY_PATH']].filter(Boolean).join(path.delimiter);
  return { executablePath: exe, env: browserEnv, source: '@sparticuz/chromium' };
}

/** The flags every launch uses: headless, and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
