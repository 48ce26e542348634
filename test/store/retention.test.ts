// #17 item 6: retention moves (or removes) the documents of fully processed cases only, and every reader still gets them back byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFiles, ContentUnavailableError, useContentFiles } from '../../electron/store/content-files';
import { cleanOrphans, runRetention } from '../../electron/store/retention';
import { storeKinds, testStoresOf, type TestStore } from '../helpers/test-store';
import { tempDir } from '../helpers/temp-dir';
import { documentBytes, processCase, receive, type Received } from './retention-seed';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);

async function seedMix(t: TestStore) {
  const r = t.repos;
  const shared = documentBytes(7777, 0, 3000);
  const cases: Record<string, Received & { letter?: Uint8Array }> = {};
  const add = async (key: string, n: number, o: Parameters<typeof processCase>[3] | null, processedDay = 2, share = false) => {
    const c = await receive(r, n, T0 + n * 60_000, [2500, 1800], share ? shared : undefined);
    const done = o === null ? undefined : await processCase(r, c, T0 + processedDay * DAY, o);
    cases[key] = { ...c, letter: done?.letter };
  };
  await add('read', 1, { reply: 'read' });
  await add('printed', 2, { reply: 'printed' });
  await add('onlySent', 3, { reply: 'sent' });
  await add('unarchived', 4, { unarchived: true });
  await add('handoverPending', 5, { handover: 'pending' });
  await add('handoverDone', 6, { handover: 'done' });
  await add('recent', 7, { reply: 'read' }, 80);
  await add('open', 8, null);
  // finished, but one attachment is also in a case still open (8 is not: 9 shares with 10)
  await add('sharesWithOpen', 9, { reply: 'read' }, 2, true);
  await add('openSharing', 10, null, 2, true);
  return cases;
}

const states = async (t: TestStore) =>
  new Map((await t.store.sql.all<{ sha256: string; state: string }>('SELECT sha256, state FROM blobs')).map((r) => [r.sha256, r.state]));
const sha = async (t: TestStore, c: Received, seq: number) => (await t.repos.submissions.get(c.publicId))!.parts[seq]!.sha256!;

describe.each(storeKinds())('retention (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('moves the documents of fully processed cases to verified 0600 files, and every reader gets them back byte for byte', async () => {
    const t = await open();
    const dir = path.join(tempDir(), 'files');
    const files = contentFiles(dir);
    useContentFiles(t.store.sql, files);
    const cases = await seedMix(t);
    const now = T0 + 95 * DAY;
    const r = await runRetention({ repo: t.repos.retention, meta: t.repos.meta, files, policy: 'move', afterDays: 90, batchSize: 3, now: () => now });
    const done = ['read', 'printed', 'handoverDone', 'sharesWithOpen'];
    expect(r.cases).toBe(done.length);
    for (const [key, c] of Object.entries(cases)) {
      expect(await t.repos.retention.caseDone(c.submissionId), key).toEqual(done.includes(key) ? { doneAt: now, policy: 'move' } : undefined);
    }
    const st = await states(t);
    for (const key of ['read', 'printed', 'handoverDone']) {
      for (const seq of [0, 1]) expect(st.get(await sha(t, cases[key]!, seq)), key).toBe('file');
    }
    // the attachment an open case shares stays in the database; the finished case's own parts moved
    expect(st.get(await sha(t, cases.sharesWithOpen!, 2))).toBe('db');
    expect(st.get(await sha(t, cases.sharesWithOpen!, 0))).toBe('file');
    for (const key of ['onlySent', 'unarchived', 'handoverPending', 'recent', 'open']) {
      for (const seq of [0, 1]) expect(st.get(await sha(t, cases[key]!, seq)), key).toBe('db');
    }
    // emptied rows: the database holds no bytes of them, the row keeps size and address
    const moved = await t.store.sql.get<{ n: number; bytes: number; size: number }>("SELECT count(*) AS n, sum(length(data)) AS bytes, sum(size) AS size FROM blobs WHERE state = 'file'");
    expect(Number(moved!.n)).toBe(r.blobs);
    expect(Number(moved!.bytes)).toBe(0);
    expect(Number(moved!.size)).toBe(r.bytes);
    // what the disk figure counts as the files folder's share (#17 review: no longer a scan of every blob)
    expect(await t.repos.retention.movedBytes()).toBe(r.bytes);
    expect((await t.repos.retention.blobStats()).file.bytes).toBe(r.bytes);

    // owner-only files in owner-only folders, named by their content
    const first = await sha(t, cases.read!, 0);
    const file = files.pathOf(first);
    expect(path.basename(file)).toBe(first);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    }

    // the case's documents, the archive's delivery reader, the approved letter, and the archivist's extract reader
    const c = cases.read!;
    for (const seq of [0, 1]) expect(Buffer.from((await t.repos.submissions.partBytes(c.publicId, seq))!.bytes).equals(Buffer.from(c.parts[seq]!))).toBe(true);
    expect(Buffer.from((await t.repos.archive.blob(first))!).equals(Buffer.from(c.parts[0]!))).toBe(true);
    const letterSha = (await t.repos.replies.bySubmission(c.submissionId))!.letter.sha256;
    expect(Buffer.from((await t.repos.archive.blob(letterSha))!).equals(Buffer.from(c.letter!))).toBe(true);
    expect(Buffer.from((await t.repos.archiveExtract.blob(letterSha))!).equals(Buffer.from(c.letter!))).toBe(true);

    // idempotent: a second run finds nothing more; the run is recorded with its counts
    const again = await runRetention({ repo: t.repos.retention, meta: t.repos.meta, files, policy: 'move', afterDays: 90, batchSize: 3, now: () => now + 1 });
    expect(again).toMatchObject({ cases: 0, blobs: 0 });
    expect(await t.repos.retention.runs(5)).toMatchObject([
      { state: 'done', cases: 0 },
      { state: 'done', policy: 'move', afterDays: 90, cases: 4, blobs: r.blobs, bytes: r.bytes },
    ]);

    // when the open case is finished too, the shared attachment follows
    await processCase(t.repos, cases.openSharing!, now, { reply: 'read' });
    await runRetention({ repo: t.repos.retention, meta: t.repos.meta, files, policy: 'move', afterDays: 90, batchSize: 3, now: () => now + 91 * DAY });
    expect((await states(t)).get(await sha(t, cases.sharesWithOpen!, 2))).toBe('file');
  });

  it('says clearly, in Norwegian, when a moved file is missing or changed', async () => {
    const t = await open();
    const files = contentFiles(path.join(tempDir(), 'files'));
    useContentFiles(t.store.sql, files);
    const c = await receive(t.repos, 1, T0, [4000]);
    await processCase(t.repos, c, T0 + DAY);
    await runRetention({ repo: t.repos.retention, meta: t.repos.meta, files, policy: 'move', afterDays: 30, batchSize: 10, now: () => T0 + 40 * DAY });
    const s = await sha(t, c, 0);

    const changed = Buffer.from(c.parts[0]!);
    changed[100] = changed[100]! ^ 0xff;
    fs.writeFileSync(files.pathOf(s), changed);
    const corrupt = await t.repos.submissions.partBytes(c.publicId, 0).catch((e: unknown) => e);
    expect(corrupt).toBeInstanceOf(ContentUnavailableError);
    expect(corrupt).toMatchObject({ reason: 'corrupt', message: expect.stringMatching(/er endret eller skadet.*sikkerhetskopien/) });

    fs.rmSync(files.pathOf(s));
    const missing = await t.repos.archive.blob(s).catch((e: unknown) => e);
    expect(missing).toMatchObject({ reason: 'missing', message: expect.stringMatching(/finnes ikke\. Legg filmappen tilbake/) });

    // a store whose host did not name the folder finds it through what the run recorded
    fs.writeFileSync(files.pathOf(s), c.parts[0]!);
    const other = await open();
    expect(await other.repos.meta.get('retention.filesDir')).toBeUndefined();
    expect(await t.repos.meta.get('retention.filesDir')).toBe(files.dir);
  });

  it('policy remove: deletes the bytes, the case says so, and the same bytes arriving again come back into the row', async () => {
    const t = await open();
    const dir = path.join(tempDir(), 'files');
    const files = contentFiles(dir);
    useContentFiles(t.store.sql, files);
    const c = await receive(t.repos, 1, T0, [3000, 2000]);
    await processCase(t.repos, c, T0 + DAY, { reply: 'printed' });
    const r = await runRetention({ repo: t.repos.retention, meta: t.repos.meta, files, policy: 'remove', afterDays: 60, batchSize: 10, now: () => T0 + 70 * DAY });
    expect(r).toMatchObject({ cases: 1, blobs: 3 });
    expect(fs.existsSync(dir)).toBe(false);
    const err = await t.repos.submissions.partBytes(c.publicId, 1).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'removed', message: 'Innholdet er slettet etter 60 dager (finnes i arkivet).' });
    // the case itself is still there with its parts' names and sizes
    expect((await t.repos.submissions.get(c.publicId))!.parts.map((p) => p.size)).toEqual([3000, 2000]);

    // the same attachment in a new application: its bytes are stored again, for both
    const again = await receive(t.repos, 2, T0 + 71 * DAY, [500], c.parts[1]);
    expect(Buffer.from((await t.repos.submissions.partBytes(again.publicId, 1))!.bytes).equals(Buffer.from(c.parts[1]!))).toBe(true);
    expect(Buffer.from((await t.repos.submissions.partBytes(c.publicId, 1))!.bytes).equals(Buffer.from(c.parts[1]!))).toBe(true);
  });

  it('resumes after a kill between writing the files and changing the rows, and clears what an interrupted run left', async () => {
    const t = await open();
    const files = contentFiles(path.join(tempDir(), 'files'));
    useContentFiles(t.store.sql, files);
    const cs = [];
    for (let n = 1; n <= 4; n++) {
      const c = await receive(t.repos, n, T0, [1000 + n]);
      await processCase(t.repos, c, T0 + DAY);
      cs.push(c);
    }
    // killed mid-batch: files written, the transaction never committed
    let writes = 0;
    const dying = { ...files, write: (s: string, b: Uint8Array) => (++writes === 3 ? (() => { throw new Error('killed'); })() : files.write(s, b)) };
    await expect(runRetention({ repo: t.repos.retention, meta: t.repos.meta, files: dying, policy: 'move', afterDays: 30, batchSize: 10, now: () => T0 + 40 * DAY })).rejects.toThrow('killed');
    expect([...(await states(t)).values()].every((s) => s === 'db')).toBe(true);
    expect((await t.repos.retention.lastRun())!).toMatchObject({ state: 'failed', error: 'killed', cases: 0 });
    expect(files.list().files).toHaveLength(2);

    const r = await runRetention({ repo: t.repos.retention, meta: t.repos.meta, files, policy: 'move', afterDays: 30, batchSize: 10, now: () => T0 + 41 * DAY });
    expect(r).toMatchObject({ cases: 4, blobs: 8 });
    for (const c of cs) expect(Buffer.from((await t.repos.submissions.partBytes(c.publicId, 0))!.bytes).equals(Buffer.from(c.parts[0]!))).toBe(true);

    // leftovers: a partial write, a file whose row still holds its bytes, a file nobody knows (left alone)
    const old = (Date.now() - 2 * DAY) / 1000;
    const partial = `${files.pathOf('ab'.repeat(32))}.1234.tmp`;
    fs.mkdirSync(path.dirname(partial), { recursive: true });
    fs.writeFileSync(partial, 'half');
    const hot = await receive(t.repos, 9, T0 + 40 * DAY, [700]);
    const hotSha = await sha(t, hot, 0);
    files.write(hotSha, hot.parts[0]!);
    const unknown = documentBytes(42, 0, 100);
    const unknownSha = (await import('node:crypto')).createHash('sha256').update(unknown).digest('hex');
    files.write(unknownSha, unknown);
    for (const f of [partial, files.pathOf(hotSha), files.pathOf(unknownSha)]) fs.utimesSync(f, old, old);
    // a fresh leftover is not touched (a running batch may be writing it)
    const fresh = await receive(t.repos, 10, T0 + 40 * DAY, [800]);
    files.write(await sha(t, fresh, 0), fresh.parts[0]!);

    expect(await cleanOrphans(t.repos.retention, files, Date.now())).toEqual({ orphansRemoved: 2, unknownFiles: 1 });
    expect(fs.existsSync(partial)).toBe(false);
    expect(files.exists(hotSha)).toBe(false);
    expect(files.exists(unknownSha)).toBe(true);
    expect(files.exists(await sha(t, fresh, 0))).toBe(true);
    // the moved ones are untouched
    for (const c of cs) expect(files.exists(await sha(t, c, 0))).toBe(true);
  });
});
