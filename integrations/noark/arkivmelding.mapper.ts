import type { ArchivedCaseFile, ArchiveDocument, CaseFileRecord, Correspondent, EntryRecord, Screening } from '../../electron/core/archive/archive-record';
import { IntegrationError } from '../../electron/core/errors';
import { localDateTime } from '../../electron/core/local-time';
import { dokumenttypeIn } from './dokumenttype-map';
import { AVSKRIVNINGSMAATE, PERSON_CLASS_TITLE, DOKUMENTSTATUS, FAGSYSTEM, JOURNALPOSTTYPE, KORRESPONDANSEPARTTYPE, registeredStatus, SAKSSTATUS, SKJERMING_DOKUMENT, SKJERMING_METADATA, TILKNYTTET_REGISTRERING_SOM, VARIANTFORMAT } from './noark-codes';
import { el, opt, toXml, type XNode } from '../shared/xml/xml-tree';
import { derivedUuid, documentFileName, messageNameOf, EFORMIDLING_NS, FIKS_MDK_NS, FIKS_NS, isUuid, POSTMOTTAK_NS, XSI_NS, type ArkivmeldingDialect } from './arkivmelding.protocol';

/**
 * arkivmelding in two dialects, and the receipts read back.
 *
 *  - 'eformidling': Digdir/Arkivverket arkivmelding (namespace …/noark5/arkivmelding), Noark 5 v3.1
 *    metadatakatalog, full-text code values ("Inngående dokument"). One saksmappe holding the
 *    message's one journalpost (eFormidling 2: one saksmappe with ONE journalpost). A reply's avskrivning of the I goes in a
 *    follow-up message of its own (buildEformidlingAvskrivning), after the reply's receipt. The format has no ekstern nøkkel; Postmottak's keys travel in
 *    virksomhetsspesifikkeMetadata (xs:anyType) as <pm:postmottak> in POSTMOTTAK_NS (see below).
 *  - 'fiks-arkiv-v2': KS Fiks Arkiv v2 no.ks.fiks.arkiv.v2.arkivering.arkivmelding.opprett, {kode}
 *    objects, referanseEksternNoekkel on mappe and registrering. Every message carries the mappe
 *    (the archive answers «Eksisterende» for a known one) and one registrering, so the receipt
 *    always holds the case file's numbers.
 *
 * Receipts: Fiks Arkiv v2 arkivmeldingKvittering (…opprett.kvittering.xsd) or a feilmelding
 * (ugyldigforespoersel / serverfeil / ikkefunnet). eFormidling's own arkivmelding_kvittering is an
 * SBD business message (receiptType OK|NOTSUPPORTED|WARNING|ERROR, relatedToMessageId, messages)
 * with no archive numbers and no published XSD in the specs, so the drop folder uses a minimal
 * receipt of Postmottak's own, modelled on it and carrying the numbers: EFORMIDLING_RECEIPT_XSD.
 */


export * from './arkivmelding.protocol';
export { parseReceipt } from './arkivmelding-receipt.mapper';

// ---------------------------------------------------------------------------------------------
// record → arkivmelding

export interface ArkivmeldingInput {
  caseFile: CaseFileRecord;
  entry: EntryRecord;
  knownCaseFile: ArchivedCaseFile | null;
}

export interface BuildOptions {
  /** Time the message is made (tidspunkt, opprettetDato …). */
  now: Date;
  /** #13 item 1: date-times are written in local time with the offset (config timezone; default Europe/Oslo). */
  timeZone?: string;
}

export interface BuiltMessage {
  xml: string;
  /** eFormidling meldingId (derived from the message name); Fiks has none in the payload. */
  meldingId: string;
  /** Documents as they go into the folder. */
  files: { doc: ArchiveDocument; fileName: string }[];
}

const dateTimeOf = (s: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);

/** tittel, and offentligTittel where it differs or the record is screened: mappe and registrering, both dialects. */
const titlesOf = (r: Pick<EntryRecord, 'title' | 'titlePublic' | 'screening'>): (XNode | null)[] => [el('tittel', r.title), r.titlePublic !== r.title || r.screening ? el('offentligTittel', r.titlePublic) : null];

/** journaldato, mottattDato (I), antallVedlegg: the journalpost's tail, both dialects. A U has no sendtDato until it has left (#13 item 7). */
const entryDatesOf = (entry: EntryRecord, files: BuiltMessage['files']): (XNode | null)[] => [
  el('journaldato', entry.journaldato),
  entry.journalposttype === 'I' ? el('mottattDato', dateTimeOf(entry.dokumentetsDato)) : null,
  el('antallVedlegg', files.filter((f) => f.doc.role === 'vedlegg').length),
];

export function buildArkivmelding(dialect: ArkivmeldingDialect, input: ArkivmeldingInput, opts: BuildOptions): BuiltMessage {
  const name = messageNameOf(input.entry.externalKey);
  const files = input.entry.documents.map((doc) => ({ doc, fileName: documentFileName(doc) }));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.fileName)) throw new IntegrationError('validation', `To dokumenter har samme nummer (${f.doc.number}) i journalposten`, { integration: 'arkivmelding' });
    seen.add(f.fileName);
  }
  const meldingId = derivedUuid(`meldingId:${name}`);
  const xml = dialect === 'eformidling' ? buildEformidling(input, files, meldingId, opts) : buildFiks(input, files, opts);
  return { xml, meldingId, files };
}

/** Who a correspondent is in the public journal's terms, for skjermingMetadata. */
function screenedMetadata(level: 'mappe' | 'registrering', s: Screening, input: ArkivmeldingInput): string[] {
  const codes: string[] = [];
  if (level === 'mappe') {
    if (s.screenTitle) codes.push(SKJERMING_METADATA.tittelMappeOrd.text);
    if (input.caseFile.classification.ordningsprinsipp === 'PNR') codes.push(SKJERMING_METADATA.klasseID.text);
  } else {
    if (s.screenTitle) codes.push(SKJERMING_METADATA.tittelRegistreringOrd.text);
    if (s.screenCorrespondent) {
      const roles = new Set(input.entry.correspondents.map((c) => c.role));
      if (roles.has('avsender')) codes.push(SKJERMING_METADATA.navnAvsender.text);
      if (roles.has('mottaker')) codes.push(SKJERMING_METADATA.navnMottaker.text);
    }
  }
  return codes;
}

function eformidlingSkjerming(s: Screening | null, metadata: string[], dokument = false): XNode | null {
  // skjermingMetadata is required (1..n) in v3.1: screening that names no metadata is carried by the
  // level that does (the documents' own skjerming), not by an invented code
  if (!s || metadata.length === 0) return null;
  return el('skjerming', [
    el('tilgangsrestriksjon', s.tilgangsrestriksjon),
    el('skjermingshjemmel', s.skjermingshjemmel),
    ...metadata.map((m) => el('skjermingMetadata', m)),
    dokument && el('skjermingDokument', SKJERMING_DOKUMENT.hele.text),
  ]);
}

const pmKey = (noekkel: string): XNode =>
  el('virksomhetsspesifikkeMetadata', [el('pm:postmottak', [el('pm:eksternNoekkel', [el('pm:fagsystem', FAGSYSTEM), el('pm:noekkel', noekkel)])], { 'xmlns:pm': POSTMOTTAK_NS })]);

/** registrering's head: systemID, created and archived by Postmottak now, in the mappe. */
const registrationHead = (systemId: string, now: string, mappeId: string): XNode[] => [
  el('systemID', systemId),
  el('opprettetDato', now),
  el('opprettetAv', FAGSYSTEM),
  el('arkivertDato', now),
  el('arkivertAv', FAGSYSTEM),
  el('referanseForelderMappe', mappeId),
];

/**
 * #13 item 2: the application (I) again, as the archive has it (its systemID from the receipt, its
 * ekstern nøkkel), carrying the avskrivning the reply makes. The spec puts avskrivning on the entry
 * that is closed and references the closing one: arkivmelding/eformidling/metadatakatalog.xsd:481
 * referanseAvskrivesAvJournalpost (M215, Noark 5 «journalposter som avskriver denne journalposten»);
 * the spec's own example, examples-authored/arkivmelding-eformidling-minimal.xml:61-66, has it on the
 * I naming the U. eFormidling 2 takes one journalpost per message (RESEARCH-NOTES.md: one saksmappe,
 * one journalpost), so this is the only journalpost of its own follow-up message; `byId` is the
 * systemID the archive gave the reply (its receipt).
 */
function closedApplication(reply: EntryRecord, closes: NonNullable<EntryRecord['closes']>, byId: string, now: string, mappeId: string): XNode {
  return el(
    'basisregistrering',
    [
      ...registrationHead(isUuid(closes.archiveSystemId) ? closes.archiveSystemId : closes.systemId, now, mappeId),
      ...titlesOf({ title: closes.title, titlePublic: closes.titlePublic, screening: reply.screening }),
      pmKey(closes.externalKey),
      el('journalposttype', JOURNALPOSTTYPE.I.text),
      el('journalstatus', registeredStatus('I').text),
      el('journaldato', closes.journaldato),
      el('avskrivning', [
        el('avskrivningsdato', reply.journaldato),
        el('avskrevetAv', reply.saksbehandler ?? FAGSYSTEM),
        el('avskrivningsmaate', AVSKRIVNINGSMAATE[closes.avskrivningsmaate].text),
        el('referanseAvskrivesAvJournalpost', byId),
      ]),
    ],
    { 'xsi:type': 'journalpost' },
  );
}

function eformidlingCorrespondent(c: Correspondent): XNode {
  return el('korrespondansepart', [
    el('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].text),
    el('korrespondansepartNavn', c.name),
    opt('postadresse', c.address?.street),
    opt('postnummer', c.address?.postalCode),
    opt('poststed', c.address?.postalPlace),
  ]);
}

function buildEformidling(input: ArkivmeldingInput, files: BuiltMessage['files'], meldingId: string, opts: BuildOptions): string {
  const { entry } = input;
  const now = localDateTime(opts.now.getTime(), opts.timeZone);
  const mappeId = mappeIdOf(input);
  const docScreen = entry.screening?.screenDocuments ? entry.screening : null;

  const dokumentbeskrivelser = files.map(({ doc, fileName }) =>
    el('dokumentbeskrivelse', [
      el('systemID', derivedUuid(`dokumentbeskrivelse:${entry.systemId}:${doc.number}`)),
      // #13 item 3: M083 dokumenttype, the text the map gives (dokumenttype-map.ts)
      el('dokumenttype', dokumenttypeIn('eformidling', doc.dokumenttype).text),
      el('dokumentstatus', DOKUMENTSTATUS.ferdigstilt.text),
      el('tittel', doc.title),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      el('tilknyttetRegistreringSom', TILKNYTTET_REGISTRERING_SOM[doc.role].text),
      el('dokumentnummer', doc.number),
      el('tilknyttetDato', now),
      el('tilknyttetAv', FAGSYSTEM),
      eformidlingSkjerming(docScreen, [SKJERMING_METADATA.tittelDokument.text], true),
      el('dokumentobjekt', [
        el('versjonsnummer', 1),
        el('variantformat', VARIANTFORMAT.arkivformat.text),
        el('opprettetDato', now),
        el('opprettetAv', FAGSYSTEM),
        el('referanseDokumentfil', fileName),
      ]),
    ]),
  );

  const journalpost = el(
    'basisregistrering',
    [
      ...registrationHead(entry.systemId, now, mappeId),
      entry.screening && eformidlingSkjerming(entry.screening, screenedMetadata('registrering', entry.screening, input)),
      ...dokumentbeskrivelser,
      ...titlesOf(entry),
      pmKey(entry.externalKey),
      el('journalposttype', JOURNALPOSTTYPE[entry.journalposttype].text),
      // #13 item 7: a reply is «Ferdigstilt fra saksbehandler» when approved (metadatakatalog v3.1 journalstatus), not «Ekspedert»
      el('journalstatus', registeredStatus(entry.journalposttype).text),
      ...entryDatesOf(entry, files),
      ...entry.correspondents.map(eformidlingCorrespondent),
    ],
    { 'xsi:type': 'journalpost' },
  );

  return eformidlingMessage(input, journalpost, meldingId, now, files.length);
}

const mappeIdOf = ({ caseFile, knownCaseFile }: ArkivmeldingInput): string => (isUuid(knownCaseFile?.archiveSystemId) ? knownCaseFile.archiveSystemId : caseFile.systemId);

/**
 * #13 item 2, eFormidling: the follow-up to a reply that closes an application, once the reply's
 * receipt is in: the saksmappe with the application alone, its avskrivning naming the reply by the
 * archive's systemID (`replySystemId`). No documents (antallFiler 0).
 */
export function buildEformidlingAvskrivning(input: ArkivmeldingInput, replySystemId: string, name: string, opts: BuildOptions): BuiltMessage {
  const closes = input.entry.closes;
  if (!closes) throw new IntegrationError('permanent', 'Svaret avskriver ingen journalpost.', { integration: 'arkivmelding' });
  const now = localDateTime(opts.now.getTime(), opts.timeZone);
  const meldingId = derivedUuid(`meldingId:${name}`);
  const jp = closedApplication(input.entry, closes, replySystemId, now, mappeIdOf(input));
  return { xml: eformidlingMessage(input, jp, meldingId, now, 0), meldingId, files: [] };
}

/** The eFormidling message around its one journalpost: arkivmelding > saksmappe > journalpost. */
function eformidlingMessage(input: ArkivmeldingInput, journalpost: XNode, meldingId: string, now: string, antallFiler: number): string {
  const { caseFile, knownCaseFile } = input;
  const mappe = el(
    'mappe',
    [
      el('systemID', mappeIdOf(input)),
      ...titlesOf(caseFile),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      opt('referanseArkivdel', caseFile.arkivdel),
      pmKey(caseFile.externalKey),
      caseFile.screening && eformidlingSkjerming(caseFile.screening, screenedMetadata('mappe', caseFile.screening, input)),
      el('klassifikasjon', [
        el('referanseKlassifikasjonssystem', caseFile.classification.ordningsprinsipp),
        el('klasseID', caseFile.classification.ordningsverdi),
        el('tittel', classTitle(caseFile)),
      ]),
      journalpost,
      knownCaseFile && el('saksaar', knownCaseFile.saksaar),
      knownCaseFile && el('sakssekvensnummer', knownCaseFile.sakssekvensnummer),
      el('saksdato', caseFile.saksdato),
      el('administrativEnhet', caseFile.administrativEnhet),
      el('saksansvarlig', caseFile.saksansvarlig ?? FAGSYSTEM),
      el('saksstatus', SAKSSTATUS.underBehandling.text),
    ],
    { 'xsi:type': 'saksmappe' },
  );

  return toXml(
    el(
      'arkivmelding',
      [el('system', FAGSYSTEM), el('meldingId', meldingId), el('tidspunkt', now), el('antallFiler', antallFiler), mappe],
      { xmlns: EFORMIDLING_NS, 'xmlns:xsi': XSI_NS },
    ),
  );
}

/** The class's title; #13 item 9: a person class (PNR) is the neutral «Personmappe», never a case's title or the number. */
const classTitle = (c: CaseFileRecord): string => (c.classification.ordningsprinsipp === 'PNR' ? PERSON_CLASS_TITLE : c.classification.ordningsverdi);

// Fiks Arkiv v2 ------------------------------------------------------------------------------

const kode = (name: string, code: string, beskrivelse?: string): XNode => el(name, [el('mdk:kode', code), beskrivelse ? el('mdk:beskrivelse', beskrivelse) : null]);
const eksternNoekkel = (name: string, noekkel: string): XNode => el(name, [el('mdk:fagsystem', FAGSYSTEM), el('mdk:noekkel', noekkel)]);

function fiksSkjerming(s: Screening | null): XNode | null {
  if (!s) return null;
  return el('skjerming', [kode('tilgangsrestriksjon', s.tilgangsrestriksjon), el('skjermingshjemmel', s.skjermingshjemmel)]);
}

function buildFiks(input: ArkivmeldingInput, files: BuiltMessage['files'], opts: BuildOptions): string {
  const { caseFile, entry, knownCaseFile } = input;
  const now = localDateTime(opts.now.getTime(), opts.timeZone);
  const knownId = isUuid(knownCaseFile?.archiveSystemId) ? knownCaseFile.archiveSystemId : null;
  const screened = caseFile.screening;

  const mappe = el(
    'mappe',
    [
      knownId ? el('systemID', knownId) : null,
      ...titlesOf(caseFile),
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      caseFile.arkivdel ? kode('arkivdel', caseFile.arkivdel) : null,
      fiksSkjerming(screened),
      el('klassifikasjon', [
        el('klassifikasjonssystemID', caseFile.classification.ordningsprinsipp),
        el('klasseID', caseFile.classification.ordningsverdi),
        el('tittel', classTitle(caseFile)),
        screened && caseFile.classification.ordningsprinsipp === 'PNR' ? el('erSkjermet', 'true') : null,
      ]),
      eksternNoekkel('referanseEksternNoekkel', caseFile.externalKey),
      knownCaseFile && el('saksaar', knownCaseFile.saksaar),
      knownCaseFile && el('sakssekvensnummer', knownCaseFile.sakssekvensnummer),
      el('saksdato', caseFile.saksdato),
      el('administrativEnhet', [el('mdk:identifikator', caseFile.administrativEnhet)]),
      caseFile.saksansvarlig ? el('saksansvarlig', [el('mdk:navn', caseFile.saksansvarlig)]) : null,
      kode('saksstatus', SAKSSTATUS.underBehandling.code, SAKSSTATUS.underBehandling.text),
    ],
    { 'xsi:type': 'saksmappe' },
  );

  const docScreen = entry.screening?.screenDocuments ? entry.screening : null;
  const dokumentbeskrivelser = files.map(({ doc, fileName }) =>
    el('dokumentbeskrivelse', [
      // #13 item 3: the Fiks v2 code list, mapped explicitly (no case-sensitive lookup, no DOKUMENT fallback)
      kode('dokumenttype', dokumenttypeIn('fiks-arkiv-v2', doc.dokumenttype).code, dokumenttypeIn('fiks-arkiv-v2', doc.dokumenttype).text),
      kode('dokumentstatus', DOKUMENTSTATUS.ferdigstilt.code),
      el('tittel', doc.title),
      kode('tilknyttetRegistreringSom', TILKNYTTET_REGISTRERING_SOM[doc.role].code),
      el('dokumentnummer', doc.number),
      fiksSkjerming(docScreen),
      el('dokumentobjekt', [
        el('versjonsnummer', 1),
        kode('variantformat', VARIANTFORMAT.arkivformat.code),
        el('mimeType', doc.contentType),
        el('filnavn', doc.filename),
        el('referanseDokumentfil', fileName),
        el('sjekksum', doc.sha256),
        el('sjekksumAlgoritme', 'SHA256'),
        el('filstoerrelse', doc.size),
      ]),
    ]),
  );

  const closes = entry.closes;
  const screenNames = !!entry.screening?.screenCorrespondent;
  const korrespondanseparter = entry.correspondents.map((c, i) =>
    el('korrespondansepart', [
      kode('korrespondanseparttype', KORRESPONDANSEPARTTYPE[c.role].code),
      el('korrespondansepartNavn', c.name),
      c.organisationNumber ? el('organisasjonid', c.organisationNumber) : c.personNumber ? el('personid', c.personNumber) : null,
      opt('postadresse', c.address?.street),
      opt('postnummer', c.address?.postalCode),
      opt('poststed', c.address?.postalPlace),
      screenNames ? el('erSkjermet', 'true') : null,
      // Fiks Arkiv v2 keeps avskrivning on the korrespondansepart; referanseAvskriverJournalpost
      // (M214) = the entries this one closes
      closes && i === 0
        ? el('avskrivning', [
            el('avskrivningsdato', entry.journaldato),
            el('avskrevetAv', [el('mdk:navn', entry.saksbehandler ?? FAGSYSTEM)]),
            kode('avskrivningsmaate', AVSKRIVNINGSMAATE[closes.avskrivningsmaate].code),
            el('referanseAvskriverJournalpost', [
              isUuid(closes.archiveSystemId) ? el('mdk:systemID', closes.archiveSystemId) : null,
              eksternNoekkel('mdk:referanseEksternNoekkel', closes.externalKey),
            ]),
          ])
        : null,
    ]),
  );

  const registrering = el(
    'registrering',
    [
      el('opprettetDato', now),
      el('opprettetAv', FAGSYSTEM),
      el('referanseForelderMappe', [knownId ? el('mdk:systemID', knownId) : null, eksternNoekkel('mdk:referanseEksternNoekkel', caseFile.externalKey)]),
      fiksSkjerming(entry.screening),
      ...dokumentbeskrivelser,
      ...titlesOf(entry),
      ...korrespondanseparter,
      eksternNoekkel('referanseEksternNoekkel', entry.externalKey),
      kode('journalposttype', JOURNALPOSTTYPE[entry.journalposttype].code),
      // #13 item 7: F (kodelister journalstatus «Ferdigstilt av saksbehandler») until it has left
      kode('journalstatus', registeredStatus(entry.journalposttype).code),
      ...entryDatesOf(entry, files),
    ],
    { 'xsi:type': 'journalpost' },
  );

  return toXml(
    el('arkivmelding', [el('system', FAGSYSTEM), el('antallFiler', files.length), mappe, registrering], {
      xmlns: FIKS_NS,
      'xmlns:mdk': FIKS_MDK_NS,
      'xmlns:xsi': XSI_NS,
    }),
  );
}

