import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildEntry } from './esbuild-entry';

const ROOT = path.resolve(__dirname, '../..');
/** Inside the project (under node_modules, which git ignores), so code that finds resources/ by walking up from __dirname finds it, and packages resolve as from source. */
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'postmottak-test-entries');

const made: string[] = [];
afterAll(() => {
  for (const f of made.splice(0)) fs.rmSync(f, { force: true });
});

/**
 * A TypeScript entry (a crash test's child process, the CLI) compiled once into one CommonJS file,
 * so each process the test starts loads one file instead of compiling hundreds through tsx: the
 * crash tests start dozens of lives, and each tsx start costs seconds of CPU on a busy 2-core machine.
 * The same compiler tsx uses (esbuild, with tsx's keepNames), the same source; packages stay in
 * node_modules, loaded as they are under tsx. Run it with `node --enable-source-maps <file>`
 * (runWorker does, for a .cjs script): stack traces name the .ts sources.
 * Returns the file; it is removed after the calling test file.
 */
export async function bundleEntry(entry: string): Promise<string> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // what a run killed before its afterAll left behind
  for (const f of fs.readdirSync(OUT_DIR)) {
    const file = path.join(OUT_DIR, f);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st && Date.now() - st.mtimeMs > 86_400_000) fs.rmSync(file, { force: true });
  }
  const outfile = path.join(OUT_DIR, `${path.basename(entry).replace(/\.[cm]?tsx?$/, '')}-${process.pid}-${Date.now().toString(36)}.cjs`);
  await buildEntry(entry, outfile);
  made.push(outfile, `${outfile}.map`);
  return outfile;
}
