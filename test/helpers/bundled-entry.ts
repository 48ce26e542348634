import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
/** Inside the project (under node_modules, which git ignores), so code that finds resources/ by walking up from __dirname finds it, and packages resolve as from source. */
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'postmottak-test-entries');

/**
 * Each module keeps its own __dirname and __filename, the source file's, as under tsx: a bundle
 * would otherwise give every module the bundle's folder (worker-host.ts, the simulators' resource paths).
 */
const sourcePaths: Plugin = {
  name: 'source-dirname',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const contents = text.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))).replace(/\b__filename\b/g, JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

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
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node}`,
    packages: 'external',
    keepNames: true,
    sourcemap: true,
    logLevel: 'error',
    plugins: [sourcePaths],
  });
  made.push(outfile, `${outfile}.map`);
  return outfile;
}
