import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * One TypeScript entry compiled into one CommonJS file with the compiler tsx uses (esbuild, with
 * tsx's keepNames); packages stay in node_modules. Each module keeps its source's __dirname and
 * __filename (resources are found from them), as under tsx: a bundle would otherwise give every
 * module the bundle's folder. `rewrite` may change a module's text first (the faults bench swaps in
 * the code before #18 for its baseline). Run the file with `node --enable-source-maps`.
 */
export async function buildEntry(entry: string, outfile: string, rewrite?: (file: string, text: string) => string): Promise<void> {
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
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
    plugins: [
      {
        name: 'source-dirname',
        setup(b) {
          b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
            const original = await fs.promises.readFile(args.path, 'utf8');
            const text = rewrite ? rewrite(args.path, original) : original;
            if (text === original && !/\b__(dirname|filename)\b/.test(text)) return undefined;
            const contents = text.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))).replace(/\b__filename\b/g, JSON.stringify(args.path));
            return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
          });
        },
      },
    ],
  });
}
