import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLineCounts, checkTree, importsOf, lineCount, listSources } from './import-rules';

const ROOT = path.resolve(__dirname, '../..');
const BAD_FIXTURE = path.resolve(__dirname, 'fixtures/bad-tree');

/**
 * The bad tree, copied to a temporary folder with its long files written out: a file one line
 * over the limit, one at it, and one over it but exempted by name (as the translation tables are).
 * Generated rather than checked in, so three 400-line files of filler do not sit in the repository.
 */
function badTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bad-tree-'));
  fs.cpSync(BAD_FIXTURE, dir, { recursive: true });
  const filler = (first: string, lines: number, name: string) =>
    [first, ...Array.from({ length: lines - 1 }, (_, i) => `export const ${name}${i + 2} = ${i + 2};`)].join('\n') + '\n';
  fs.writeFileSync(path.join(dir, 'renderer/src/long-page.tsx'), filler('// 401 lines: one over the limit.', 401, 'line'));
  fs.writeFileSync(path.join(dir, 'renderer/src/at-limit.tsx'), filler('// 400 lines: at the limit.', 400, 'line'));
  fs.mkdirSync(path.join(dir, 'renderer/src/i18n'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'renderer/src/i18n/nb.ts'), filler('// 401 lines, exempted by name in the test (as the translation tables are).', 401, 'key'));
  return dir;
}
const BAD = badTree();
afterAll(() => fs.rmSync(BAD, { recursive: true, force: true }));
const posix = (p: string) => p.split(path.sep).join('/');

/** The max-lines limit and the files exempted by name, from the ESLint config (one list, kept there). */
async function lineLimits(): Promise<{ MAX_LINES: number; MAX_LINES_EXEMPT: string[] }> {
  const configFile = path.join(ROOT, 'eslint.config.mjs'); // a path in a variable: loaded at run time, not type-checked
  return (await import(configFile)) as { MAX_LINES: number; MAX_LINES_EXEMPT: string[] };
}

describe('architecture rules', () => {
  it('the source tree breaks none of them', () => {
    expect(checkTree(ROOT)).toEqual([]);
  });

  it('catches every forbidden import in a deliberately bad tree', () => {
    const found = checkTree(BAD).map((v) => `${posix(v.file)}: ${v.rule}`);
    expect(found.sort()).toEqual(
      [
        'electron/core/case.service.ts: core may not use Node built-ins (node:fs)',
        'electron/core/case.service.ts: core may not import store',
        'electron/core/case.service.ts: core may not import better-sqlite3',
        'electron/core/case.service.ts: core may not import electron',
        'electron/core/case.service.ts: core may not import pg',
        'electron/store/open-store.ts: store may import only types from core',
        'electron/preload/index.ts: preload may not import ipc',
        'renderer/src/app.tsx: renderer may import only types from ipc',
        'renderer/src/app.tsx: renderer may not import zod: the contract schemas run in the hosts',
        'renderer/src/app.tsx: renderer may not use Node built-ins (path)',
        'integrations/noark/noark.adapter.ts: integration noark may not import integration altinn',
        // issue 11's guards
        'electron/app/features/desk.feature.ts: feature desk may not import feature replies: features meet only through deps',
        'electron/app/features/replies.feature.ts: feature replies may not import feature shared-wiring: features meet only through deps',
        'integrations/altinn/altinn.adapter.ts: only simulators, tests and the demo entry may import a simulator',
        'integrations/shared/http.ts: only simulators, tests and the demo entry may import a simulator',
        'integrations/index.ts: integrations/index.ts may load a simulator only lazily, with import()',
        'integrations/index.ts: integrations/demo.ts is loaded only lazily, with import()',
        'integrations/altinn/simulator/altinn.simulator.ts: a simulator may not import adapter code (altinn.mapper.ts): it reads the wire with its own',
        'electron/core/case.service.ts: only electron/store may handle stored form JSON (formJson)',
        'renderer/src/case/case.page.tsx: the case room may not import from inbox/: what both use lives in shared/',
      ].sort(),
    );
  });

  it('reads import, export-from, dynamic import and require, and knows type-only imports', () => {
    const src = [
      "import type { A } from './a';",
      "import { B } from './b';",
      "export { C } from './c';",
      "const d = await import('./d');",
      "const e = require('./e');",
      "// import { ignored } from './comment';",
      "import {\n  F,\n  G,\n} from './fg';",
      "export function h(x: typeof import('./h')) { return x; }",
      "import './side-effect.css';",
    ].join('\n');
    expect(importsOf(src).map((i) => [i.spec, i.typeOnly, i.dynamic, i.line])).toEqual([
      ['./a', true, false, 1],
      ['./b', false, false, 2],
      ['./c', false, false, 3],
      ['./d', false, true, 4],
      ['./e', false, false, 5],
      ['./fg', false, false, 7],
      ['./h', false, true, 11],
      ['./side-effect.css', false, false, 12],
    ]);
  });

  it('a statement that does not import is not read as the start of one further down', () => {
    // an export without "from" must not swallow the text up to the next "from '…'" (and with it the imports between)
    const src = ["export type Row = { id: string };", "export const x = 1;", "import { y } from './y';", "const z = () => import('./z');"].join('\n');
    expect(importsOf(src).map((i) => [i.spec, i.typeOnly, i.line])).toEqual([
      ['./y', false, 3],
      ['./z', false, 4],
    ]);
  });
});

describe('file length', () => {
  it('counts lines as ESLint max-lines does: blank lines and comments count, the end of the last line does not', () => {
    expect(lineCount('a\n\n// c\n')).toBe(3);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount('')).toBe(1);
  });

  it(`no source file is longer than the limit unless exempted by name in eslint.config.mjs`, async () => {
    const { MAX_LINES, MAX_LINES_EXEMPT } = await lineLimits();
    expect(MAX_LINES).toBe(400);
    expect(checkLineCounts(ROOT, MAX_LINES, MAX_LINES_EXEMPT).map((v) => `${posix(v.file)}: ${v.rule}`)).toEqual([]);
  });

  it('every exemption names a source file that still needs it', async () => {
    const { MAX_LINES, MAX_LINES_EXEMPT } = await lineLimits();
    const sources = new Set(listSources(ROOT).map((f) => posix(path.relative(ROOT, f))));
    const stale = MAX_LINES_EXEMPT.filter((rel) => !sources.has(rel) || lineCount(fs.readFileSync(path.join(ROOT, rel), 'utf8')) <= MAX_LINES);
    expect(stale).toEqual([]);
  });

  it('catches a long file in the bad tree and honours an exemption by name', () => {
    const found = checkLineCounts(BAD, 400, ['renderer/src/i18n/nb.ts']).map((v) => `${posix(v.file)}: ${v.rule}`);
    expect(found).toEqual(['renderer/src/long-page.tsx: longer than 400 lines (401)']);
  });
});

describe('the ESLint config enforces the same guards', () => {
  const GUARDS = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'max-lines']);

  it('reports the bad tree, each file linted as if it stood at that place in the repository', async () => {
    // the bad tree's files are in no tsconfig: the type-aware rules (floating promises) are left out here, the guards are what is tested
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: {
        languageOptions: { parserOptions: { project: null, projectService: false } },
        rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
      },
    });
    const found: string[] = [];
    for (const file of listSources(BAD)) {
      const rel = posix(path.relative(BAD, file));
      const [result] = await eslint.lintText(fs.readFileSync(file, 'utf8'), { filePath: path.join(ROOT, rel) });
      for (const m of result?.messages ?? []) if (m.ruleId && GUARDS.has(m.ruleId)) found.push(`${rel}:${m.line} ${m.ruleId}`);
    }
    expect(found.sort()).toEqual(
      [
        'electron/core/case.service.ts:2 @typescript-eslint/no-restricted-imports',
        'electron/core/case.service.ts:3 @typescript-eslint/no-restricted-imports',
        'electron/core/case.service.ts:4 @typescript-eslint/no-restricted-imports',
        'electron/core/case.service.ts:5 @typescript-eslint/no-restricted-imports',
        'electron/core/case.service.ts:6 @typescript-eslint/no-restricted-imports',
        'renderer/src/app.tsx:1 @typescript-eslint/no-restricted-imports',
        'renderer/src/app.tsx:4 @typescript-eslint/no-restricted-imports',
        'renderer/src/app.tsx:5 @typescript-eslint/no-restricted-imports',
        // (which ipc file preload imports, and one integration importing another, only the scanner above tells apart)
        // issue 11's guards
        'electron/app/features/desk.feature.ts:3 @typescript-eslint/no-restricted-imports',
        'electron/app/features/replies.feature.ts:2 @typescript-eslint/no-restricted-imports',
        'integrations/altinn/altinn.adapter.ts:3 @typescript-eslint/no-restricted-imports',
        'integrations/shared/http.ts:2 @typescript-eslint/no-restricted-imports',
        'integrations/index.ts:2 @typescript-eslint/no-restricted-imports',
        'integrations/index.ts:4 @typescript-eslint/no-restricted-imports',
        'integrations/altinn/simulator/altinn.simulator.ts:2 @typescript-eslint/no-restricted-imports',
        'electron/core/case.service.ts:9 no-restricted-syntax',
        'renderer/src/long-page.tsx:401 max-lines',
        'renderer/src/case/case.page.tsx:1 @typescript-eslint/no-restricted-imports',
      ].sort(),
    );
  });
});
