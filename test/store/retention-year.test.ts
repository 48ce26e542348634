// #17 item 6: retention keeps the database under a set size over a simulated year of 100,000 applications (fake clock),
// while every case stays viewable with its documents, byte for byte.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { documentBytes } from './retention-seed';
import { simulateYear } from './retention-year.sim';

/** The year's applications (RETENTION_YEAR_APPS to try another figure by hand). */
const APPS = Number(process.env.RETENTION_YEAR_APPS ?? 100_000);
/** Small documents, so a year fits in a test (the bench has larger ones): the receipt PDF, and the reply letter. */
const PART_SIZES = [3_000] as const;
const LETTER_BYTES = 1_000;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('retention over a simulated year', () => {
  it(`keeps the database under its bound through ${APPS.toLocaleString('en')} applications, and every case readable`, { timeout: 1_800_000 }, async () => {
    // in memory where the machine has it: the figure measured is the database's size, not the disk's speed
    const dir = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/pm-retention-year-') : tempDir();
    try {
      const y = await simulateYear({ dir, apps: APPS, partSizes: PART_SIZES, letterBytes: LETTER_BYTES, sync: false });
      const { repos } = y;
      expect(y.received).toHaveLength(APPS);
      // every week after the first month, after maintenance: under the bound
      expect(y.weeks.length).toBeGreaterThan(45);
      for (const w of y.weeks) expect(w.bytes, `day ${w.day}: ${w.apps} applications`).toBeLessThanOrEqual(w.bound);

      // at the end: every case is finished and moved; the documents of all of them are outside the database
      const stats = await repos.retention.blobStats();
      expect(stats.db.count).toBe(0);
      expect(stats.file.count).toBe(APPS * (PART_SIZES.length + 1));
      const last = y.weeks[y.weeks.length - 1]!;
      const withoutRetention = APPS * (y.metaPerApp + y.contentPerApp);
      // and at least 80 % of the year's document bytes are not in it (what it would hold without retention, less them)
      expect(last.bytes).toBeLessThan(withoutRetention - 0.8 * APPS * y.contentPerApp);

      // the first case of every day reads back byte for byte
      for (const { c } of y.samples) {
        for (const [seq, bytes] of c.parts.entries()) expect(Buffer.from((await repos.submissions.partBytes(c.publicId, seq))!.bytes).equals(Buffer.from(bytes))).toBe(true);
      }
      // and one case in twenty across the whole year, with its parts, each document byte for byte
      const t1 = performance.now();
      let read = 0;
      for (const c of y.received.filter((x) => x.n % 20 === 0)) {
        const detail = await repos.submissions.get(c.publicId);
        expect(detail?.parts.map((p) => p.size)).toEqual([...PART_SIZES]);
        for (let seq = 0; seq < PART_SIZES.length; seq++) {
          const got = (await repos.submissions.partBytes(c.publicId, seq))!.bytes;
          expect(sha(got)).toBe(sha(documentBytes(c.n, seq, PART_SIZES[seq]!)));
          read++;
        }
      }
      expect(read).toBe(PART_SIZES.length * Math.floor(APPS / 20));
      // figures for the report (the test's own output)
      console.log(
        JSON.stringify({
          apps: APPS,
          contentPerApp: y.contentPerApp,
          metaPerApp: Math.round(y.metaPerApp),
          finalDatabaseMB: +(last.bytes / 1e6).toFixed(1),
          boundMB: +(last.bound / 1e6).toFixed(1),
          withoutRetentionMB: +(withoutRetention / 1e6).toFixed(1),
          filesMB: +(stats.file.bytes / 1e6).toFixed(1),
          seconds: { ...y.seconds, readSample: +((performance.now() - t1) / 1000).toFixed(1) },
        }),
      );
      await y.store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
