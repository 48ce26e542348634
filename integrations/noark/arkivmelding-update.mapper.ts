import type { SentDelivery } from '../../electron/core/ports/archive.port';
import { FIKS_MDK_NS, FIKS_NS, FIKS_OPPDATER_NS, messageNameOf, XSI_NS } from './arkivmelding.protocol';
import { FAGSYSTEM, JOURNALSTATUS, sentNote } from './noark-codes';

/**
 * #13 item 7 for the Fiks Arkiv v2 drop folder: a reply that has left is told to the archive with
 * an arkivmelding.oppdater message (fiks-arkiv-v2/meldingstyper/meldingstyper.json: payload
 * arkivmelding.xml; no.ks.fiks.arkiv.v2.arkivering.arkivmelding.oppdater.xsd): one
 * registreringOppdateringer of xsi:type journalpostOppdatering with journalstatus E and sendtDato,
 * and a new merknad with the channel (paper included). The answer is
 * arkivmelding.oppdater.kvittering, which has no payload: the receipt file is empty, or a
 * feilmelding when the archive refused it.
 *
 * eFormidling's arkivmelding has no update message; see arkivmelding.adapter.ts markSent.
 */

/** The message folder of an update: one per reply and variant (sent; later also on paper). */
export const updateMessageNameOf = (d: SentDelivery): string => messageNameOf(`${d.entry.externalKey}:sendt:${d.sent.printedAt ? 'papir' : 'digital'}`);

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function buildFiksOppdatering(d: SentDelivery): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<arkivmeldingOppdatering xmlns="${FIKS_OPPDATER_NS}" xmlns:mdk="${FIKS_MDK_NS}" xmlns:am="${FIKS_NS}" xmlns:xsi="${XSI_NS}">`,
    '<registreringOppdateringer xsi:type="journalpostOppdatering">',
    '<referanseTilRegistrering>',
    `<mdk:systemID>${esc(d.archived.archiveSystemId)}</mdk:systemID>`,
    `<mdk:referanseEksternNoekkel><mdk:fagsystem>${FAGSYSTEM}</mdk:fagsystem><mdk:noekkel>${esc(d.entry.externalKey)}</mdk:noekkel></mdk:referanseEksternNoekkel>`,
    '</referanseTilRegistrering>',
    '<merknadOppdateringer><ny>',
    `<am:merknadstekst>${esc(sentNote(d.sent))}</am:merknadstekst>`,
    `<am:merknadstype><mdk:kode>MS</mdk:kode></am:merknadstype>`,
    `<am:merknadsdato>${esc(d.sent.printedAt ?? d.sent.sentAt)}</am:merknadsdato>`,
    '</ny></merknadOppdateringer>',
    `<journalstatus><mdk:kode>${JOURNALSTATUS.ekspedert.code}</mdk:kode></journalstatus>`,
    `<sendtDato>${esc(d.sent.sentAt)}</sendtDato>`,
    '</registreringOppdateringer>',
    '</arkivmeldingOppdatering>',
    '',
  ].join('\n');
}
