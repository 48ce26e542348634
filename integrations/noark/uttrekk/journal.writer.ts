import { rm } from 'node:fs/promises';
import type { ClosedCaseFile, ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import { AVSKRIVNINGSMAATE, KORRESPONDANSEPARTTYPE, SKJERMING_METADATA } from '../noark-codes';
import type { ClassContext } from './arkivstruktur.writer';
import { caseNumbers, entryNumbers, entryScreening, skjermingMetadata, TEXT, type Dates, type Entry } from './uttrekk.mapper';
import { XmlStreamWriter, type ClosedXmlFile } from './xml-stream.writer';

/**
 * loependeJournal.xml and offentligJournal.xml (Noark 5 v5.0 / 5.5), written from the same stream of
 * case files as arkivstruktur.xml. The journalhode must come first and holds antallJournalposter,
 * which is known only at the end: the registrations go to a part file each, and at the end the
 * head is written and the part file copied after it (disk, not memory).
 *
 * The public journal applies the screening on the data: a screened title shows titlePublic, a
 * screened correspondent shows «Skjermet», and a klasse whose ID is a person's number is left out
 * (klasse is optional in offentligJournal.xsd).
 */

const NS = {
  loependeJournal: 'http://www.arkivverket.no/standarder/noark5/loependeJournal',
  offentligJournal: 'http://www.arkivverket.no/standarder/noark5/offentligJournal',
} as const;

type Kind = keyof typeof NS;

export interface JournalFiles {
  loependeJournal: ClosedXmlFile;
  offentligJournal: ClosedXmlFile;
  count: number;
}

export class JournalWriter {
  private readonly parts: Record<Kind, XmlStreamWriter>;
  private count = 0;

  constructor(
    private readonly dir: string,
    private readonly meta: ExtractionMeta,
    private readonly dates: Dates,
    private readonly arkivdelId: string,
  ) {
    this.parts = {
      // the registrations sit one level inside the root element
      loependeJournal: new XmlStreamWriter(`${dir}/.loependeJournal.part`, 1),
      offentligJournal: new XmlStreamWriter(`${dir}/.offentligJournal.part`, 1),
    };
  }

  get journalposter(): number {
    return this.count;
  }

  async caseFile(cf: ClosedCaseFile, klasse: ClassContext): Promise<void> {
    for (const e of cf.entries) {
      this.loepende(cf, e, klasse);
      this.offentlig(cf, e, klasse);
      this.count++;
    }
    await Promise.all(Object.values(this.parts).map((p) => p.maybeFlush()));
  }

  /** korrespondansepart is required (1..n) in both journals; an entry without one names the unknown party. */
  private parties(e: Entry): { role: 'avsender' | 'mottaker'; name: string }[] {
    if (e.correspondents.length) return e.correspondents;
    return [{ role: e.journalposttype === 'I' ? 'avsender' : 'mottaker', name: 'Ukjent' }];
  }

  private loepende(cf: ClosedCaseFile, e: Entry, klasse: ClassContext): void {
    const w = this.parts.loependeJournal;
    const n = caseNumbers(cf);
    const j = entryNumbers(e);
    const s = entryScreening(cf, e);
    // loependeJournal.xsd: journalregistrering = klasse?, saksmappe, journalpost
    w.open('journalregistrering');
    // klasse: klasseID, tittel, skjermingMetadata* (a person's number as klasseID is marked screened)
    w.open('klasse').leaf('klasseID', klasse.klasseID).leaf('tittel', klasse.tittel);
    if (klasse.person) w.leaf('skjermingMetadata', SKJERMING_METADATA.klasseID.text);
    w.close('klasse');
    // saksmappe: mappeID?, saksaar, sakssekvensnummer, tittel, offentligTittel?, skjermingMetadata?, administrativEnhet?, saksansvarlig?, referanseArkivdel?
    w.open('saksmappe').leaf('mappeID', n.mappeID).leaf('saksaar', n.saksaar).leaf('sakssekvensnummer', n.sakssekvensnummer).leaf('tittel', cf.title);
    if (cf.screening?.screenTitle) w.leaf('offentligTittel', cf.titlePublic);
    if (cf.screening) w.leaf('skjermingMetadata', skjermingMetadata(cf.screening, 'mappe')[0]);
    w.leaf('administrativEnhet', cf.administrativEnhet).leaf('saksansvarlig', cf.saksansvarlig).leaf('referanseArkivdel', this.arkivdelId);
    w.close('saksmappe');
    // journalpost: systemID, registreringsID?, journalaar, journalsekvensnummer, journalpostnummer, tittel, offentligTittel?,
    // offentlighetsvurdertDato?, skjermingMetadata?, journaldato, dokumentetsDato?, antallVedlegg?, avskrivningsdato?, avskrivningsmaate?,
    // administrativEnhet?, saksbehandler?, journalenhet?, referanseAvskrivesAvJournalpost?, tilgangsrestriksjon?, grad?, skjermingshjemmel?,
    // korrespondansepart+
    w.open('journalpost').leaf('systemID', e.systemId);
    w.leaf('journalaar', j.journalaar).leaf('journalsekvensnummer', j.journalsekvensnummer).leaf('journalpostnummer', j.journalpostnummer);
    w.leaf('tittel', e.title);
    if (s?.screenTitle) w.leaf('offentligTittel', e.titlePublic);
    if (s) w.leaf('skjermingMetadata', skjermingMetadata(s, 'registrering', e.correspondents.map((c) => c.role))[0]);
    w.leaf('journaldato', this.dates.isoDate(e.journaldato)).leaf('dokumentetsDato', this.dates.isoDate(e.dokumentetsDato));
    const vedlegg = e.documents.filter((d) => d.role === 'vedlegg').length;
    if (vedlegg) w.leaf('antallVedlegg', vedlegg);
    this.avskrivning(w, e);
    if (s) w.leaf('tilgangsrestriksjon', s.tilgangsrestriksjon).leaf('skjermingshjemmel', s.skjermingshjemmel);
    for (const c of this.parties(e)) {
      w.open('korrespondansepart').leaf('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].text).leaf('korrespondansepartNavn', c.name);
      if (s?.screenCorrespondent) w.leaf('skjermingMetadata', skjermingMetadata(s, 'registrering', [c.role]).at(-1));
      w.close('korrespondansepart');
    }
    w.close('journalpost').close('journalregistrering');
  }

  /** avskrivningsdato?, avskrivningsmaate?, administrativEnhet?, saksbehandler?, [journalenhet?], referanseAvskrivesAvJournalpost? */
  private avskrivning(w: XmlStreamWriter, e: Entry): void {
    const a = e.avskrevetAv;
    if (a) w.leaf('avskrivningsdato', this.dates.isoDate(a.date)).leaf('avskrivningsmaate', AVSKRIVNINGSMAATE[a.avskrivningsmaate].text);
    w.leaf('administrativEnhet', e.administrativEnhet).leaf('saksbehandler', e.saksbehandler);
    // journalenhet (loependeJournal only) is not kept by Postmottak: omitted
    if (a) w.leaf('referanseAvskrivesAvJournalpost', a.bySystemId);
  }

  private offentlig(cf: ClosedCaseFile, e: Entry, klasse: ClassContext): void {
    const w = this.parts.offentligJournal;
    const n = caseNumbers(cf);
    const j = entryNumbers(e);
    const s = entryScreening(cf, e);
    // offentligJournal.xsd: journalregistrering = klasse?, saksmappe, journalpost; a person's number as klasseID is never published
    w.open('journalregistrering');
    if (!klasse.person) w.open('klasse').leaf('klasseID', klasse.klasseID).leaf('tittel', klasse.tittel).close('klasse');
    // saksmappe: mappeID?, saksaar, sakssekvensnummer, offentligTittel?, administrativEnhet?, saksansvarlig?, tilgangsrestriksjon?, skjermingshjemmel?
    w.open('saksmappe').leaf('mappeID', n.mappeID).leaf('saksaar', n.saksaar).leaf('sakssekvensnummer', n.sakssekvensnummer);
    w.leaf('offentligTittel', cf.screening?.screenTitle ? cf.titlePublic : cf.title);
    w.leaf('administrativEnhet', cf.administrativEnhet).leaf('saksansvarlig', cf.saksansvarlig);
    if (cf.screening) w.leaf('tilgangsrestriksjon', cf.screening.tilgangsrestriksjon).leaf('skjermingshjemmel', cf.screening.skjermingshjemmel);
    w.close('saksmappe');
    // journalpost: systemID, registreringsID?, journalaar, journalsekvensnummer, journalpostnummer, offentligTittel?, skjermingMetadata?,
    // journaldato, dokumentetsDato?, avskrivningsdato?, avskrivningsmaate?, administrativEnhet?, saksbehandler?,
    // referanseAvskrivesAvJournalpost?, tilgangsrestriksjon?, grad?, skjermingshjemmel?, korrespondansepart+
    w.open('journalpost').leaf('systemID', e.systemId);
    w.leaf('journalaar', j.journalaar).leaf('journalsekvensnummer', j.journalsekvensnummer).leaf('journalpostnummer', j.journalpostnummer);
    w.leaf('offentligTittel', s?.screenTitle ? e.titlePublic : e.title);
    if (s) w.leaf('skjermingMetadata', skjermingMetadata(s, 'registrering', e.correspondents.map((c) => c.role))[0]);
    w.leaf('journaldato', this.dates.isoDate(e.journaldato)).leaf('dokumentetsDato', this.dates.isoDate(e.dokumentetsDato));
    this.avskrivning(w, e);
    if (s) w.leaf('tilgangsrestriksjon', s.tilgangsrestriksjon).leaf('skjermingshjemmel', s.skjermingshjemmel);
    for (const c of this.parties(e)) {
      const name = s?.screenCorrespondent ? TEXT.screenedName : c.name;
      w.open('korrespondansepart').leaf('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].text).leaf('korrespondansepartNavn', name).close('korrespondansepart');
    }
    w.close('journalpost').close('journalregistrering');
  }

  /** Writes both journals (head, then the registrations) when there is at least one journalpost; null when there is none. */
  async finish(): Promise<JournalFiles | null> {
    const parts = await Promise.all(
      (Object.keys(this.parts) as Kind[]).map(async (k) => {
        return [k, await this.parts[k].end()] as const;
      }),
    );
    try {
      // journalregistrering is 1..n: a package without journalposter carries no journals (krav 6.4: «dersom uttrekket inneholder journalføringspliktig informasjon»)
      if (!this.count) return null;
      const out = {} as Record<Kind, ClosedXmlFile>;
      for (const [k, part] of parts) {
        const w = new XmlStreamWriter(`${this.dir}/${k}.xml`).declaration();
        w.open(k, { xmlns: NS[k] });
        // journalhode: journalStartDato, journalSluttDato, seleksjon?, antallJournalposter, arkivskaper+
        // the head's period is the package's (archivalPeriod, arkivperiode): Arkade N5.60 compares them
        w.open('journalhode').leaf('journalStartDato', this.meta.scope.from).leaf('journalSluttDato', this.meta.scope.to);
        w.leaf('seleksjon', `Arkivdel ${this.meta.scope.arkivdel}, saker opprettet ${this.meta.scope.from}–${this.meta.scope.to}`);
        w.leaf('antallJournalposter', this.count);
        w.open('arkivskaper').leaf('arkivskaperID', this.meta.arkivskaper.id).leaf('arkivskaperNavn', this.meta.arkivskaper.name).close('arkivskaper');
        w.close('journalhode');
        await w.append(part.path);
        out[k] = await w.close(k).end();
      }
      return { ...out, count: this.count };
    } finally {
      await Promise.all(parts.map(([, p]) => rm(p.path, { force: true })));
    }
  }

  abort(): void {
    for (const p of Object.values(this.parts)) p.abort();
  }
}
