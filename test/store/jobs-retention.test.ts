import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrichPayload } from '../../electron/core/registers/registers.jobs';
import { migrate, migrations, schemaVersion } from '../../electron/store';
import type { SqlClient } from '../../electron/store/sql/sql-client';
import { anyPayload, jobHarnessOn } from '../helpers/job-harness';
import { openTestStore, storeKinds, type TestStore } from '../helpers/test-store';

// #12 item 11: personal data in the jobs table forever. These fail on the code before the fix:
// the enrich payload carried `personNumbers`, there was no migration 0060 and no pruning.

const KARI = '01017012345';
const OLA = '24068512349';
const DAY = 86_400_000;

const upTo = (version: number) => {
  const db = new Database(':memory:');
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
};
const insertJob = (db: Database.Database, type: string, payload: unknown, key: string, lastError: string | null = null) =>
  db
    .prepare("INSERT INTO jobs (type, payload, idempotency_key, status, max_attempts, run_after, created_at, updated_at, last_error) VALUES (?, ?, ?, 'done', 5, 0, 0, 0, ?)")
    .run(type, JSON.stringify(payload), key, lastError);

describe('0060-jobs-without-person-numbers migration (#12 item 11)', () => {
  it('rewrites registers.enrich payloads to the submission id and masks numbers in last errors', () => {
    const db = upTo(50);
    insertJob(db, 'registers.enrich', { submissionId: 7, personNumbers: [KARI, OLA] }, 'registers.enrich:7', `Folkeregisteret svarte 500 for ${KARI}`);
    insertJob(db, 'registers.enrich', { personNumbers: [OLA] }, 'registers.enrich:broken');
    insertJob(db, 'noark.archive', { entryKey: 'pm-1-I' }, 'noark.archive:pm-1-I');
    migrate(db, migrations.filter((m) => m.version <= 60));
    expect(schemaVersion(db)).toBe(60);
    const rows = db.prepare<[], { type: string; payload: string; last_error: string | null }>('SELECT type, payload, last_error FROM jobs ORDER BY id').all();
    expect(rows).toEqual([
      { type: 'registers.enrich', payload: '{"submissionId":7}', last_error: 'Folkeregisteret svarte 500 for 010170*****' },
      { type: 'noark.archive', payload: '{"entryKey":"pm-1-I"}', last_error: null },
    ]);
    const all = JSON.stringify(db.prepare('SELECT * FROM jobs').all());
    expect(all).not.toMatch(/\d{11}/);
  });

  it('the enrich payload takes an id and refuses person numbers', () => {
    expect(enrichPayload.parse({ submissionId: 3 })).toEqual({ submissionId: 3 });
    expect(() => enrichPayload.parse({ submissionId: 3, personNumbers: [KARI] })).toThrow();
  });
});

const insertDoneJob = (sql: SqlClient, type: string, key: string) =>
  sql.run("INSERT INTO jobs (type, payload, idempotency_key, status, max_attempts, run_after, created_at, updated_at) VALUES (?, '{}', ?, 'done', 5, 0, 0, 0)", [type, key]);

describe.each(storeKinds())('pruning finished jobs (#12 item 11) (%s)', (kind) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(kind);
  });
  afterEach(() => t.close());

  it('deletes done jobs past the retention whose key cannot come back, and keeps the rest', async () => {
    const h = jobHarnessOn(t.store);
    h.runner.define({ type: 'registers.enrich', schema: anyPayload, handle: () => undefined });
    h.runner.define({ type: 'ingest.poll', schema: anyPayload, handle: () => undefined });
    // an outbound effect keyed on an id that comes back (an Altinn instance listed until confirmed)
    h.runner.define({ type: 'ingest.confirm', schema: anyPayload, untilDelivered: true, handle: () => undefined });
    h.runner.define({ type: 'noark.other', schema: anyPayload, keyMayReturn: true, handle: () => undefined });
    h.runner.define({ type: 'slow', schema: anyPayload, handle: () => undefined });
    for (const [type, key] of [['registers.enrich', 'e:1'], ['ingest.poll', 'schedule:p:1'], ['ingest.confirm', 'c:1'], ['noark.other', 'n:1']] as const) await h.runner.enqueue(type, {}, key);
    await h.runner.runDue();
    h.clock.advance(40 * DAY);
    await h.runner.enqueue('slow', {}, 'still-queued');
    await h.runner.enqueue('registers.enrich', {}, 'e:recent');
    await h.runner.runDue();
    expect(await h.runner.pruneDone(30 * DAY)).toBe(2);
    const left = (await h.jobs.list({ limit: 100 })).map((j) => j.idempotencyKey).sort();
    expect(left).toEqual(['c:1', 'e:recent', 'n:1', 'still-queued'].sort());
    // the kept key still refuses a second run
    expect((await h.runner.enqueue('ingest.confirm', {}, 'c:1')).created).toBe(false);
  });

  it('leaves done jobs of types this runner does not define alone', async () => {
    const h = jobHarnessOn(t.store);
    await insertDoneJob(t.store.sql, 'unknown.kind', 'u:1');
    expect(await h.jobs.pruneDone(Date.now() + DAY, [])).toBe(0);
    expect(await h.runner.pruneDone(0)).toBe(0);
    expect(await h.jobs.list({ limit: 10 })).toHaveLength(1);
  });
});
