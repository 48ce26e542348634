import path from 'node:path';
import { createArchiveService } from '../../electron/core/archive/archive.service';
import type { ArchiveDelivery, ArchivePort, DeliveryResult } from '../../electron/core/ports/archive.port';
import { createArchiveRepo, createAuditRepo, createSubmissionsRepo, openStore } from '../../electron/store';
import { shippedProfiles } from './ingest-env';
import { part, receivedApplication } from './submission-fixture';
import { tempDir } from './temp-dir';

/** #13 tests: the application and its reply as the archive service builds them, from the shipped profiles at a fake clock. */

/** The core's own records at the fake clock: the application and its reply, as the archive service builds them. */
export async function coreRecords(now: number): Promise<{ incoming: ArchiveDelivery; reply: ArchiveDelivery }> {
  const store = openStore(path.join(tempDir('pm-13-'), 'pm.db'));
  const submissions = createSubmissionsRepo(store.sql, store.uow);
  const repo = createArchiveRepo(store.sql, store.uow);
  const profiles = shippedProfiles();
  let ids = 0;
  const calls: ArchiveDelivery[] = [];
  const fake: ArchivePort = {
    transport: 'noark5-rest',
    async deliver(d): Promise<DeliveryResult> {
      calls.push(d);
      const n = calls.length;
      return { state: 'archived', caseFile: d.knownCaseFile ?? { archiveSystemId: `c-${n}`, saksaar: 2026, sakssekvensnummer: 1 }, entry: { archiveSystemId: `00000000-0000-4000-8000-00000000000${n}`, journalaar: 2026, journalsekvensnummer: n, journalpostnummer: n, documents: [] } };
    },
  } as ArchivePort;
  const service = createArchiveService({
    store: repo,
    submission: (id) => submissions.getById(id),
    profile: (id) => profiles.byId(id)?.profile,
    uow: store.uow,
    outbox: { enqueue: async () => undefined },
    audit: createAuditRepo(store.sql, store.uow),
    clock: { now: () => now },
    logger: { log: () => undefined },
    archive: fake,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    timeZone: 'Europe/Oslo',
  });
  const enc = (s: string) => new TextEncoder().encode(s);
  const sub = receivedApplication({
    profileId: 'barnehageplass',
    fnr: '01017012345',
    name: 'Kari Nordmann',
    title: 'Søknad om barnehageplass',
    parts: [part('receipt-pdf', 'ref-data-as-pdf', 'k.pdf', 'application/pdf', enc('%PDF-1')), part('attachment', 'dokumentasjon', 'd.pdf', 'application/pdf', enc('%PDF-2'))],
    at: now,
  });
  const { id } = await store.uow.run(() => submissions.insert(sub, { source: 'altinn3', sourceId: 'x', serviceKey: 'k', fetchedAt: now }));
  const i = (await store.uow.run(() => service.registerIncoming(id)))!;
  await service.deliver(i.externalKey);
  const sha = await repo.putBlob(new TextEncoder().encode('%PDF-svar'));
  await store.uow.run(() =>
    service.registerReply({ submissionId: id, title: 'Svar', letter: { sha256: sha, size: 9, filename: 'svar.pdf', contentType: 'application/pdf' }, saksbehandler: 'Sara', replyKey: 'r1' }, 'sara'),
  );
  await service.deliver('jp-svar-r1');
  return { incoming: calls[0]!, reply: calls[1]! };
}

