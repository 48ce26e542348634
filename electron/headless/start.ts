import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.command';

const projectRoot = path.resolve(__dirname, '..', '..');
const ELECTRON_PACKAGE = 'electron';

/**
 * The Electron binary, if it is installed or can be fetched. The electron package
 * downloads it on first use; where that fails (no network, closed registry), null.
 */
export function findElectron(timeoutMs = 5 * 60_000): string | null {
  // a separate process: requiring the package may download the binary, and must not load Electron here
  const probe = `process.stdout.write(require(${JSON.stringify(ELECTRON_PACKAGE)}))`;
  const r = spawnSync(process.execPath, ['-e', probe], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = r.status === 0 ? r.stdout.trim() : '';
  return file && fs.existsSync(file) ? file : null;
}

/** `npm start`: the desktop window, or the same app in the browser where Electron is missing. */
export async function main(): Promise<void> {
  const forward = process.argv.slice(2);
  const electron = process.env.POSTMOTTAK_NO_ELECTRON ? null : findElectron();
  if (electron) {
    const child = spawn(electron, [projectRoot, ...forward], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stdout.write('Electron-programmet finnes ikke på denne maskinen, så Postmottak starter i nettleseren i stedet.\n');
  const data = forward.indexOf('--data') >= 0 ? forward[forward.indexOf('--data') + 1] : undefined;
  const config = forward.indexOf('--config') >= 0 ? forward[forward.indexOf('--config') + 1] : undefined;
  // npm start with nothing named opens the demo in its own folder (resolvePaths); --demo asks for it explicitly
  const s = await serve({ data, config, demo: forward.includes('--demo') });
  const stop = () => void s.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
