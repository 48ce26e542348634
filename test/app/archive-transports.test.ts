import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/app/config/load-config';
import { createHub, type Hub } from '../../electron/app/create-hub';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import { silentLogger } from '../../electron/core/ports/logger.port';
import type { NewSubmission } from '../../electron/core/ports/submission-store.port';
import { part, receivedApplication } from '../helpers/submission-fixture';
import type { ArchiveSimulator } from '../../integrations/noark/simulator/archive-sim-state';
import { pdfBytes } from '../helpers/archive-fixture';
import { ARCHIVE_SECRETS, ARCHIVE_TRANSPORTS, startArchiveSim } from '../helpers/archive-sims';
import { tempDir } from '../helpers/temp-dir';

/** Fødselsnummer-shaped test values (the simulators do not check mod 11). */
const FNR = { kari: '01017012345', per: '02028012345', helse: '03039012345' };

const application = (profileId: string, fnr: string, name: string, title: string) =>
  receivedApplication({
    profileId,
    fnr,
    name,
    title,
    parts: [
      part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', pdfBytes(`${name} ${title}`, 3000)),
      part('attachment', 'dokumentasjon', 'dok.pdf', 'application/pdf', pdfBytes(`vedlegg ${name}`, 1500)),
    ],
  });

let open: { hub: Hub; sim: ArchiveSimulator }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.hub.stop();
    await o.sim.close();
  }
  open = [];
});

async function hubWith(archive: Record<string, unknown>, dir: string) {
  Object.assign(process.env, ARCHIVE_SECRETS);
  return createHub({
    dataDir: path.join(dir, 'data'),
    config: parseConfig({ version: 1, jobs: { pollIntervalMs: 50, concurrency: 4, backoff: { baseMs: 20, maxMs: 200 } }, integrations: { archive } }),
    demo: false,
    host: 'test',
    version: 'test',
    secrets: createEnvSecretStore(),
    actor: 'tester',
    logger: silentLogger,
  });
}

describe.each(ARCHIVE_TRANSPORTS)('the hub archiving through %s (configuration only)', (transport) => {
  it('archives applications and a reply with avskrivning, screens the health case, and shows a refused entry with the archive’s message without holding up the others', async () => {
    const dir = tempDir(`pm-archive-${transport}-`);
    const { sim, config } = await startArchiveSim(transport, dir, { pollMs: 20 });
    const hub = await hubWith(config, dir);
    open.push({ hub, sim });

    const add = (s: NewSubmission) =>
      hub.store.uow.run(async () => {
        const { id, publicId } = await hub.submissions.insert(s, { source: 'altinn3', sourceId: `${publicId0()}-${s.applicantName}`, serviceKey: s.serviceKey, fetchedAt: Date.now() });
        await hub.archive.service.registerIncoming(id);
        return { id, publicId };
      });
    let n = 0;
    const publicId0 = () => `item-${++n}`;
    const kari = await add(application('barnehageplass', FNR.kari, 'Kari Nordmann', 'Søknad om barnehageplass – Kari Nordmann'));
    const helse = await add(application('helse-omsorg', FNR.helse, 'Hans Helse', 'Søknad om helse- og omsorgstjenester – Hans Helse'));
    // this one the archive will refuse: its title is empty when it arrives
    const bad = await add(application('sfo-plass', FNR.per, 'Per Pettersen', 'Søknad om SFO-plass – Per Pettersen'));
    await hub.store.sql.run("UPDATE archive_entries SET title = '' WHERE submission_id = ?", [bad.id]);

    const entries = () => hub.archive.store.counts();
    await expect.poll(async () => (await entries()).archived, { timeout: 20_000, interval: 50 }).toBe(2);
    await expect.poll(async () => (await entries()).failed, { timeout: 20_000, interval: 50 }).toBe(1);

    // the refused entry: visible with the archive's own message, its job dead for retry, in the contract too
    const refused = (await hub.archive.store.incomingEntryOf(bad.id))!;
    expect(refused.status).toBe('failed');
    expect(refused.lastError).toBeTruthy();
    const rejections = sim.state.rejections().map((r) => r.message);
    // a drop folder checks the message against the official XSD before writing it: an invalid one never leaves
    if (transport === 'arkivmelding') expect(refused.lastError).toMatch(/minLength|XSD/);
    else expect(rejections.some((m) => refused.lastError!.includes(m) || m.includes(refused.lastError!)), `${refused.lastError} / ${rejections.join(' | ')}`).toBe(true);
    const detail = await hub.invoke('submissions.get', { publicId: bad.publicId });
    expect(detail.ok && (detail.value as { archive: { entries: { status: string; lastError: string }[] } }).archive.entries[0]).toMatchObject({ status: 'failed' });
    const dead = await hub.invoke('jobs.list', { status: 'dead', limit: 10 });
    expect(dead.ok && (dead.value as { type: string; lastErrorKind: string }[]).map((j) => [j.type, j.lastErrorKind])).toEqual([['noark.archive', 'validation']]);

    // the archive has one case file and one journalpost per application, numbered as the local record says
    const kariEntry = (await hub.archive.store.incomingEntryOf(kari.id))!;
    const simKari = sim.state.entryByKey(kariEntry.externalKey)!;
    expect(simKari).toBeDefined();
    expect(simKari.journalposttype).toBe('I');
    expect(simKari.journalpostnummer).toBe(kariEntry.archived!.journalpostnummer);
    expect(simKari.documents).toHaveLength(2);
    expect(simKari.correspondents.map((c) => c.name)).toContain('Kari Nordmann');

    // the health application is screened in the archive
    const helseEntry = (await hub.archive.store.incomingEntryOf(helse.id))!;
    const simHelse = sim.state.entryByKey(helseEntry.externalKey)!;
    expect(simHelse.tilgangsrestriksjon).toBe('13');
    expect(simHelse.skjermingshjemmel).toContain('Offl. § 13');
    const simHelseCase = sim.state.caseFile(simHelse.caseFileSystemId)!;
    expect(simHelseCase.tilgangsrestriksjon).toBe('13');

    // the reply: journalpost U in the same case, closing the application
    const letter = pdfBytes('Vedtak: innvilget', 4000);
    await hub.store.uow.run(async () => {
      const sha = await hub.archive.store.putBlob(letter);
      await hub.archive.service.registerReply(
        { submissionId: kari.id, title: 'Svar på søknad om barnehageplass', letter: { sha256: sha, size: letter.byteLength, filename: 'vedtak.pdf', contentType: 'application/pdf' }, saksbehandler: 'Sara Saksbehandler', replyKey: 'vedtak-1' },
        'sara',
      );
    });
    await expect.poll(async () => (await entries()).archived, { timeout: 20_000, interval: 50 }).toBe(3);
    const reply = (await hub.archive.store.entryByKey('jp-svar-vedtak-1'))!;
    const simReply = sim.state.entryByKey(reply.externalKey)!;
    expect(simReply.journalposttype).toBe('U');
    expect(simReply.caseFileSystemId).toBe(simKari.caseFileSystemId);
    expect(simReply.journalpostnummer).toBe(2);
    expect(sim.state.avskrivninger().some((a) => a.entrySystemId === simKari.systemId)).toBe(true);

    // exactly one of each at the archive
    expect(sim.state.entries()).toHaveLength(3);
    // the refused application's case file may exist (a transport that creates it first), but no key twice
    const caseKeys = sim.state.caseFiles().map((c) => c.externalKey);
    expect(new Set(caseKeys).size).toBe(caseKeys.length);
    expect(caseKeys.length).toBeGreaterThanOrEqual(2);
    const view = await hub.invoke('submissions.get', { publicId: kari.publicId });
    expect(view.ok).toBe(true);
    const archive = (view as { value: { archive: { caseNumber: string; entries: { number: string }[] } } }).value.archive;
    const simCase = sim.state.caseFile(simKari.caseFileSystemId)!;
    expect(archive.caseNumber).toBe(`${simCase.saksaar}/${simCase.sakssekvensnummer}`);
    expect(archive.entries.map((e) => e.number)).toEqual([`${archive.caseNumber}-1`, `${archive.caseNumber}-2`]);
  }, 60_000);
});
