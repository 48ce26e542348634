import { describe, expect, it } from 'vitest';
import { storeKinds, testStoresOf } from '../helpers/test-store';

// #14: the Jobber screen's query (status and abandoned, integration, age, ids, search) and a job's case, on both stores.
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

  it('searches in the query: job number, type, the case by number or public title (via each payload key), never a person', async () => {
    const { store, repos } = await open();
    const addSubmission = async (n: number, titlePublic: string) => {
      await store.sql.run(
        `INSERT INTO submissions (public_id, status, service_key, reportee_person_number, applicant_name, title, title_public, submitted_at, received_at)
         VALUES (?, 'received', 'svc', '01017012345', 'Kari Nordmann', 'Søknad fra Kari Nordmann', ?, 1, 1)`,
        [`00000000-0000-4000-8000-00000000000${n}`, titlePublic],
      );
      return Number((await store.sql.get<{ id: number }>('SELECT id FROM submissions WHERE public_id = ?', [`00000000-0000-4000-8000-00000000000${n}`]))!.id);
    };
    const permisjon = await addSubmission(1, 'Søknad om permisjon');
    const barnehage = await addSubmission(2, 'Søknad om barnehageplass');
    await store.sql.run(`INSERT INTO source_items (source, source_id, submission_id, service_key, fetched_at) VALUES ('altinn3', 'inst-1', ?, 'svc', 1)`, [barnehage]);
    await store.sql.run(
      `INSERT INTO archive_case_files (external_key, system_id, profile_id, title, title_public, arkivdel, ordningsprinsipp, ordningsverdi, administrativ_enhet, saksdato, opened_at, saksaar, sakssekvensnummer, archived_at)
       VALUES ('cf-1', 'sys-cf-1', 'p', 't', 't', 'a', 'o', 'v', 'e', '2026-01-01', 1, 2026, 118, 1)`,
    );
    const caseFile = Number((await store.sql.get<{ id: number }>('SELECT id FROM archive_case_files'))!.id);
    await store.sql.run(
      `INSERT INTO archive_entries (external_key, system_id, case_file_id, submission_id, journalposttype, title, title_public, journaldato, dokumentets_dato, administrativ_enhet, status, created_at, updated_at)
       VALUES ('entry-1', 'sys-e-1', ?, ?, 'I', 't', 't', '2026-01-01', '2026-01-01', 'e', 'pending', 1, 1)`,
      [caseFile, permisjon],
    );
    const jobs = repos.jobs;
    let at = 1_000;
    const add = async (type: string, payload: object) => (await jobs.enqueue({ type, payload: JSON.stringify(payload), idempotencyKey: `k${at}`, integration: null, maxAttempts: 1, runAfter: at }, at++)).job.id;
    const decide = await add('rules.decide', { submissionId: permisjon });
    const archive = await add('noark.archive', { entryKey: 'entry-1' });
    const confirm = await add('ingest.confirm', { source: 'altinn3', sourceId: 'inst-1' });
    const backup = await add('store.backup', {});
    const unknownCase = await add('noark.archive', { entryKey: 'entry-unknown' });
    const search = async (q: string, qTypes?: string[]) => (await jobs.list({ q, qTypes, limit: 10 })).map((j) => j.id).sort((x, y) => x - y);

    // the case number reaches the job through its archive entry and through the submission id
    expect(await search('2026/118')).toEqual([decide, archive]);
    // the public title, in any case, reaches the job through its Altinn item
    expect(await search('BARNEHAGE')).toEqual([confirm]);
    expect(await search('permisjon')).toEqual([decide, archive]);
    // the public id's beginning (what the screen shows when there is no title)
    expect(await search('00000000-0000-4000-8000-000000000002')).toEqual([confirm]);
    // the technical type, the job number, and the types the UI's words matched
    expect(await search('noark')).toEqual([archive, unknownCase]);
    expect(await search(String(backup))).toEqual([backup]);
    expect(await search(`nr. ${backup}`)).toEqual([backup]);
    expect(await search('sikkerhetskopi', ['store.backup'])).toEqual([backup]);
    // never a person: the applicant's name and fødselsnummer find nothing; LIKE's wildcards are plain text
    expect(await search('Kari')).toEqual([]);
    expect(await search('01017012345')).toEqual([]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    // with the other filters
    await jobs.markDead(archive, { message: 'nei', kind: 'permanent' }, 2_000);
    expect((await jobs.list({ q: '2026/118', status: 'dead', limit: 10 })).map((j) => j.id)).toEqual([archive]);
  });
});
