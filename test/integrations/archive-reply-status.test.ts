import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SentInfo } from '../../electron/core/archive/archive-record';
import type { ArchiveDelivery, ArchivePort, DeliveryResult, SentDelivery } from '../../electron/core/ports/archive.port';
import { createArkivmeldingAdapter } from '../../integrations/noark/arkivmelding.adapter';
import { MESSAGE_FILE, type ArkivmeldingDialect } from '../../integrations/noark/arkivmelding.mapper';
import { createGeoIntegrasjonAdapter } from '../../integrations/noark/geointegrasjon.adapter';
import { createNoark4WsAdapter } from '../../integrations/noark/noark4-ws.adapter';
import { createNoark5RestAdapter } from '../../integrations/noark/noark5-rest.adapter';
import { startArkivmeldingSimulator } from '../../integrations/noark/simulator/arkivmelding.simulator';
import { startGeoIntegrasjonSimulator } from '../../integrations/noark/simulator/geointegrasjon.simulator';
import { startNoark4WsSimulator } from '../../integrations/noark/simulator/noark4-ws.simulator';
import { startNoark5RestSimulator } from '../../integrations/noark/simulator/noark5-rest.simulator';
import { incomingApplication, outgoingReply } from '../helpers/archive-fixture';
import { archived } from '../helpers/archive-test-env';
import { tempDir } from '../helpers/temp-dir';
import { xsdCheck } from '../helpers/xsd-check';

/**
 * #13 items 6 and 7, per transport, read from what the simulator received: a reply (U) is registered
 * at approval as ferdigstilt (F) with no sendtDato, and becomes ekspedert (E) with the real send date
 * only by markSent, after Altinn accepted it or the print channel took it; paper is recorded.
 */

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);
const SENT: SentInfo = { sentAt: '2026-11-30T08:15:00.000Z', channel: 'altinn', printedAt: null };
const PRINTED: SentInfo = { sentAt: '2026-11-30T08:15:00.000Z', channel: 'altinn', printedAt: '2026-12-10T07:00:00.000Z' };
const PAPER_ONLY: SentInfo = { sentAt: '2026-12-01T09:00:00.000Z', channel: 'print', printedAt: '2026-12-01T09:00:00.000Z' };

const closers: { close(): Promise<void> | void }[] = [];
/** A payload without its namespace prefixes (the Noark 4 types are in a prefixed namespace). */
const bare = (xml: string | undefined): string => (xml ?? '').replace(/<(\/?)[A-Za-z0-9]+:/g, '<$1');
afterEach(async () => {
  while (closers.length) await closers.pop()!.close();
});

/** The I and its U archived through one adapter; the U's SentDelivery for markSent. */
async function replyArchived(adapter: ArchivePort, deliver = async (d: ArchiveDelivery) => archived(await adapter.deliver(d))) {
  const app = incomingApplication();
  const i = await deliver(app.delivery);
  const reply = outgoingReply(app, { caseFile: i.caseFile, entryArchiveSystemId: i.entry.archiveSystemId, journalpostnummer: i.entry.journalpostnummer });
  const u = await deliver(reply.delivery);
  const sent = (s: SentInfo): SentDelivery => ({ caseFile: reply.delivery.caseFile, entry: reply.delivery.entry, archivedCaseFile: u.caseFile, archived: u.entry, sent: s });
  return { u, sent };
}

describe('#13 items 6 and 7: the reply is ferdigstilt at approval, ekspedert with the real date when it left', () => {
  it('Noark 5 REST: journalstatus F without sendtDato on ny-journalpost; PATCH E + sendtDato and a merknad on markSent, once', async () => {
    const sim = await startNoark5RestSimulator({ now: () => NOW });
    closers.push(sim);
    const adapter = createNoark5RestAdapter({ url: sim.apiUrl, auth: { kind: 'none' }, timeoutMs: 5_000 });
    const { u, sent } = await replyArchived(adapter);
    const raw = sim.state.entry(u.entry.archiveSystemId)?.raw as Record<string, unknown>;
    // n5ws/spec-text/07-tjenester_og_informasjonsmodell.rst:5507-5509 «Ferdigstilt fra saksbehandler» F; :5513-5515 Ekspedert E
    expect(raw.journalstatus).toEqual({ kode: 'F', kodenavn: 'Ferdigstilt fra saksbehandler' });
    // 07-tjenester_og_informasjonsmodell.rst:6944-6948 sendtDato: «Dato et internt produsert dokument ble sendt/ekspedert»
    expect(raw.sendtDato).toBeUndefined();

    await adapter.markSent(sent(SENT));
    // 06-konsepter_og_prinsipper.rst:829-834 PATCH = JSON Merge Patch with only the changed attributes
    const updates = sim.state.entry(u.entry.archiveSystemId)?.updates ?? [];
    expect(updates[0]).toEqual({ journalstatus: { kode: 'E', kodenavn: 'Ekspedert' }, sendtDato: SENT.sentAt });
    // 07-tjenester_og_informasjonsmodell.rst:3653-3658 merknadstekst; :5730 MS «Merknad fra saksbehandler»
    expect(updates[1]).toEqual({ merknad: { merknadstekst: expect.stringContaining('Altinn'), merknadstype: { kode: 'MS', kodenavn: 'Merknad fra saksbehandler' } } });
    await adapter.markSent(sent(SENT));
    expect(sim.state.entry(u.entry.archiveSystemId)?.updates).toHaveLength(2);

    // printed later (unread): sendtDato stays (07-tjenester_og_informasjonsmodell.rst:7055 M105 not changed automatically), paper noted
    await adapter.markSent(sent(PRINTED));
    const after = sim.state.entry(u.entry.archiveSystemId)?.updates ?? [];
    expect(after).toHaveLength(3);
    expect(JSON.stringify(after[2])).toContain('papir');
    expect(sim.state.rejections()).toEqual([]);
  });

  it('GeoIntegrasjon: journalstatus F on NyJournalpost; OppdaterJournalpostStatus E and NyJournalpostMerknad with the send date', async () => {
    const WSDL_DIR = path.resolve(__dirname, '../../resources/wsdl/geointegrasjon');
    const sim = await startGeoIntegrasjonSimulator({ wsdlDir: WSDL_DIR, username: 'u', password: 'p', now: () => NOW });
    closers.push(sim);
    const adapter = createGeoIntegrasjonAdapter({ oppdateringUrl: sim.oppdateringUrl, innsynUrl: sim.innsynUrl, username: 'u', password: 'p', klientnavn: 'Postmottak', timeoutMs: 10_000 }, { wsdlDir: WSDL_DIR });
    closers.push({ close: async () => adapter.close?.() });
    const { sent } = await replyArchived(adapter);
    const ny = sim.requestsOf('NyJournalpost').at(-1) ?? '';
    // geointegrasjon/xsd/giArkivKjerne20120131.xsd:115 journalstatus (Journalstatus kode); same Noark codes as N5WS 07:5507-5515
    expect(ny).toMatch(/<kj:journalstatus><kl:kodeverdi>F<\/kl:kodeverdi>/);

    await adapter.markSent(sent(PAPER_ONLY));
    // geointegrasjon/wsdl/giArkivOppdatering20120131.wsdl:333-341 OppdaterJournalpostStatus(journalstatus, journalpostnokkel)
    expect(sim.requestsOf('OppdaterJournalpostStatus')).toHaveLength(1);
    expect(sim.requestsOf('OppdaterJournalpostStatus')[0]).toMatch(/<gi:journalstatus><kl:kodeverdi>E<\/kl:kodeverdi>/);
    // giArkivKjerne20120131.xsd:440-449 Merknad: merknadstekst, merknadstype, merknadsdato (GI's Journalpost has no sendtDato)
    const merknad = sim.requestsOf('NyJournalpostMerknad')[0] ?? '';
    expect(merknad).toContain(`<kj:merknadsdato>${PAPER_ONLY.sentAt}</kj:merknadsdato>`);
    expect(merknad).toContain('på papir');
    await adapter.markSent(sent(PAPER_ONLY));
    expect(sim.requestsOf('OppdaterJournalpostStatus')).toHaveLength(1);
    expect(sim.requestsOf('NyJournalpostMerknad')).toHaveLength(1);
    expect(sim.state.rejections()).toEqual([]);
  });

  it('Noark 4 WS: jpStatus F (not J) on the reply; PutJournpost jpStatus E with a TILLEGGSINFO note on markSent, once', async () => {
    const WSDL = path.resolve(__dirname, '../../resources/wsdl/noark4/noark4ws.wsdl');
    const sim = await startNoark4WsSimulator({ wsdlPath: WSDL, username: 'u', password: 'p', now: () => NOW });
    closers.push(sim);
    const adapter = createNoark4WsAdapter({ url: sim.url, username: 'u', password: 'p', timeoutMs: 10_000 }, { wsdlPath: WSDL });
    closers.push({ close: async () => adapter.close?.() });
    const app = incomingApplication();
    const i = archived(await adapter.deliver(app.delivery));
    const iPayload = bare(sim.lastRequestXml('PutNoarksak'));
    const reply = outgoingReply(app, { caseFile: i.caseFile, entryArchiveSystemId: i.entry.archiveSystemId, journalpostnummer: i.entry.journalpostnummer });
    const u = archived(await adapter.deliver(reply.delivery));
    // the U's own PutJournpost (the last one closes the I)
    const uPayload = bare(String(sim.state.entry(u.entry.archiveSystemId)?.raw ?? ''));
    // noark4/n4ws/noark4ws-types.xsd:104 jpStatus (JP.STATUS, noark4/dtd/JOURNPST.DTD:27; the table JOURNSTA.DTD:7): J for the I …
    expect(iPayload).toContain('<jpStatus>J</jpStatus>');
    // … and F for the approved reply, E only once it has left (JS.EKSPEDERT)
    expect(uPayload).toContain('<jpNdoktype>U</jpNdoktype>');
    expect(uPayload).toContain('<jpStatus>F</jpStatus>');

    await adapter.markSent({ caseFile: reply.delivery.caseFile, entry: reply.delivery.entry, archivedCaseFile: u.caseFile, archived: u.entry, sent: SENT });
    const put = bare(sim.lastRequestXml('PutJournpost'));
    expect(put).toContain('<jpStatus>E</jpStatus>');
    // noark4ws-types.xsd:176-181 TilleggsinfoType (tiItype, tiTekst): the send date, as the WS type has no JP.EKSPDATO
    expect(put).toMatch(new RegExp(`<tiTekst>[^<]*${SENT.sentAt}[^<]*Altinn`));
    const updates = sim.state.entry(u.entry.archiveSystemId)?.updates ?? [];
    expect(updates).toHaveLength(2);
    await adapter.markSent({ caseFile: reply.delivery.caseFile, entry: reply.delivery.entry, archivedCaseFile: u.caseFile, archived: u.entry, sent: SENT });
    expect(sim.state.entry(u.entry.archiveSystemId)?.updates).toHaveLength(2);
    expect(sim.state.rejections()).toEqual([]);
  });

  describe.each(['eformidling', 'fiks-arkiv-v2'] as const)('arkivmelding drop folder (%s)', (dialect: ArkivmeldingDialect) => {
    it('the reply goes as ferdigstilt with no sendtDato; markSent: an oppdatering (Fiks v2), nothing (eFormidling)', async () => {
      const SCHEMA_DIR = path.resolve(__dirname, '../../resources/schemas/arkivmelding');
      const root = tempDir('pm-reply-status-');
      const outDir = path.join(root, 'ut');
      const receiptDir = path.join(root, 'kvittering');
      const sim = await startArkivmeldingSimulator({ dialect, outDir, receiptDir, schemaDir: SCHEMA_DIR, paused: true, now: () => NOW });
      const adapter = createArkivmeldingAdapter({ dialect, outDir, receiptDir }, { schemaDir: SCHEMA_DIR });
      closers.push(sim, { close: async () => adapter.close?.() });
      let lastMessage = '';
      const deliver = async (d: ArchiveDelivery) => {
        const first = (await adapter.deliver(d)) as Extract<DeliveryResult, { state: 'awaiting-receipt' }>;
        lastMessage = fs.readFileSync(path.join(outDir, first.reference, MESSAGE_FILE), 'utf8');
        await sim.processNow();
        const r = await adapter.checkReceipt!(first.reference);
        if (r.state !== 'archived') throw new Error(JSON.stringify(r));
        return r;
      };
      const { sent } = await replyArchived(adapter, deliver);
      if (dialect === 'eformidling') {
        // arkivmelding/eformidling/metadatakatalog.xsd:226 «Ferdigstilt fra saksbehandler» (:228 «Ekspedert»)
        expect(lastMessage).toContain('<journalstatus>Ferdigstilt fra saksbehandler</journalstatus>');
      } else {
        // fiks-arkiv-v2/kodelister/no.ks.fiks.arkiv.v2.kodelister.journalstatus.json:12 F «Ferdigstilt av saksbehandler»
        expect(lastMessage).toMatch(/<journalstatus>\s*<mdk:kode>F<\/mdk:kode>/);
      }
      // eformidling/arkivmelding.xsd:170, fiks-arkiv-v2 …opprett.xsd:124 sendtDato minOccurs=0: absent until it has left
      expect(lastMessage).not.toContain('sendtDato');
      if (dialect === 'eformidling') {
        // eFormidling has no update message: nothing is written (the documented choice in arkivmelding.adapter.ts)
        const before = fs.readdirSync(outDir);
        await adapter.markSent(sent(SENT));
        expect(fs.readdirSync(outDir)).toEqual(before);
        return;
      }
      // fiks-arkiv-v2/meldingstyper/meldingstyper.json:26-30 arkivmelding.oppdater, payload arkivmelding.xml;
      // …arkivmelding.oppdater.xsd:206-216 journalpostOppdatering: journalstatus, sendtDato; :271-276 merknadOppdateringer/ny
      await adapter.markSent(sent(PRINTED));
      const update = fs.readdirSync(outDir).filter((n) => !n.startsWith('.'));
      expect(update).toHaveLength(1);
      const xml = fs.readFileSync(path.join(outDir, update[0]!, MESSAGE_FILE), 'utf8');
      // valid against the official XSD with libxml2 outside the app's validator
      await xsdCheck(path.join(SCHEMA_DIR, 'fiks-arkiv-v2/no.ks.fiks.arkiv.v2.arkivering.arkivmelding.oppdater.xsd'), path.join(outDir, update[0]!, MESSAGE_FILE));
      expect(xml).toMatch(/<journalstatus><mdk:kode>E<\/mdk:kode><\/journalstatus>/);
      expect(xml).toContain(`<sendtDato>${PRINTED.sentAt}</sendtDato>`);
      expect(xml).toContain('papir');
      await adapter.markSent(sent(PRINTED));
      expect(fs.readdirSync(outDir).filter((n) => !n.startsWith('.'))).toEqual(update);
      expect(await sim.processNow()).toBe(1);
      // the kvittering has no payload (meldingstyper.json:33-36): done, and a repeat writes nothing
      await adapter.markSent(sent(PRINTED));
      expect(fs.readdirSync(outDir).filter((n) => !n.startsWith('.'))).toEqual([]);
      const u = sim.state.entries().find((e) => e.journalposttype === 'U')!;
      expect(u.updates).toEqual([expect.objectContaining({ journalstatus: 'E', sendtDato: PRINTED.sentAt, merknader: [expect.objectContaining({ merknadstype: 'MS' })] })]);
      expect(sim.state.rejections()).toEqual([]);
    });
  });
});
