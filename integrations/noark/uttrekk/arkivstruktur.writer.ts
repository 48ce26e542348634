import type { ExtractDocument } from '../../../electron/core/ports/archive-extract.port';
import type { ClosedCaseFile, ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import type { Screening } from '../../../electron/core/archive/archive-record';
import { AVSKRIVNINGSMAATE, JOURNALPOSTTYPE, KORRESPONDANSEPARTTYPE, SKJERMING_METADATA, TILKNYTTET_REGISTRERING_SOM } from '../noark-codes';
import type { ArchivalFile } from './pdfa.converter';
import {
  caseNumbers,
  classificationSystem,
  entryNumbers,
  entryScreening,
  isPersonClass,
  nameUuid,
  requireUuid,
  skjermingMetadata,
  systemActor,
  TEXT,
  type Dates,
  type Entry,
} from './uttrekk.mapper';
import type { XmlStreamWriter } from './xml-stream.writer';

/**
 * arkivstruktur.xml (Noark 5 v5.0), streamed: arkiv > arkivdel > klassifikasjonssystem (one per
 * ordningsprinsipp) > klasse (one per ordningsverdi) > mappe xsi:type="saksmappe" > registrering
 * xsi:type="journalpost" > dokumentbeskrivelse > dokumentobjekt. Case files arrive ordered by
 * classification (ArchiveExtractReader.caseFiles), so a klasse is closed as soon as the value
 * changes and nothing is kept per class. Element order follows the sequences of
 * resources/noark5-uttrekk/arkivstruktur.xsd exactly (cited per element group below).
 */

export const NS = {
  arkivstruktur: 'http://www.arkivverket.no/standarder/noark5/arkivstruktur',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** What writing one document gave: the file in dokumenter/ and how it was made. */
export interface WrittenDocument {
  /** referanseDokumentfil, relative to arkivstruktur.xml (M218). */
  ref: string;
  sha256: string;
  size: number;
  file: Omit<ArchivalFile, 'bytes'>;
}

export type DocumentSink = (entry: Entry, doc: ExtractDocument, dokumentobjektId: string) => Promise<WrittenDocument>;

export interface ClassContext {
  systemId: string;
  klasseID: string;
  tittel: string;
  person: boolean;
}

export interface ArkivstrukturCounts {
  mappe: number;
  registrering: number;
  dokumentfiler: number;
  converted: number;
  screened: boolean;
  /** First and last journaldato written (ISO dates). */
  firstDate: string | null;
  lastDate: string | null;
}

export class ArkivstrukturWriter {
  readonly arkivId: string;
  readonly arkivdelId: string;
  readonly counts: ArkivstrukturCounts = { mappe: 0, registrering: 0, dokumentfiler: 0, converted: 0, screened: false, firstDate: null, lastDate: null };
  private prinsipp: string | null = null;
  private klasse: ClassContext | null = null;
  private klasseSeq = 0;
  private readonly actor: string;
  private readonly periodStart: string;

  constructor(
    private readonly w: XmlStreamWriter,
    private readonly meta: ExtractionMeta,
    private readonly dates: Dates,
    private readonly writeDocument: DocumentSink,
  ) {
    this.arkivId = nameUuid('arkiv', meta.arkivskaper.id, meta.archiveTitle);
    this.arkivdelId = nameUuid('arkivdel', meta.arkivskaper.id, meta.scope.arkivdel, meta.scope.from, meta.scope.to);
    this.actor = systemActor(meta);
    this.periodStart = dates.isoDateTime(meta.scope.from);
  }

  begin(): void {
    const { w, meta, dates } = this;
    const closed = dates.dateTime(meta.producedAt);
    w.declaration();
    // arkivstruktur.xsd complexType arkiv: systemID, tittel, beskrivelse?, arkivstatus?, dokumentmedium?,
    // oppbevaringssted*, opprettetDato, opprettetAv, avsluttetDato, avsluttetAv, arkivskaper+, (arkiv+ | arkivdel+)
    w.open('arkiv', { xmlns: NS.arkivstruktur, 'xmlns:xsi': NS.xsi, 'xsi:schemaLocation': `${NS.arkivstruktur} arkivstruktur.xsd` });
    w.leaf('systemID', this.arkivId).leaf('tittel', meta.archiveTitle).leaf('arkivstatus', TEXT.arkivstatus).leaf('dokumentmedium', TEXT.dokumentmedium);
    w.leaf('opprettetDato', this.periodStart).leaf('opprettetAv', this.actor).leaf('avsluttetDato', closed).leaf('avsluttetAv', meta.producedBy);
    w.open('arkivskaper').leaf('arkivskaperID', meta.arkivskaper.id).leaf('arkivskaperNavn', meta.arkivskaper.name).close('arkivskaper');
    // complexType arkivdel: systemID, tittel, beskrivelse?, arkivdelstatus, dokumentmedium?, oppbevaringssted*, opprettetDato,
    // opprettetAv, avsluttetDato, avsluttetAv, arkivperiodeStartDato?, arkivperiodeSluttDato?, …, (klassifikasjonssystem* | mappe* | registrering*)
    w.open('arkivdel');
    w.leaf('systemID', this.arkivdelId).leaf('tittel', meta.scope.arkivdel);
    w.leaf('beskrivelse', `Arkivuttrekk fra ${meta.systemName} for saker opprettet ${meta.scope.from}–${meta.scope.to}.`);
    w.leaf('arkivdelstatus', TEXT.arkivdelstatus).leaf('dokumentmedium', TEXT.dokumentmedium);
    w.leaf('opprettetDato', this.periodStart).leaf('opprettetAv', this.actor).leaf('avsluttetDato', closed).leaf('avsluttetAv', meta.producedBy);
    w.leaf('arkivperiodeStartDato', meta.scope.from).leaf('arkivperiodeSluttDato', meta.scope.to);
  }

  /** Opens the klassifikasjonssystem and klasse the case file belongs to, closing the previous ones. */
  private enterClass(cf: ClosedCaseFile): ClassContext {
    const { w } = this;
    const { ordningsprinsipp: p, ordningsverdi: v } = cf.classification;
    if (this.klasse && this.prinsipp === p && this.klasse.klasseID === v) return this.klasse;
    if (this.klasse) w.close('klasse');
    if (this.prinsipp !== p) {
      if (this.prinsipp !== null) w.close('klassifikasjonssystem');
      this.prinsipp = p;
      const sys = classificationSystem(p);
      // complexType klassifikasjonssystem: systemID, klassifikasjonstype?, tittel, beskrivelse?, opprettetDato, opprettetAv, …, klasse+
      w.open('klassifikasjonssystem').leaf('systemID', nameUuid('klassifikasjonssystem', this.arkivdelId, p)).leaf('klassifikasjonstype', sys.type);
      w.leaf('tittel', sys.tittel).leaf('beskrivelse', `Ordningsprinsipp ${p}`).leaf('opprettetDato', this.periodStart).leaf('opprettetAv', this.actor);
    }
    const person = isPersonClass(p);
    // a repeated value (out of order) gets a klasse of its own, with its own systemID (N5.47)
    this.klasse = { systemId: nameUuid('klasse', this.arkivdelId, p, v, ++this.klasseSeq), klasseID: v, tittel: v, person };
    // complexType klasse: systemID, klasseID, tittel, beskrivelse?, noekkelord*, opprettetDato, opprettetAv, avsluttetDato?, avsluttetAv?,
    // kryssreferanse*, kassasjon?, skjerming?, gradering?, (klasse* | mappe* | registrering*)
    w.open('klasse').leaf('systemID', this.klasse.systemId).leaf('klasseID', v).leaf('tittel', v);
    w.leaf('opprettetDato', this.periodStart).leaf('opprettetAv', this.actor);
    // a person's number as klasseID is personal data: the class is screened (skjermingMetadata «Skjerming klasseID»)
    if (person && cf.screening) this.skjerming(cf.screening, [SKJERMING_METADATA.klasseID.text]);
    return this.klasse;
  }

  // complexType skjerming: tilgangsrestriksjon, skjermingshjemmel, skjermingMetadata+, skjermingDokument?, …
  private skjerming(s: Screening, metadata: string[], documents = false): void {
    this.counts.screened = true;
    this.w.open('skjerming').leaf('tilgangsrestriksjon', s.tilgangsrestriksjon).leaf('skjermingshjemmel', s.skjermingshjemmel);
    for (const m of metadata) this.w.leaf('skjermingMetadata', m);
    if (documents) this.w.leaf('skjermingDokument', TEXT.skjermingDokument);
    this.w.close('skjerming');
  }

  /** The case file's closing time: its last entry's archiving on the avsluttetDato, else that day's start. */
  private closedAt(cf: ClosedCaseFile): string {
    const last = cf.entries.reduce<number | null>((m, e) => Math.max(m ?? 0, e.archivedAt ?? e.createdAt), null);
    if (last !== null && this.dates.isoDate(new Date(last).toISOString()) === cf.avsluttetDato) return this.dates.dateTime(last);
    return this.dates.isoDateTime(cf.avsluttetDato);
  }

  async caseFile(cf: ClosedCaseFile): Promise<ClassContext> {
    const { w, dates } = this;
    const klasse = this.enterClass(cf);
    const n = caseNumbers(cf);
    requireUuid(cf.systemId, 'Saksmappen');
    const screenedTitle = cf.screening?.screenTitle && cf.titlePublic !== cf.title;
    // complexType mappe: systemID, mappeID, tittel, offentligTittel?, beskrivelse?, noekkelord*, dokumentmedium?, oppbevaringssted*,
    // opprettetDato, opprettetAv, avsluttetDato, avsluttetAv, referanseArkivdel*, virksomhetsspesifikkeMetadata?, part*, kryssreferanse*,
    // merknad*, kassasjon?, skjerming?, gradering?, (mappe* | registrering*); then saksmappe's own sequence
    w.open('mappe', { 'xsi:type': 'saksmappe' });
    w.leaf('systemID', cf.systemId).leaf('mappeID', n.mappeID).leaf('tittel', cf.title);
    if (screenedTitle) w.leaf('offentligTittel', cf.titlePublic);
    w.leaf('dokumentmedium', TEXT.dokumentmedium);
    w.leaf('opprettetDato', dates.dateTime(cf.openedAt)).leaf('opprettetAv', this.actor);
    w.leaf('avsluttetDato', this.closedAt(cf)).leaf('avsluttetAv', cf.avsluttetAv);
    if (cf.screening) this.skjerming(cf.screening, skjermingMetadata(cf.screening, 'mappe'));
    this.counts.mappe++;
    for (const e of cf.entries) await this.registrering(cf, e);
    // complexType saksmappe (extension of mappe): saksaar, sakssekvensnummer, saksdato, administrativEnhet, saksansvarlig,
    // journalenhet?, saksstatus, …
    w.leaf('saksaar', n.saksaar).leaf('sakssekvensnummer', n.sakssekvensnummer).leaf('saksdato', dates.isoDate(cf.saksdato));
    w.leaf('administrativEnhet', cf.administrativEnhet);
    // saksansvarlig is required: the one responsible, else the caseworker of its first entry, else who closed it
    w.leaf('saksansvarlig', cf.saksansvarlig ?? cf.entries.find((e) => e.saksbehandler)?.saksbehandler ?? cf.avsluttetAv);
    w.leaf('saksstatus', TEXT.saksstatus);
    w.close('mappe');
    await w.maybeFlush();
    return klasse;
  }

  private async registrering(cf: ClosedCaseFile, e: Entry): Promise<void> {
    const { w, dates } = this;
    requireUuid(e.systemId, 'Journalposten');
    const n = entryNumbers(e);
    const s = entryScreening(cf, e);
    const created = dates.dateTime(e.createdAt);
    const by = e.saksbehandler ?? this.actor;
    // complexType registrering: systemID, opprettetDato, opprettetAv, arkivertDato, arkivertAv, referanseArkivdel*, part*, kassasjon?,
    // skjerming?, gradering?, dokumentbeskrivelse*, registreringsID?, tittel, offentligTittel?, beskrivelse?, noekkelord*, forfatter*,
    // dokumentmedium?, oppbevaringssted*, virksomhetsspesifikkeMetadata?, merknad*, kryssreferanse*, korrespondansepart*
    w.open('registrering', { 'xsi:type': 'journalpost' });
    w.leaf('systemID', e.systemId).leaf('opprettetDato', created).leaf('opprettetAv', by);
    w.leaf('arkivertDato', dates.dateTime(e.archivedAt ?? e.createdAt)).leaf('arkivertAv', this.actor);
    if (s) this.skjerming(s, skjermingMetadata(s, 'registrering', e.correspondents.map((c) => c.role)));
    for (const d of e.documents) await this.dokumentbeskrivelse(e, d, s, created, by);
    w.leaf('tittel', e.title);
    if (s?.screenTitle && e.titlePublic !== e.title) w.leaf('offentligTittel', e.titlePublic);
    w.leaf('dokumentmedium', TEXT.dokumentmedium);
    // complexType korrespondansepart: korrespondanseparttype, korrespondansepartNavn, postadresse*, postnummer?, poststed?, …
    for (const c of e.correspondents) {
      w.open('korrespondansepart').leaf('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].text).leaf('korrespondansepartNavn', c.name);
      w.leaf('postadresse', c.address?.street).leaf('postnummer', c.address?.postalCode).leaf('poststed', c.address?.postalPlace);
      w.close('korrespondansepart');
    }
    // complexType journalpost (extension of registrering): journalaar, journalsekvensnummer, journalpostnummer, journalposttype,
    // journalstatus, journaldato, dokumentetsDato?, mottattDato?, sendtDato?, forfallsdato?, offentlighetsvurdertDato?, antallVedlegg?,
    // utlaantDato?, utlaantTil?, journalenhet?, avskrivning*, …
    // journalposttype as text, never the code (noark5-standard vedlegg 2: «Inngående dokument», «Utgående dokument»)
    w.leaf('journalaar', n.journalaar).leaf('journalsekvensnummer', n.journalsekvensnummer).leaf('journalpostnummer', n.journalpostnummer);
    w.leaf('journalposttype', JOURNALPOSTTYPE[e.journalposttype].text).leaf('journalstatus', TEXT.journalstatus);
    const journaldato = dates.isoDate(e.journaldato);
    w.leaf('journaldato', journaldato).leaf('dokumentetsDato', dates.isoDate(e.dokumentetsDato));
    if (e.journalposttype === 'I') w.leaf('mottattDato', dates.isoDateTime(e.dokumentetsDato));
    if (e.journalposttype === 'U' && e.sentAt) w.leaf('sendtDato', dates.isoDateTime(e.sentAt));
    const vedlegg = e.documents.filter((d) => d.role === 'vedlegg').length;
    if (vedlegg) w.leaf('antallVedlegg', vedlegg);
    if (e.avskrevetAv) {
      // complexType avskrivning: avskrivningsdato, avskrevetAv, avskrivningsmaate, referanseAvskrivesAvJournalpost?
      w.open('avskrivning').leaf('avskrivningsdato', dates.isoDate(e.avskrevetAv.date)).leaf('avskrevetAv', e.avskrevetAv.by);
      w.leaf('avskrivningsmaate', AVSKRIVNINGSMAATE[e.avskrevetAv.avskrivningsmaate].text);
      w.leaf('referanseAvskrivesAvJournalpost', requireUuid(e.avskrevetAv.bySystemId, 'Svaret som avskriver journalposten'));
      w.close('avskrivning');
    }
    w.close('registrering');
    this.counts.registrering++;
    if (!this.counts.firstDate || journaldato < this.counts.firstDate) this.counts.firstDate = journaldato;
    if (!this.counts.lastDate || journaldato > this.counts.lastDate) this.counts.lastDate = journaldato;
  }

  private async dokumentbeskrivelse(e: Entry, d: ExtractDocument, s: Screening | null, created: string, by: string): Promise<void> {
    const { w } = this;
    const beskrivelseId = nameUuid('dokumentbeskrivelse', e.systemId, d.number);
    const objektId = nameUuid('dokumentobjekt', e.systemId, d.number, 1);
    // complexType dokumentbeskrivelse: systemID, dokumenttype, dokumentstatus, tittel, beskrivelse?, forfatter*, opprettetDato, opprettetAv,
    // dokumentmedium?, oppbevaringssted?, referanseArkivdel*, tilknyttetRegistreringSom, dokumentnummer, tilknyttetDato, tilknyttetAv,
    // part*, merknad*, kassasjon?, utfoertKassasjon?, sletting?, skjerming?, gradering?, elektroniskSignatur?, dokumentobjekt*
    w.open('dokumentbeskrivelse');
    w.leaf('systemID', beskrivelseId).leaf('dokumenttype', d.dokumenttype).leaf('dokumentstatus', TEXT.dokumentstatus);
    w.leaf('tittel', d.title || d.filename).leaf('opprettetDato', created).leaf('opprettetAv', by).leaf('dokumentmedium', TEXT.dokumentmedium);
    w.leaf('tilknyttetRegistreringSom', TILKNYTTET_REGISTRERING_SOM[d.role].text).leaf('dokumentnummer', d.number);
    w.leaf('tilknyttetDato', created).leaf('tilknyttetAv', by);
    if (s?.screenDocuments) this.skjerming(s, [SKJERMING_METADATA.tittelDokument.text], true);
    const written = await this.writeDocument(e, d, objektId);
    // complexType dokumentobjekt: systemID, versjonsnummer, variantformat, format, formatDetaljer?, opprettetDato, opprettetAv,
    // referanseDokumentfil, sjekksum, sjekksumAlgoritme, filstoerrelse, elektroniskSignatur?, konvertering*
    w.open('dokumentobjekt');
    w.leaf('systemID', objektId).leaf('versjonsnummer', 1).leaf('variantformat', TEXT.variantformat);
    w.leaf('format', written.file.puid).leaf('formatDetaljer', written.file.details);
    const conv = written.file.conversion;
    w.leaf('opprettetDato', conv ? this.dates.dateTime(this.meta.producedAt) : created).leaf('opprettetAv', conv ? this.meta.producedBy : by);
    w.leaf('referanseDokumentfil', written.ref).leaf('sjekksum', written.sha256).leaf('sjekksumAlgoritme', TEXT.sjekksumAlgoritme);
    w.leaf('filstoerrelse', written.size);
    if (conv) {
      // complexType konvertering: konvertertDato, konvertertAv, konvertertFraFormat, konvertertTilFormat, konverteringsverktoey?, konverteringskommentar?
      w.open('konvertering').leaf('konvertertDato', this.dates.dateTime(this.meta.producedAt)).leaf('konvertertAv', this.meta.producedBy);
      w.leaf('konvertertFraFormat', conv.fromFormat).leaf('konvertertTilFormat', conv.toFormat);
      w.leaf('konverteringsverktoey', conv.tool).leaf('konverteringskommentar', conv.comment);
      w.close('konvertering');
      this.counts.converted++;
    }
    w.close('dokumentobjekt');
    w.close('dokumentbeskrivelse');
    this.counts.dokumentfiler++;
  }

  /** Closes klasse, klassifikasjonssystem, arkivdel and arkiv. */
  finish(): void {
    if (this.klasse) this.w.close('klasse');
    if (this.prinsipp !== null) this.w.close('klassifikasjonssystem');
    this.w.close('arkivdel').close('arkiv');
  }
}
