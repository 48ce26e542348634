import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/app/logger';
import { linesBackwards, readLogs } from '../../electron/app/logs/log-reader';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 11, 7, 8);
const MIN = 60_000;

/** A log of 40 lines a minute apart: every fifth a warning, every tenth an error, job lines of two types. */
function sampleLog() {
  const file = path.join(tempDir(), 'logs', 'postmottak.log');
  let now = T0;
  const log = createLogger({ level: 'debug', file, stderr: false, now: () => now });
  for (let i = 0; i < 40; i++) {
    now = T0 + i * MIN;
    const level = i % 10 === 0 ? 'error' : i % 5 === 0 ? 'warn' : i % 2 === 0 ? 'info' : 'debug';
    const fields: Record<string, unknown> = { i };
    if (i % 3 === 0) fields.type = 'noark.archive';
    if (i % 3 === 1) fields.type = 'registers.enrich';
    if (i === 7) fields.integration = 'print';
    log.log(level, i === 13 ? 'Arkivet svarte 503 for 01017012345' : `line ${i}`, fields);
  }
  log.close();
  return file;
}

const ids = (p: { entries: { fields: Record<string, unknown> }[] }) => p.entries.map((e) => e.fields.i);

describe('log reader', async () => {
  it('filters by lowest level, text, time range, job type and integration, newest first', async () => {
    const file = sampleLog();
    expect(ids(await readLogs(file, { level: 'error', limit: 100 }))).toEqual([30, 20, 10, 0]);
    expect(ids(await readLogs(file, { level: 'warn', limit: 100 }))).toEqual([35, 30, 25, 20, 15, 10, 5, 0]);
    // the text is searched as written: the number was masked at write time, the words are found case-insensitively
    const found = await readLogs(file, { text: 'ARKIVET SVARTE', limit: 100 });
    expect(found.entries.map((e) => e.msg)).toEqual(['Arkivet svarte 503 for 010170*****']);
    expect((await readLogs(file, { text: '01017012345', limit: 100 })).entries).toEqual([]);
    expect(ids(await readLogs(file, { from: T0 + 5 * MIN, to: T0 + 8 * MIN, limit: 100 }))).toEqual([8, 7, 6, 5]);
    expect(ids(await readLogs(file, { jobType: 'registers.enrich', to: T0 + 12 * MIN, limit: 100 }))).toEqual([10, 7, 4, 1]);
    // an integration matches its own field, or a job type the queue knows belongs to it
    const integrationOf = (t: string) => (t === 'noark.archive' ? 'archive' : undefined);
    expect(ids(await readLogs(file, { integration: 'archive', to: T0 + 9 * MIN, limit: 100 }, { integrationOf }))).toEqual([9, 6, 3, 0]);
    expect(ids(await readLogs(file, { integration: 'print', limit: 100 }, { integrationOf }))).toEqual([7]);
  });

  it('pages with a cursor, also through entries written in the same millisecond', async () => {
    const file = path.join(tempDir(), 'postmottak.log');
    const log = createLogger({ level: 'info', file, stderr: false, now: () => T0 });
    for (let i = 0; i < 25; i++) log.log('info', 'same time', { i });
    log.close();
    const seen: unknown[] = [];
    let page = await readLogs(file, { limit: 10 });
    seen.push(...ids(page));
    while (page.next) {
      page = await readLogs(file, { limit: 10, before: page.next });
      seen.push(...ids(page));
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, k) => 24 - k));
  });

  it('reads a large file backwards in bounded chunks, skips lines that are not its own, and stops at the scan cap', async () => {
    const file = path.join(tempDir(), 'big.log');
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ t: new Date(T0 + i).toISOString(), level: 'info', msg: `m${i}`, pad: 'x'.repeat(40) }));
    fs.writeFileSync(file, ['not json at all', ...lines, '{"broken":'].join('\n') + '\n');
    const all: string[] = [];
    for await (const l of linesBackwards(file, { bytes: Infinity })) all.push(l);
    expect(all).toHaveLength(20_002);
    expect(all[1]).toBe(lines.at(-1));
    expect(all.at(-1)).toBe('not json at all');
    const page = await readLogs(file, { limit: 5 });
    expect(page.entries.map((e) => e.msg)).toEqual(['m19999', 'm19998', 'm19997', 'm19996', 'm19995']);
    // 128 KiB of a ~1.8 MB file: the newest lines, then a cut-off that says so
    const capped = await readLogs(file, { limit: 100_000 }, { maxScanBytes: 128 * 1024 });
    expect(capped.truncated).toBe(true);
    expect(capped.entries.length).toBeGreaterThan(1000);
    expect(capped.entries.length).toBeLessThan(2000);
  });

  it('redacts on the way out what an older version wrote in clear', async () => {
    const file = path.join(tempDir(), 'old.log');
    fs.writeFileSync(file, JSON.stringify({ t: new Date(T0).toISOString(), level: 'warn', msg: 'for 01017012345', password: 'hunter22', who: '31129912345' }) + '\n');
    const [e] = (await readLogs(file, { limit: 1 })).entries;
    expect(e).toEqual({ t: new Date(T0).toISOString(), level: 'warn', msg: 'for 010170*****', fields: { password: '[skjult]', who: '311299*****' } });
  });
});
