import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { checkNode, oldNodeMessage, REQUIRED_NODE_MAJOR } from '../../electron/headless/node-guard';

const ROOT = path.resolve(__dirname, '../..');

describe('the Node version guard of the postmottak bin and npm start', () => {
  it('refuses Node older than 24 with one sentence naming the Node it needs and how to run it', () => {
    expect(REQUIRED_NODE_MAJOR).toBe(24);
    const cli = oldNodeMessage('20.20.2', 'cli')!;
    expect(cli).toContain('Node 24');
    expect(cli).toContain('20.20.2');
    expect(cli).toContain('npx postmottak');
    expect(cli).toContain('npm run postmottak --');
    expect(cli).not.toContain('\n');
    expect(cli.split(/[.!?](\s|$)/).filter((s) => s.trim()).length, 'one sentence').toBe(1);
    expect(oldNodeMessage('22.17.0', 'start')).toContain('npm start');
    expect(oldNodeMessage('garbage', 'cli')).toContain('Node 24');
  });

  it('lets Node 24 and newer through', () => {
    for (const v of ['24.0.0', '24.21.0', '25.1.0']) expect(oldNodeMessage(v, 'cli'), v).toBeNull();
  });

  it('checkNode prints the sentence to stderr and sets exit code 1, or does nothing', () => {
    const written: string[] = [];
    const before = process.exitCode;
    try {
      expect(checkNode('cli', '20.20.2', { write: (s: string) => written.push(s) })).toBe(false);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
    }
    expect(written).toEqual([`${oldNodeMessage('20.20.2', 'cli')}\n`]);
    expect(checkNode('cli', '24.21.0', { write: (s: string) => written.push(s) })).toBe(true);
    expect(written).toHaveLength(1);
  });

  it('the bin is the guarded entry, built with a #!/usr/bin/env node line (the built file: test/e2e/bin.e2e.ts)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ postmottak: 'out/main/cli.js' });
    const rollup = (config as { main: { build: { rollupOptions: { input: Record<string, string>; output: { banner: (c: object) => string } } } } }).main.build.rollupOptions;
    expect(path.relative(ROOT, rollup.input['cli']!)).toBe(path.join('electron', 'headless', 'cli-entry.ts'));
    expect(path.relative(ROOT, rollup.input['start']!)).toBe(path.join('electron', 'headless', 'start-entry.ts'));
    expect(rollup.output.banner({ isEntry: true, name: 'cli' })).toBe('#!/usr/bin/env node');
    expect(rollup.output.banner({ isEntry: true, name: 'index' })).toBe('');
    // the entries load nothing but the guard before it has spoken
    for (const entry of ['cli-entry.ts', 'start-entry.ts']) {
      const src = fs.readFileSync(path.join(ROOT, 'electron/headless', entry), 'utf8');
      expect(src.match(/^import .*$/gm), entry).toEqual(["import { checkNode } from './node-guard';"]);
    }
    expect(fs.readFileSync(path.join(ROOT, 'electron/headless/node-guard.ts'), 'utf8')).not.toMatch(/^import /m);
  });
});
