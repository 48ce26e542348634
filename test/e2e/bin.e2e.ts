import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The built bin (npm run test:e2e builds first): a program with a shebang, guarded against old Node.
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'out/main/cli.js');

const freshDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bin-'));

test('out/main/cli.js starts with #!/usr/bin/env node and prints status as JSON on Node 24', () => {
  expect(fs.readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  const data = freshDir();
  const r = spawnSync(process.execPath, [BIN, 'status', '--json', '--data', data], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ version: expect.any(String), host: 'headless' });
});

test('on an older Node it prints the one sentence, exits 1 and touches nothing', () => {
  const data = freshDir();
  // Node 20 itself may be missing here; the guard reads process.versions.node, so pretend
  const pretend = "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.20.2' } }); process.argv.splice(1, 0, process.argv[1]); require(process.argv[1]);";
  const r = spawnSync(process.execPath, ['-e', pretend, BIN, 'status', '--json', '--data', data], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim()).toMatch(/^Postmottak trenger Node 24 eller nyere \(du har Node 20\.20\.2\).*npx postmottak.*npm run postmottak -- …$/);
  expect(fs.readdirSync(data)).toEqual([]);
});
