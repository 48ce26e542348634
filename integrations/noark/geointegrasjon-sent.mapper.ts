/**
 * GeoIntegrasjon Arkiv 1.1: a reply that has left (#13 item 7). GI's Journalpost has no sendtDato
 * (giArkivKjerne20120131.xsd, complexType Journalpost), so the send is two calls of the Oppdatering
 * service (geointegrasjon/wsdl/giArkivOppdatering20120131.wsdl):
 * - OppdaterJournalpostStatus with journalstatus E (Ekspedert), by the journalpost's systemID;
 * - NyJournalpostMerknad: a merknad (Merknad: merknadstekst, merknadstype, merknadsdato) with the
 *   real send date and the channel, so a letter that went on paper says so.
 */
import type { SentInfo } from '../../electron/core/archive/archive-record';
import type { XmlElement } from '../../electron/core/profiles/xml-tree';
import { el, kid, kids, kode, kontekst, journpostnoekkel, payload, returnOf, text } from './geointegrasjon.mapper';
import { JOURNALSTATUS, sentNote } from './noark-codes';

export function oppdaterJournalpostStatusXml(journalpostSystemId: string, klientnavn: string): string {
  return payload('OppdaterJournalpostStatus', [
    kode('gi:journalstatus', JOURNALSTATUS.ekspedert.code, JOURNALSTATUS.ekspedert.text),
    journpostnoekkel('gi:journalpostnokkel', { systemId: journalpostSystemId }),
    kontekst(klientnavn),
  ]);
}

export function nyJournalpostMerknadXml(journalpostSystemId: string, sent: SentInfo, klientnavn: string): string {
  return payload('NyJournalpostMerknad', [
    el('gi:merknad', [el('kj:liste', [text('kj:merknadstekst', sentNote(sent)), text('kj:merknadstype', 'MS'), text('kj:merknadsdato', sent.printedAt ?? sent.sentAt)])]),
    journpostnoekkel('gi:journalnokkel', { systemId: journalpostSystemId }),
    kontekst(klientnavn),
  ]);
}

/** The journalpost as FinnJournalposterGittNoekkel returns it: its status and merknad texts (to repeat nothing). */
export function readSentState(response: XmlElement): { journalstatus: string | null; merknader: string[] } | null {
  const jp = kids(returnOf(response), 'liste')[0];
  if (!jp) return null;
  const status = kid(kid(jp, 'journalstatus'), 'kodeverdi')?.text.trim() ?? null;
  const merknader = kids(kid(jp, 'merknader'), 'liste').map((m) => kid(m, 'merknadstekst')?.text.trim() ?? '');
  return { journalstatus: status, merknader };
}
