import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTree, importsOf } from './import-rules';

const ROOT = path.resolve(__dirname, '../..');
const BAD = path.resolve(__dirname, 'fixtures/bad-tree');

describe('architecture rules', () => {
  it('the source tree breaks none of them', () => {
    expect(checkTree(ROOT)).toEqual([]);
  });

  it('catches every forbidden import in a deliberately bad tree', () => {
    const found = checkTree(BAD).map((v) => `${v.file.split(path.sep).join('/')}: ${v.rule}`);
    expect(found.sort()).toEqual(
      [
        'electron/core/case.service.ts: core may not use Node built-ins (node:fs)',
        'electron/core/case.service.ts: core may not import store',
        'electron/core/case.service.ts: core may not import better-sqlite3',
        'electron/core/case.service.ts: core may not import electron',
        'electron/store/open-store.ts: store may import only types from core',
        'electron/preload/index.ts: preload may not import ipc',
        'renderer/src/app.tsx: renderer may import only types from ipc',
        'renderer/src/app.tsx: renderer may not import zod: the contract schemas run in the hosts',
        'renderer/src/app.tsx: renderer may not use Node built-ins (path)',
        'integrations/noark/noark.adapter.ts: integration noark may not import integration altinn',
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
    ].join('\n');
    expect(importsOf(src).map((i) => [i.spec, i.typeOnly])).toEqual([
      ['./a', true],
      ['./b', false],
      ['./c', false],
      ['./d', false],
      ['./e', false],
      ['./fg', false],
    ]);
  });
});
