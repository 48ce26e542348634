/**
 * Prints one closing line over both runners (vitest and Playwright): "Tests: N passed, N failed".
 * Reads the JSON reports they wrote to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(__dirname, '../../test-results');
const read = (f: string): unknown => (fs.existsSync(path.join(dir, f)) ? JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) : null);

let passed = 0;
let failed = 0;
let skipped = 0;
const v = read('vitest.json') as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
}
const p = read('playwright.json') as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
if (p) {
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
}
process.stdout.write(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
