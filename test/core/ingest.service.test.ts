import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IntegrationError } from '../../electron/core/errors';
import { CONFIRM_JOB } from '../../electron/core/ingest/ingest.jobs';
import { createIngestService, type IngestDeps } from '../../electron/core/ingest/ingest.service';
import type { IncomingSubmission, PendingRef } from '../../electron/core/ingest/submission';
import { silentLogger } from '../../electron/core/ports/logger.port';
import type { SubmissionSource } from '../../electron/core/ports/submission-source.port';
import { createSubmissionsRepo } from '../../electron/store';
import { jobHarnessOn } from '../helpers/job-harness';
import { storeKinds, testStoresOf, type TestStore } from '../helpers/test-store';

const enc = (s: string) => new TextEncoder().encode(s);

function fakeSource(kind: 'altinn3' | 'altinn2', items: { ref: PendingRef; form: string; fail?: IntegrationError }[]) {
  const confirmed: string[] = [];
  let fetches = 0;
  const source: SubmissionSource = {
    kind,
    async *listPending() {
      // two pages, to show paging is followed
      const pending = items.filter((i) => !confirmed.includes(i.ref.sourceId)).map((i) => i.ref);
      yield pending.slice(0, 2);
      yield pending.slice(2);
    },
    async fetch(ref): Promise<IncomingSubmission> {
      fetches++;
      const it = items.find((i) => i.ref.sourceId === ref.sourceId)!;
      if (it.fail) throw it.fail;
      return {
        ref,
        reportee: { partyId: '1', personNumber: '01017012345', organisationNumber: null },
        submittedAt: 100,
        parts: [
          { role: 'form', dataType: 'model', filename: null, contentType: 'application/xml', bytes: enc(it.form) },
          { role: 'receipt-pdf', dataType: 'ref-data-as-pdf', filename: 'kvittering.pdf', contentType: 'application/pdf', bytes: enc('%PDF-1.7') },
        ],
      };
    },
    async confirm(ref) {
      confirmed.push(ref.sourceId);
    },
  };
  return { source, confirmed, fetches: () => fetches };
}

const ref = (source: 'altinn3' | 'altinn2', sourceId: string, a2?: string, serviceKey = 'kommune/permisjon-skole'): PendingRef => ({
  source,
  sourceId,
  serviceKey,
  a2ArchiveRef: a2 ?? null,
  lastChanged: 1,
});

async function setup(open: () => Promise<TestStore>, sources: SubmissionSource[], afterStore?: IngestDeps['afterStore']) {
  const h = jobHarnessOn((await open()).store);
  const store = createSubmissionsRepo(h.store.sql, h.store.uow);
  const ingest = createIngestService({
    sources: new Map(sources.map((s) => [s.kind, s])),
    store,
    uow: h.store.uow,
    outbox: { enqueue: async (type, payload, key) => void (await h.runner.enqueue(type, payload, key)) },
    audit: h.audit,
    clock: h.clock,
    logger: silentLogger,
    profiles: { bySourceKey: (k) => (k === 'kommune/permisjon-skole' || k === '5321:1' ? { id: 'permisjon-skole', version: 1 } : undefined) },
    forms: {
      read: (bytes) => {
        const xml = new TextDecoder().decode(bytes);
        if (xml.includes('INVALID')) return { ok: false, code: 'schema-invalid', reason: "Element 'Periode': Missing child element(s)." };
        return { ok: true, form: { applicant: { name: 'Kari Nordmann', personNumber: '01017012345' }, title: 'Søknad om permisjon', titlePublic: 'Søknad om permisjon', fields: {}, lists: {} } };
      },
    },
    limits: { maxPartBytes: 1000, maxParts: 10 },
    concurrency: 2,
    // as the hub on SQLite runs it: submissions that arrive together commit together, each in its savepoint
    groupCommit: 4,
    afterStore,
  });
  h.runner.define({ type: CONFIRM_JOB, schema: z.any(), integration: 'altinn', handle: (p) => ingest.confirm(p as PendingRef) });
  return { ...h, store, ingest };
}

describe.each(storeKinds())('ingest service (%s)', (kind) => {
  const open = testStoresOf(kind);

  it('stores each submission once with its parts, audit entry and a confirm job; confirms only after the commit', async () => {
    const a = fakeSource('altinn3', [
      { ref: ref('altinn3', '1/a'), form: '<ok/>' },
      { ref: ref('altinn3', '1/b'), form: '<ok/>' },
      { ref: ref('altinn3', '1/c'), form: '<INVALID/>' },
      { ref: ref('altinn3', '1/d', undefined, 'kommune/ukjent'), form: '<ok/>' },
    ]);
    const { ingest, store, runner, audit, jobs } = await setup(open, [a.source]);
    const r = await ingest.poll('altinn3');
    expect(r).toEqual({ seen: 4, stored: 2, quarantined: 2, duplicates: 0, known: 0, failed: 0 });
    expect(a.confirmed).toEqual([]); // nothing confirmed before the jobs run
    expect((await jobs.counts()).queued).toBe(4);
    expect(await store.counts()).toEqual({ received: 2, quarantined: 2, unconfirmed: 4 });
    const q = await store.list({ status: 'quarantined', limit: 10, offset: 0 });
    expect(q.map((s) => s.quarantineReason).sort()).toEqual(["Element 'Periode': Missing child element(s).", 'Ingen tjenesteprofil for kommune/ukjent.']);
    expect((await audit.recent(10)).map((e) => e.action).filter((x) => x.startsWith('submission.')).sort()).toEqual([
      'submission.quarantined',
      'submission.quarantined',
      'submission.received',
      'submission.received',
    ]);
    // no personal data in the audit trail
    expect(JSON.stringify(await audit.recent(10))).not.toContain('01017012345');
    await runner.runDue();
    expect(a.confirmed.sort()).toEqual(['1/a', '1/b', '1/c', '1/d']);
    expect((await store.counts()).unconfirmed).toBe(0);
    // a second poll finds nothing new
    expect(await ingest.poll('altinn3')).toMatchObject({ seen: 0, stored: 0 });
  });

  it('recognises an item already stored but not confirmed, and only re-queues its confirmation', async () => {
    const a = fakeSource('altinn3', [{ ref: ref('altinn3', '1/a'), form: '<ok/>' }]);
    const { ingest, store, jobs } = await setup(open, [a.source]);
    await ingest.poll('altinn3');
    expect(await ingest.poll('altinn3')).toMatchObject({ known: 1, stored: 0 });
    expect(a.fetches()).toBe(1);
    expect((await store.counts()).received).toBe(1);
    expect((await jobs.counts()).queued).toBe(1); // same idempotency key: still one confirm job
  });

  it('stores an Altinn 2 item seen through both APIs once, and confirms it to both', async () => {
    const a2 = fakeSource('altinn2', [{ ref: ref('altinn2', 'AR10000001', 'AR10000001', '5321:1'), form: '<ok/>' }]);
    const a3 = fakeSource('altinn3', [{ ref: ref('altinn3', '50001/x', 'AR10000001', '5321:1'), form: '<ok/>' }]);
    const { ingest, store, runner } = await setup(open, [a2.source, a3.source]);
    expect(await ingest.poll('altinn2')).toMatchObject({ stored: 1 });
    expect(await ingest.poll('altinn3')).toMatchObject({ duplicates: 1, stored: 0 });
    expect(a3.fetches()).toBe(0);
    expect((await store.counts()).received).toBe(1);
    await runner.runDue();
    expect(a2.confirmed).toEqual(['AR10000001']);
    expect(a3.confirmed).toEqual(['50001/x']);
    const [s] = await store.list({ limit: 5, offset: 0 });
    expect(s).toMatchObject({ sources: ['altinn2', 'altinn3'], confirmed: true });
  });

  it('keeps going past a flaky item and fails the poll so it runs again; stops at once on a rate limit', async () => {
    const a = fakeSource('altinn3', [
      { ref: ref('altinn3', '1/a'), form: '<ok/>', fail: new IntegrationError('transient', 'HTTP 503') },
      { ref: ref('altinn3', '1/b'), form: '<ok/>' },
    ]);
    const { ingest, store } = await setup(open, [a.source]);
    await expect(ingest.poll('altinn3')).rejects.toThrow('HTTP 503');
    expect((await store.counts()).received).toBe(1);
    const limited = fakeSource('altinn3', [{ ref: ref('altinn3', '1/z'), form: '<ok/>', fail: new IntegrationError('rate-limited', '429', { retryAfterMs: 5000 }) }]);
    await expect((await setup(open, [limited.source])).ingest.poll('altinn3')).rejects.toMatchObject({ kind: 'rate-limited' });
  });

  it('quarantines an item the source refuses permanently, so it is confirmed and not fetched forever', async () => {
    const a = fakeSource('altinn3', [{ ref: ref('altinn3', '1/a'), form: '<ok/>', fail: new IntegrationError('permanent', 'dataelement: over grensen på 1000 byte') }]);
    const { ingest, store, runner } = await setup(open, [a.source]);
    expect(await ingest.poll('altinn3')).toMatchObject({ quarantined: 1 });
    await runner.runDue();
    expect(a.confirmed).toEqual(['1/a']);
    expect((await store.list({ limit: 1, offset: 0 }))[0]).toMatchObject({ status: 'quarantined', quarantineReason: expect.stringMatching(/grensen/) });
  });

  it('runs the after-store hook inside the storing transaction: its writes commit with the submission, its failure stores nothing', async () => {
    const a = fakeSource('altinn3', [
      { ref: ref('altinn3', '1/a'), form: '<ok/>' },
      { ref: ref('altinn3', '1/b'), form: '<ok/>' },
    ]);
    const seen: string[] = [];
    const h = await setup(open, [a.source], async (s) => {
      // an awaited write of the hook joins the storing transaction
      await h.audit.append({ actor: 'system', action: 'hook.ran', subject: `submission:${s.publicId}` }, 0);
      seen.push(s.publicId);
      if (seen.length === 2) throw new Error('hook failed');
    });
    await expect(h.ingest.poll('altinn3')).rejects.toThrow('hook failed');
    // the first one is stored with the hook's write and its confirm job; the second left nothing behind
    expect(await h.store.counts()).toEqual({ received: 1, quarantined: 0, unconfirmed: 1 });
    const [stored] = await h.store.list({ limit: 5, offset: 0 });
    expect(seen[0]).toBe(stored!.publicId);
    expect((await h.audit.recent(10)).filter((e) => e.action === 'hook.ran').map((e) => e.subject)).toEqual([`submission:${stored!.publicId}`]);
    expect((await h.jobs.counts()).queued).toBe(1);
    // nothing is confirmed before the confirm job runs, and only what is stored
    expect(a.confirmed).toEqual([]);
    await h.runner.runDue();
    expect(a.confirmed).toHaveLength(1);
  });

  it('reads the next page while the items of the current one are still downloading, and stops reading at a rate limit', async () => {
    const events: string[] = [];
    const items = ['1/a', '1/b', '1/c', '1/d'].map((id) => ({ ref: ref('altinn3', id), form: '<ok/>' }));
    const base = fakeSource('altinn3', items);
    const source: SubmissionSource = {
      ...base.source,
      async *listPending() {
        events.push('page 1');
        yield items.slice(0, 2).map((i) => i.ref);
        events.push('page 2');
        yield items.slice(2).map((i) => i.ref);
      },
      async fetch(r) {
        // a download that takes a few turns of the event loop
        for (let i = 0; i < 5; i++) await new Promise((res) => setImmediate(res));
        events.push(`fetched ${r.sourceId}`);
        return base.source.fetch(r);
      },
    };
    const { ingest, store } = await setup(open, [source]);
    expect(await ingest.poll('altinn3')).toMatchObject({ seen: 4, stored: 4, failed: 0 });
    // page 2 was asked for before page 1's downloads ended: no worker waited at the page's end
    expect(events.indexOf('page 2')).toBeLessThan(events.indexOf('fetched 1/a'));
    expect((await store.counts()).received).toBe(4);

    // a limit met on an item ends the poll without reading further pages
    const pagesRead: number[] = [];
    const limited: SubmissionSource = {
      ...base.source,
      async *listPending() {
        for (let p = 1; p <= 50; p++) {
          pagesRead.push(p);
          yield [ref('altinn3', `2/${p}`)];
        }
      },
      async fetch() {
        throw new IntegrationError('rate-limited', '429', { retryAfterMs: 5000 });
      },
    };
    await expect((await setup(open, [limited])).ingest.poll('altinn3')).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(pagesRead.length).toBeLessThan(50);
  });

  it('refuses to confirm what is not stored', async () => {
    const a = fakeSource('altinn3', []);
    const { ingest } = await setup(open, [a.source]);
    await expect(ingest.confirm(ref('altinn3', '9/z'))).rejects.toMatchObject({ kind: 'permanent' });
    expect(a.confirmed).toEqual([]);
  });
});
