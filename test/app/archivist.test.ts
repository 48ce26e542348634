import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import type { HubResult } from '../../electron/ipc';
import type { DeliveryRowDto, ExportDto, JournalRowDto } from '../../electron/ipc/archivist.contract';
import type { ArchiveSimulator } from '../../integrations/noark/simulator/archive-sim-state';
import { ARCHIVE_SECRETS, startArchiveSim } from '../helpers/archive-sims';
import { part, receivedApplication } from '../helpers/submission-fixture';
import { tempDir } from '../helpers/temp-dir';
import { testHub } from '../helpers/test-hub';

/** Fødselsnummer-shaped test values (the simulator does not check mod 11). */
const FNR = { kari: '01017012345', helse: '03039012345', per: '02028012345', ola: '04049012345' };

let open: { hub: Hub; sim: ArchiveSimulator }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.hub.stop();
    await o.sim.close();
  }
  open = [];
});

/** A real one-page PDF (the package converts documents to PDF/A, so they must parse). */
async function pdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage([200, 200]);
  return doc.save();
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });

/**
 * The demo hub (Kari, Arne the archivist, Ida from IT) archiving to the Noark 5 REST simulator, with:
 * a barnehage application answered (a closed case file), a screened health application answered,
 * a second barnehage application not answered (left out of the package), and two the archive refuses.
 */
async function archivistDesk() {
  Object.assign(process.env, ARCHIVE_SECRETS);
  const dir = tempDir('pm-archivist-');
  const { sim, config } = await startArchiveSim('noark5-rest', dir, { pollMs: 20 });
  const { hub, dataDir } = await testHub({ secrets: createEnvSecretStore() }, { jobs: { pollIntervalMs: 50, concurrency: 4, backoff: { baseMs: 20, maxMs: 200 } }, integrations: { archive: config } });
  open.push({ hub, sim });
  let n = 0;
  /** Stores an application as ingest does; `tamper` runs in the same transaction, before the archive job can run. */
  const add = async (profileId: string, fnr: string, name: string, title: string, tamper?: (id: number) => Promise<unknown>) => {
    const s = receivedApplication({
      profileId,
      fnr,
      name,
      title,
      parts: [
        part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', await pdf(`${name} ${title}`)),
        part('attachment', 'dokumentasjon', 'dok.pdf', 'application/pdf', await pdf(`vedlegg ${name}`)),
      ],
    });
    return hub.store.uow.run(async () => {
      const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: `item-${++n}`, serviceKey: s.serviceKey, fetchedAt: Date.now() });
      await hub.archive.service.registerIncoming(id);
      await tamper?.(id);
      return { id, publicId, entryKey: (await hub.archive.store.incomingEntryOf(id))!.externalKey };
    });
  };
  // the archive refuses an entry whose title is empty
  const emptyTitle = (id: number) => hub.store.sql.run("UPDATE archive_entries SET title = '' WHERE submission_id = ?", [id]);
  const kari = await add('barnehageplass', FNR.kari, 'Kari Nordmann', 'Søknad om barnehageplass – Kari Nordmann');
  const helse = await add('helse-omsorg', FNR.helse, 'Hans Helse', 'Søknad om helse- og omsorgstjenester – Hans Helse');
  const ola = await add('barnehageplass', FNR.ola, 'Ola Venter', 'Søknad om barnehageplass – Ola Venter');
  const bad1 = await add('sfo-plass', FNR.per, 'Per Pettersen', 'Søknad om SFO-plass – Per Pettersen', emptyTitle);
  const bad2 = await add('sfo-plass', '05059012345', 'Pia Pettersen', 'Søknad om SFO-plass – Pia Pettersen', emptyTitle);
  const counts = () => hub.archive.store.counts();
  await expect.poll(async () => (await counts()).archived, { timeout: 20_000, interval: 50 }).toBe(3);
  await expect.poll(async () => (await counts()).failed, { timeout: 20_000, interval: 50 }).toBe(2);
  // the replies: journalpost U closing the application
  const reply = async (s: { id: number }, key: string) => {
    const letter = await pdf(`Vedtak ${key}`);
    return hub.store.uow.run(async () => {
      const sha = await hub.archive.store.putBlob(letter);
      await hub.archive.service.registerReply(
        { submissionId: s.id, title: 'Svar på søknad', letter: { sha256: sha, size: letter.byteLength, filename: 'vedtak.pdf', contentType: 'application/pdf' }, saksbehandler: 'Kari Saksbehandler', replyKey: key },
        'kari',
      );
    });
  };
  await reply(kari, 'v-kari');
  await reply(helse, 'v-helse');
  await expect.poll(async () => (await counts()).archived, { timeout: 20_000, interval: 50 }).toBe(5);

  const call = async <T>(channel: string, input: unknown) => (await hub.invoke(channel, input)) as HubResult<T>;
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const as = (account: string) => expect(hub.users.switchTo(account)).toBeDefined();
  return { hub, sim, dataDir, kari, helse, ola, bad1, bad2, call, ok, as, counts };
}

describe('the archivist’s desk through the hub (#16)', () => {
  it('lets only the arkivar in (the audit trail also IT), and a caseworker is refused every archivist channel', async () => {
    const { call, as } = await archivistDesk();
    as('kari');
    for (const [channel, input] of [
      ['archivist.deliveries', {}],
      ['archivist.journal', { from: today(), to: today() }],
      ['archivist.exportStart', { kind: 'public-journal', from: today(), to: today() }],
      ['archivist.audit', {}],
      ['archivist.markHandled', { entryKey: 'x', note: 'fikset for hånd' }],
    ] as const) {
      const r = await call(channel, input);
      expect(r.ok, channel).toBe(false);
      expect(!r.ok && r.error.code).toBe('forbidden');
    }
    as('ida');
    expect((await call('archivist.audit', {})).ok).toBe(true);
    expect((await call('archivist.deliveries', {})).ok).toBe(false);
    as('arne');
    expect((await call('archivist.deliveries', {})).ok).toBe(true);
    expect((await call('archivist.arkivdeler', {})).ok).toBe(true);
  }, 60_000);

  it('lists refused entries first with the archive’s message masked, retries one after the fix, marks the other handled, and audits both', async () => {
    const { hub, ok, as, counts, bad1, bad2 } = await archivistDesk();
    as('arne');
    // an archive that quotes a fødselsnummer in its message: the desk shows it masked
    await hub.store.sql.run('UPDATE archive_entries SET last_error = ? WHERE submission_id = ?', [`Ugyldig tittel for ${FNR.per}`, bad2.id]);
    const list = await ok<{ rows: DeliveryRowDto[]; counts: { transport: string; state: string; count: number }[]; total: number }>('archivist.deliveries', {});
    expect(list.rows.slice(0, 2).map((r) => r.state)).toEqual(['failed', 'failed']);
    expect(list.rows.slice(0, 2).map((r) => r.entryKey).sort()).toEqual([bad1.entryKey, bad2.entryKey].sort());
    expect(list.rows[0]!.can).toMatchObject({ retry: true, markHandled: true });
    expect(list.rows.find((r) => r.entryKey === bad1.entryKey)!.lastError).toBeTruthy();
    const masked = list.rows.find((r) => r.entryKey === bad2.entryKey)!;
    expect(masked.lastError).toContain('020280*****');
    expect(JSON.stringify(list)).not.toContain(FNR.per);
    expect(list.counts.find((c) => c.state === 'failed')?.count).toBe(2);
    expect(list.counts.find((c) => c.state === 'archived')?.count).toBe(5);

    // the mapping fixed (the title back): retry delivers it again and the archive takes it
    await hub.store.sql.run("UPDATE archive_entries SET title = 'Søknad om SFO-plass' WHERE submission_id = ?", [bad1.id]);
    const retried = await ok<DeliveryRowDto>('archivist.retry', { entryKey: bad1.entryKey });
    expect(retried.state).not.toBe('failed');
    await expect.poll(async () => (await counts()).archived, { timeout: 20_000, interval: 50 }).toBe(6);
    const after = await ok<{ rows: DeliveryRowDto[] }>('archivist.deliveries', {});
    expect(after.rows.find((r) => r.entryKey === bad1.entryKey)).toMatchObject({ state: 'archived', lastError: null });

    // fixed by hand in the archive: no more deliveries, with the archivist's note and name (not the account)
    const handled = await ok<DeliveryRowDto>('archivist.markHandled', { entryKey: bad2.entryKey, note: 'Registrert manuelt i arkivet' });
    expect(handled).toMatchObject({ state: 'handled', handledBy: 'Arne Arkivar', handledNote: 'Registrert manuelt i arkivet', can: { retry: false, markHandled: false } });
    const final = await ok<{ rows: DeliveryRowDto[]; counts: { state: string; count: number }[] }>('archivist.deliveries', {});
    expect(final.rows.filter((r) => r.state === 'failed')).toEqual([]);
    expect(final.counts.find((c) => c.state === 'handled')?.count).toBe(1);
    // a second mark is refused as a conflict or is a no-op, never a 500
    const again = await hub.invoke('archivist.markHandled', { entryKey: bad2.entryKey, note: 'igjen' });
    if (!again.ok) expect(again.error.code).not.toBe('internal');
    const unknown = await hub.invoke('archivist.retry', { entryKey: 'finnes-ikke' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const audit = await ok<{ rows: { actor: string; action: string; subject: string | null }[]; chain: { ok: boolean } }>('archivist.audit', { limit: 1000 });
    expect(audit.chain.ok).toBe(true);
    const mine = audit.rows.filter((r) => r.actor === 'Arne Arkivar');
    expect(mine.some((r) => /retry/i.test(r.action))).toBe(true);
    expect(mine.some((r) => /handled/i.test(r.action))).toBe(true);
  }, 60_000);

  it('recreates a case file the archive lost: its numbers forgotten, the case file and its entries delivered again, audited', async () => {
    const { hub, sim, ok, as, counts, ola } = await archivistDesk();
    as('arne');
    // the reply to Ola is refused (empty title) in a case file the archive has numbered
    const letter = await pdf('Vedtak Ola');
    await hub.store.uow.run(async () => {
      const sha = await hub.archive.store.putBlob(letter);
      const u = await hub.archive.service.registerReply(
        { submissionId: ola.id, title: 'Svar', letter: { sha256: sha, size: letter.byteLength, filename: 'vedtak.pdf', contentType: 'application/pdf' }, saksbehandler: 'Kari Saksbehandler', replyKey: 'v-ola' },
        'kari',
      );
      await hub.store.sql.run("UPDATE archive_entries SET title = '' WHERE id = ?", [u.id]);
    });
    await expect.poll(async () => (await counts()).failed, { timeout: 20_000, interval: 50 }).toBe(3);
    const refused = (await ok<{ rows: DeliveryRowDto[] }>('archivist.deliveries', { state: 'failed' })).rows.find((r) => r.entryKey === 'jp-svar-v-ola')!;
    expect(refused).toMatchObject({ journalposttype: 'U', can: { recreateCaseFile: true } });
    const before = refused.caseNumber;
    expect(before).toMatch(/^\d{4}\/\d+$/);
    const casesBefore = sim.state.caseFiles().length;
    await hub.store.sql.run("UPDATE archive_entries SET title = 'Svar på søknad' WHERE external_key = 'jp-svar-v-ola'");
    const r = await ok<DeliveryRowDto>('archivist.recreateCaseFile', { entryKey: 'jp-svar-v-ola', reason: 'Arkivet har mistet saksmappen' });
    expect(r.state).toBe('pending');
    expect(r.caseNumber).toBeNull();
    // both of Ola's entries delivered again and numbered (the simulator still has the case file: it finds it by its ekstern nøkkel, no duplicate)
    await expect.poll(async () => (await counts()).archived, { timeout: 20_000, interval: 50 }).toBe(6);
    expect(sim.state.caseFiles().length).toBe(casesBefore);
    const after = (await ok<{ rows: DeliveryRowDto[] }>('archivist.deliveries', {})).rows.filter((x) => x.publicId === ola.publicId);
    expect(after.map((x) => x.state)).toEqual(['archived', 'archived']);
    expect(after.map((x) => x.caseNumber)).toEqual([before, before]);
    const audit = await ok<{ rows: { actor: string; action: string; details: Record<string, unknown> }[] }>('archivist.audit', { subject: 'entry:jp-svar-v-ola' });
    expect(audit.rows.find((x) => x.action === 'archivist.recreate-case-file')).toMatchObject({ actor: 'Arne Arkivar', details: { reason: 'Arkivet har mistet saksmappen' } });
  }, 60_000);

  it('exports the period as a Noark 5 package with the pre-check report, leaving out the unanswered case file, and a public journal without screened names', async () => {
    const { hub, ok, as, kari } = await archivistDesk();
    as('arne');
    const arkivdeler = await ok<{ arkivdel: string; caseFiles: number }[]>('archivist.arkivdeler', {});
    // the barnehage applications' arkivdel: Kari's answered case file and Ola's unanswered one
    const arkivdel = (await hub.archive.store.caseFile((await hub.archive.store.incomingEntryOf(kari.id))!.caseFileId))!.arkivdel;
    expect(arkivdeler.find((a) => a.arkivdel === arkivdel)?.caseFiles).toBeGreaterThanOrEqual(2);

    const started = await ok<ExportDto>('archivist.exportStart', { kind: 'noark5', arkivdel, from: today(), to: today(), pack: true });
    expect(started).toMatchObject({ kind: 'noark5', arkivdel, requestedBy: 'Arne Arkivar' });
    expect(['queued', 'running']).toContain(started.state);
    let done: ExportDto = started;
    await expect
      .poll(
        async () => {
          done = await ok<ExportDto>('archivist.exportGet', { id: started.id });
          return done.state;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toMatch(/done|failed/);
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    expect(done.outDir && fs.existsSync(path.join(done.outDir, 'arkivstruktur.xml'))).toBe(true);
    expect(done.tarPath && fs.statSync(done.tarPath).size).toBeGreaterThan(0);
    expect(done).toMatchObject({ checkPassed: true, failedChecks: [] });
    expect(done.counts.mappe).toBeGreaterThan(0);
    // Ola's case file is open (not answered): left out, and said why
    expect(done.leftOut).toHaveLength(1);
    expect(done.leftOut[0]!.reason).toMatch(/besvart/);
    expect(fs.readFileSync(path.join(done.outDir!, 'arkivstruktur.xml'), 'utf8')).not.toContain('Ola Venter');
    const report = await ok<{ filename: string; contentType: string; base64: string }>('archivist.exportFile', { id: started.id, file: 'report-html' });
    expect(report.contentType).toMatch(/html/);
    expect(Buffer.from(report.base64, 'base64').toString('utf8')).toMatch(/<html/i);
    const json = await ok<{ base64: string }>('archivist.exportFile', { id: started.id, file: 'report-json' });
    expect(JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8'))).toHaveProperty('results');
    const list = await ok<ExportDto[]>('archivist.exports', {});
    expect(list[0]!.id).toBe(started.id);

    // the public journal: no screened applicant's name is in it
    const preview = await ok<{ rows: { correspondents: string[]; title: string; caseTitle: string }[]; total: number }>('archivist.publicJournalPreview', { from: today(), to: today() });
    expect(preview.total).toBeGreaterThan(0);
    // the shipped profiles screen the citizen: names and the screened parts of titles hidden
    for (const name of ['Hans Helse', 'Kari Nordmann', 'Ola Venter']) expect(JSON.stringify(preview)).not.toContain(name);
    expect(preview.rows.find((r) => r.caseTitle.includes('barnehageplass'))).toMatchObject({ correspondents: ['Skjermet'], caseTitle: 'Søknad om barnehageplass – *****' });
    const pj = await ok<ExportDto>('archivist.exportStart', { kind: 'public-journal', from: today(), to: today() });
    await expect.poll(async () => (await ok<ExportDto>('archivist.exportGet', { id: pj.id })).state, { timeout: 60_000, interval: 100 }).toBe('done');
    const xml = await ok<{ base64: string }>('archivist.exportFile', { id: pj.id, file: 'journal-xml' });
    const text = Buffer.from(xml.base64, 'base64').toString('utf8');
    expect(text).toContain('offentligJournal');
    for (const name of ['Hans Helse', 'Kari Nordmann']) expect(text).not.toContain(name);
    // eleven digits standing alone (a UUID holds such runs by chance)
    expect(text).not.toMatch(/(?<![\da-f])\d{11}(?![\da-f])/i);
  }, 120_000);

  it('shows the løpende journal with what is missing, and the audit trail with personal data masked and people by name', async () => {
    const { hub, ok, as, ola } = await archivistDesk();
    as('arne');
    const j = await ok<{ rows: JournalRowDto[]; total: number; missing: number }>('archivist.journal', { from: today(), to: today() });
    expect(j.total).toBeGreaterThanOrEqual(7);
    const open = j.rows.find((r) => r.publicId === ola.publicId)!;
    expect(open).toMatchObject({ journalposttype: 'I', state: 'archived' });
    expect(open.missing.join(' ')).toMatch(/avskrevet/i);
    expect(j.missing).toBeGreaterThan(0);
    const screened = await ok<{ rows: JournalRowDto[] }>('archivist.journal', { from: today(), to: today(), screened: true });
    expect(screened.rows.length).toBeGreaterThan(0);
    expect(screened.rows.every((r) => r.screened && r.skjermingshjemmel)).toBe(true);
    const onlyU = await ok<{ rows: JournalRowDto[] }>('archivist.journal', { from: today(), to: today(), journalposttype: 'U' });
    expect(onlyU.rows.map((r) => r.journalposttype)).toEqual(['U', 'U']);

    // an audit row naming a fødselsnummer (in details and subject): masked in the viewer, the chain still whole
    await hub.audit.append({ actor: 'arne', action: 'test.note', subject: `person:${FNR.kari}`, details: { text: `gjelder ${FNR.kari}`, publicId: ola.publicId } }, Date.now());
    const audit = await ok<{ rows: { actor: string; action: string; subject: string | null; details: Record<string, unknown> }[]; chain: { ok: boolean; checked: number } }>('archivist.audit', {
      from: today(),
      to: today(),
    });
    expect(audit.chain).toMatchObject({ ok: true });
    expect(audit.chain.checked).toBeGreaterThan(0);
    const note = audit.rows.find((r) => r.action === 'test.note')!;
    expect(note).toMatchObject({ actor: 'Arne Arkivar', subject: 'person:010170*****', details: { text: 'gjelder 010170*****' } });
    expect(JSON.stringify(audit)).not.toContain(FNR.kari);
    // newest first; one case's trail by its publicId
    expect(audit.rows[0]!.action).toBe('test.note');
    const forCase = await ok<{ rows: { action: string }[] }>('archivist.audit', { publicId: ola.publicId });
    expect(forCase.rows.map((r) => r.action)).toContain('test.note');
  }, 60_000);
});
