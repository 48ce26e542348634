import { describe, expect, it } from 'vitest';
import { storeKinds, testStoresOf } from '../helpers/test-store';

// #14: the Jobber screen's query (status and abandoned, integration, age, ids) and a job's case, on both stores.
describe.each(storeKinds())('jobs list and cases (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('filters by status, abandoned, integration, creation time and ids', async () => {
    const { repos } = await open();
    const jobs = repos.jobs;
    const add = async (key: string, integration: string | null, at: number) =>
      (await jobs.enqueue({ type: 't.x', payload: '{}', idempotencyKey: key, integration, maxAttempts: 1, runAfter: at }, at)).job.id;
    const a = await add('a', 'archive', 1_000);
    const b = await add('b', 'archive', 2_000);
    const c = await add('c', 'altinn', 3_000);
    await jobs.markDead(a, { message: 'nei', kind: 'permanent' }, 4_000);
    await jobs.markDead(b, { message: 'nei', kind: 'permanent' }, 4_000);
    await jobs.abandonDead(b, 5_000);
    const ids = async (f: Parameters<typeof jobs.list>[0]) => (await jobs.list(f)).map((j) => j.id).sort((x, y) => x - y);
    expect(await ids({ status: 'dead', abandoned: false, limit: 10 })).toEqual([a]);
    expect(await ids({ status: 'dead', abandoned: true, limit: 10 })).toEqual([b]);
    expect(await ids({ integration: 'archive', limit: 10 })).toEqual([a, b]);
    expect(await ids({ createdAfter: 2_000, limit: 10 })).toEqual([b, c]);
    expect(await ids({ createdBefore: 2_000, limit: 10 })).toEqual([a]);
    expect(await ids({ ids: [a, c], limit: 10 })).toEqual([a, c]);
    expect(await ids({ limit: 10 })).toEqual([a, b, c]);
  });

  it("finds a job's case by submission id or Altinn item, with the public title and no personal data", async () => {
    const { store, repos } = await open();
    await store.sql.run(
      `INSERT INTO submissions (public_id, status, service_key, reportee_person_number, applicant_name, title, title_public, submitted_at, received_at)
       VALUES (?, 'received', 'svc', '01017012345', 'Kari Nordmann', 'Søknad fra Kari Nordmann', 'Søknad om permisjon', 1, 1)`,
      ['00000000-0000-4000-8000-000000000001'],
    );
    const sub = await store.sql.get<{ id: number }>('SELECT id FROM submissions');
    const id = Number(sub!.id);
    await store.sql.run(`INSERT INTO source_items (source, source_id, submission_id, service_key, fetched_at) VALUES ('altinn3', 'inst-1', ?, 'svc', 1)`, [id]);
    const found = await repos.jobs.caseRefs([
      { kind: 'submission', id },
      { kind: 'source', source: 'altinn3', key: 'inst-1' },
      { kind: 'source', source: 'altinn2', key: 'inst-1' },
      { kind: 'entry', key: 'unknown' },
    ]);
    const kari = { publicId: '00000000-0000-4000-8000-000000000001', caseNumber: null, title: 'Søknad om permisjon' };
    expect(found).toEqual([kari, kari, null, null]);
    expect(JSON.stringify(found)).not.toMatch(/01017012345|Kari/);
  });
});
