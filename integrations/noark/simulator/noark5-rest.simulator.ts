import { createHash } from 'node:crypto';
import type http from 'node:http';
import { FaultInjector, type FaultConfig } from '../../shared/simulator/faults';
import { findRoute, serveSimLoop, type SimRoute } from '../../shared/simulator/request-loop';
import type { SimResponse } from '../../shared/simulator/sim-response';
import { FAGSYSTEM, KLASSIFIKASJONSTYPE, N5WS_EKSTERNID_FIELD } from '../noark-codes';
import { N5_CONTENT_TYPE, REL } from '../noark5-rest.protocol';
import { ArchiveSimState, type ArchiveSimulator, type SimCaseFile, type SimDocument, type SimEntry } from './archive-sim-state';
import { noark5Persistence } from './noark5-persistence';

/**
 * A Noark 5 tjenestegrensesnitt (N5WS v1.1) archive core on 127.0.0.1, written from
 * specs/noark/n5ws (spec-text kapittel 6/7, xsd/arkivstruktur.xsd, sakarkiv.xsd): HATEOAS root,
 * arkiv/arkivdel with klassifikasjonssystem and klasse, saksmappe, journalpost,
 * korrespondansepart, dokumentbeskrivelse, dokumentobjekt with file upload to referanseFil,
 * avskrivning; OData `$filter=<felt> eq '<verdi>'` on lists (incl. virksomhetsspesifikkeMetadata
 * fields). Every POST is validated against the spec's attribute rules (required on create,
 * types, code lists) and refused with 400 `{feil:{kode,beskrivelse}}`. Lookups are by index,
 * never a scan, so it can back a throughput benchmark.
 */

export type Noark5SimAuth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

export interface Noark5RestSimulatorOptions {
  /** Default 0: any free port. Always 127.0.0.1. */
  port?: number;
  faults?: FaultConfig;
  faultSeed?: number;
  now?: () => number;
  /** What the archive demands; default none. */
  auth?: Noark5SimAuth;
  /** More arkivdeler (titles) besides the seeded ones. */
  arkivdeler?: string[];
  /**
   * Dokumenttype codes this archive adds to the spec's optional B/R/F/O (07 «Dokumenttype»: "støtte for å
   * legge inn flere verdier ved bruk av ny-relasjonslenke"), by code → kodenavn. Default none.
   */
  dokumenttyper?: Record<string, string>;
  /** Fields already in the metadata catalog for virksomhetsspesifikke metadata (06 «Metadatakatalog …»). Default none. */
  virksomhetsspesifikkeMetadata?: { navn: string; type: string; beskrivelse?: string }[];
  /** The demo's: a journal file that keeps the archive across restarts (noark5-persistence.ts). Without it, in memory only. */
  stateFile?: string;
}

export interface Noark5RestSimulator extends ArchiveSimulator {
  /** Fault injection by operation name (see NOARK5_SIM_OPERATIONS), '*' for all. */
  readonly faults: FaultInjector;
  /** Requests received so far (all operations). */
  requests(): number;
  /** Requests per operation name. */
  requestsByOperation(): Record<string, number>;
  /** The N5WS root, `${url}/api`: the one URL a client needs. */
  readonly apiUrl: string;
}

/** Operation names for faults and request counts. */
export const NOARK5_SIM_OPERATIONS = [
  'root',
  'package',
  'system',
  'template',
  'arkivdel.list',
  'arkivdel.get',
  'klassifikasjonssystem.list',
  'klasse.list',
  'klasse.create',
  'saksmappe.list',
  'saksmappe.get',
  'saksmappe.create',
  'journalpost.list',
  'journalpost.get',
  'journalpost.create',
  'korrespondansepart.list',
  'korrespondansepart.create',
  'dokumentbeskrivelse.list',
  'dokumentbeskrivelse.get',
  'dokumentbeskrivelse.create',
  'dokumentobjekt.list',
  'dokumentobjekt.get',
  'dokumentobjekt.create',
  'fil.upload',
  'fil.download',
  'avskrivning.list',
  'avskrivning.create',
  'metadata.list',
  'metadata.create',
  'journalpost.update',
  'merknad.list',
  'merknad.create',
] as const;
export type Noark5SimOperation = (typeof NOARK5_SIM_OPERATIONS)[number];

/** Arkivdeler every simulator has: a demo 'Saksarkiv' and those the shipped profiles name. */
export const NOARK5_SIM_ARKIVDELER = ['Saksarkiv', 'BARNEHAGE', 'HELSE-OMSORG', 'ELEVARKIV', 'PERSONAL'] as const;

// ---------------------------------------------------------------------------------------------
// Code lists (kapittel 7 «Kodelister»), plus the local codes a municipality typically adds.

type CodeList = Record<string, string>;
const CODES: Record<string, CodeList> = {
  journalposttype: { I: 'Inngående dokument', U: 'Utgående dokument', N: 'Organinternt dokument for oppfølging', X: 'Organinternt dokument uten oppfølging', S: 'Saksframlegg' },
  journalstatus: {
    J: 'Journalført',
    F: 'Ferdigstilt fra saksbehandler',
    G: 'Godkjent av leder',
    E: 'Ekspedert',
    A: 'Arkivert',
    U: 'Utgår',
    M: 'Midlertidig registrering av innkommet dokument',
    S: 'Saksbehandler har registrert innkommet dokument',
    R: 'Reservert dokument',
  },
  saksstatus: { B: 'Under behandling', A: 'Avsluttet', U: 'Utgår', R: 'Opprettet av saksbehandler', S: 'Avsluttet av saksbehandler', P: 'Unntatt prosesstyring', F: 'Ferdig fra saksbehandler' },
  dokumentmedium: { F: 'Fysisk medium', E: 'Elektronisk arkiv', B: 'Blandet fysisk og elektronisk arkiv' },
  dokumentstatus: { B: 'Dokumentet er under redigering', F: 'Dokumentet er ferdigstilt' },
  // 07 «Dokumenttype» (M083): B/R/F/O, all «Valgfri»; an archive's own codes come from opts.dokumenttyper (#13 item 4)
  dokumenttype: { B: 'Brev', R: 'Rundskriv', F: 'Faktura', O: 'Ordrebekreftelse' },
  // 07 «Merknadstype» (M084)
  merknadstype: { MS: 'Merknad fra saksbehandler', ML: 'Merknad fra leder', MA: 'Merknad fra arkivansvarlig' },
  tilknyttetRegistreringSom: { H: 'Hoveddokument', V: 'Vedlegg' },
  variantformat: { P: 'Produksjonsformat', A: 'Arkivformat', O: 'Dokument hvor deler av innholdet er skjermet' },
  korrespondanseparttype: {
    EA: 'Avsender',
    EM: 'Mottaker',
    EK: 'Kopimottaker',
    GM: 'Gruppemottaker',
    IA: 'Intern avsender',
    IM: 'Intern mottaker',
    IK: 'Intern kopimottaker',
    IS: 'Medavsender',
  },
  avskrivningsmaate: { BU: 'Besvart med brev', BE: 'Besvart med e-post', TLF: 'Besvart på telefon', TE: 'Tatt til etterretning', TO: 'Tatt til orientering', BN: 'Besvart med notat', SA: 'Saken ble avsluttet' },
  // the spec's list, plus 13 (taushetsplikt) which municipalities add with ny-tilgangsrestriksjon
  tilgangsrestriksjon: {
    B: 'Begrenset etter sikkerhetsinstruksen',
    K: 'Konfidensielt etter sikkerhetsinstruksen',
    H: 'Hemmelig etter sikkerhetsinstruksen',
    F: 'Fortrolig etter beskyttelsesinstruksen',
    SF: 'Strengt fortrolig etter beskyttelsesinstruksen',
    '5': 'Unntatt etter offentlighetsloven § 5',
    '5a': 'Unntatt etter offentlighetsloven § 5a',
    '6': 'Unntatt etter offentlighetsloven § 6',
    '11': 'Unntatt etter offentlighetsloven § 11',
    '13': 'Taushetsplikt, offentlighetsloven § 13',
    XX: 'Midlertidig sperret',
    P: 'Personalsaker',
    KL: 'Klientsaker',
  },
  skjermingMetadata: {
    KID: 'Skjerming klasseID',
    TKL: 'Skjerming tittel klasse',
    TM1: 'Skjerming tittel mappe - unntatt første linje',
    TMO: 'Skjerming tittel mappe - utvalgte ord',
    NPS: 'Skjerming navn part i sak',
    TR1: 'Skjerming tittel registrering - unntatt første linje',
    TRO: 'Skjerming tittel registrering - utvalgte ord',
    NA: 'Skjerming navn avsender',
    NM: 'Skjerming navn mottaker',
    TD: 'Skjerming tittel dokumentbeskrivelse',
    MT: 'Skjerming merknadstekst',
    M: 'Midlertidig skjerming',
  },
  skjermingDokument: { H: 'Skjerming av hele dokumentet', D: 'Skjerming av deler av dokumentet' },
  klassifikasjonstype: KLASSIFIKASJONSTYPE,
};

// ---------------------------------------------------------------------------------------------
// Attribute rules: "[1..1]" = required on create (the first occurrence applies to calls into the
// interface, kapittel 7 «Om UML og notasjon»); fields the core sets itself are refused on POST.

type FieldType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'systemID'
  | 'vsm'
  | 'fnr'
  | 'orgnr'
  | 'anyCode'
  | { code: keyof typeof CODES }
  | { obj: Schema }
  | { list: FieldType; min?: number };
interface Field {
  t: FieldType;
  req?: boolean;
}
interface Schema {
  name: string;
  fields: Record<string, Field>;
  serverSet?: string[];
}

const ARKIVENHET_SERVER = ['systemID', 'opprettetDato', 'opprettetAv', 'referanseOpprettetAv', 'oppdatertDato', 'oppdatertAv', 'referanseOppdatertAv'];

const SKJERMING: Schema = {
  name: 'skjerming',
  fields: {
    tilgangsrestriksjon: { t: { code: 'tilgangsrestriksjon' }, req: true },
    skjermingshjemmel: { t: 'string', req: true },
    skjermingMetadata: { t: { list: { code: 'skjermingMetadata' }, min: 1 }, req: true },
    skjermingsvarighet: { t: 'integer' },
    skjermingOpphoererDato: { t: 'date' },
  },
};
const DOKUMENTSKJERMING: Schema = {
  name: 'skjerming',
  fields: {
    tilgangsrestriksjon: { t: { code: 'tilgangsrestriksjon' }, req: true },
    skjermingshjemmel: { t: 'string', req: true },
    skjermingDokument: { t: { code: 'skjermingDokument' } },
    skjermingsvarighet: { t: 'integer' },
    skjermingOpphoererDato: { t: 'date' },
  },
};
const ENKEL_ADRESSE: Schema = {
  name: 'adresse',
  fields: {
    adresselinje1: { t: 'string' },
    adresselinje2: { t: 'string' },
    adresselinje3: { t: 'string' },
    postnr: { t: 'string' },
    poststed: { t: 'string', req: true },
    landkode: { t: 'anyCode' },
  },
};
const KONTAKTINFORMASJON: Schema = { name: 'kontaktinformasjon', fields: { epostadresse: { t: 'string' }, mobiltelefon: { t: 'string' }, telefon: { t: 'string' } } };
const PERSONIDENTIFIKATOR: Schema = { name: 'personidentifikator', fields: { foedselsnummer: { t: 'fnr' }, dNummer: { t: 'fnr' } } };
const ENHETSIDENTIFIKATOR: Schema = { name: 'enhetsidentifikator', fields: { organisasjonsnummer: { t: 'orgnr', req: true } } };

const MAPPE_FIELDS: Record<string, Field> = {
  tittel: { t: 'string', req: true },
  offentligTittel: { t: 'string' },
  beskrivelse: { t: 'string' },
  noekkelord: { t: { list: 'string' } },
  dokumentmedium: { t: { code: 'dokumentmedium' } },
  oppbevaringssted: { t: { list: 'string' } },
  skjerming: { t: { obj: SKJERMING } },
  skjermetTittel: { t: 'boolean' },
  virksomhetsspesifikkeMetadata: { t: 'vsm' },
};
const SAKSMAPPE: Schema = {
  name: 'saksmappe',
  fields: {
    ...MAPPE_FIELDS,
    saksdato: { t: 'date' },
    administrativEnhet: { t: 'string' },
    referanseAdministrativEnhet: { t: 'systemID' },
    saksansvarlig: { t: 'string' },
    referanseSaksansvarlig: { t: 'systemID' },
    journalenhet: { t: 'string' },
    saksstatus: { t: { code: 'saksstatus' } },
  },
  serverSet: [...ARKIVENHET_SERVER, 'mappeID', 'saksaar', 'sakssekvensnummer', 'avsluttetDato', 'avsluttetAv'],
};
const JOURNALPOST: Schema = {
  name: 'journalpost',
  fields: {
    tittel: { t: 'string', req: true },
    offentligTittel: { t: 'string' },
    beskrivelse: { t: 'string' },
    noekkelord: { t: { list: 'string' } },
    forfatter: { t: { list: 'string' } },
    dokumentmedium: { t: { code: 'dokumentmedium' } },
    oppbevaringssted: { t: { list: 'string' } },
    skjerming: { t: { obj: SKJERMING } },
    skjermetTittel: { t: 'boolean' },
    virksomhetsspesifikkeMetadata: { t: 'vsm' },
    // required here: an archive core cannot guess whether a letter came in or went out (5.5.8)
    journalposttype: { t: { code: 'journalposttype' }, req: true },
    journalstatus: { t: { code: 'journalstatus' } },
    journaldato: { t: 'datetime' },
    dokumentetsDato: { t: 'datetime' },
    mottattDato: { t: 'datetime' },
    sendtDato: { t: 'datetime' },
    forfallsdato: { t: 'datetime' },
    offentlighetsvurdertDato: { t: 'datetime' },
    antallVedlegg: { t: 'integer' },
    journalenhet: { t: 'string' },
  },
  serverSet: [...ARKIVENHET_SERVER, 'journalaar', 'journalsekvensnummer', 'journalpostnummer', 'registreringsID', 'arkivertDato', 'arkivertAv'],
};
const KORRESPONDANSEPART_BASE: Record<string, Field> = {
  korrespondanseparttype: { t: { code: 'korrespondanseparttype' } },
  skjermetKorrespondansepart: { t: 'boolean' },
  virksomhetsspesifikkeMetadata: { t: 'vsm' },
  navn: { t: 'string', req: true },
  postadresse: { t: { obj: ENKEL_ADRESSE } },
  kontaktinformasjon: { t: { obj: KONTAKTINFORMASJON } },
};
const KORRESPONDANSEPARTPERSON: Schema = {
  name: 'korrespondansepartperson',
  fields: { ...KORRESPONDANSEPART_BASE, bostedsadresse: { t: { obj: ENKEL_ADRESSE } }, personidentifikator: { t: { list: { obj: PERSONIDENTIFIKATOR } } } },
  serverSet: ['systemID'],
};
const KORRESPONDANSEPARTENHET: Schema = {
  name: 'korrespondansepartenhet',
  fields: { ...KORRESPONDANSEPART_BASE, enhetsidentifikator: { t: { obj: ENHETSIDENTIFIKATOR } }, forretningsadresse: { t: { obj: ENKEL_ADRESSE } }, kontaktperson: { t: 'string' } },
  serverSet: ['systemID'],
};
const DOKUMENTBESKRIVELSE: Schema = {
  name: 'dokumentbeskrivelse',
  fields: {
    tittel: { t: 'string', req: true },
    // checked against this archive's own list (spec codes + opts.dokumenttyper) in createDok
    dokumenttype: { t: 'anyCode' },
    dokumentstatus: { t: { code: 'dokumentstatus' } },
    beskrivelse: { t: 'string' },
    forfatter: { t: { list: 'string' } },
    dokumentmedium: { t: { code: 'dokumentmedium' } },
    oppbevaringssted: { t: 'string' },
    tilknyttetRegistreringSom: { t: { code: 'tilknyttetRegistreringSom' } },
    dokumentnummer: { t: 'integer' },
    tilknyttetDato: { t: 'date' },
    skjerming: { t: { obj: DOKUMENTSKJERMING } },
    eksternReferanse: { t: 'string' },
    virksomhetsspesifikkeMetadata: { t: 'vsm' },
  },
  serverSet: [...ARKIVENHET_SERVER, 'tilknyttetAv', 'referanseTilknyttetAv'],
};
const DOKUMENTOBJEKT: Schema = {
  name: 'dokumentobjekt',
  fields: {
    versjonsnummer: { t: 'integer' },
    variantformat: { t: { code: 'variantformat' } },
    format: { t: 'anyCode' },
    formatDetaljer: { t: 'string' },
    filnavn: { t: 'string' },
    sjekksum: { t: 'string' },
    mimeType: { t: 'string' },
    sjekksumAlgoritme: { t: 'string' },
    filstoerrelse: { t: 'integer' },
  },
  serverSet: [...ARKIVENHET_SERVER, 'referanseDokumentfil'],
};
const AVSKRIVNING: Schema = {
  name: 'avskrivning',
  fields: {
    avskrivningsdato: { t: 'date' },
    // required here: nothing to derive it from (an avskrivning without a way is meaningless)
    avskrivningsmaate: { t: { code: 'avskrivningsmaate' }, req: true },
    referanseAvskrivesAvJournalpost: { t: 'systemID' },
    referanseAvskrivesAvKorrespondansepart: { t: 'systemID' },
  },
  serverSet: ['systemID', 'avskrevetAv', 'referanseAvskrevetAv'],
};
// 07 «Merknad»: merknadstekst [1..1] (M310), merknadstype [0..1] (M084); dato and registrertAv are the core's
const MERKNAD: Schema = {
  name: 'merknad',
  fields: { merknadstekst: { t: 'string', req: true }, merknadstype: { t: { code: 'merknadstype' } } },
  serverSet: ['systemID', 'merknadsdato', 'merknadRegistrertAv', 'referanseMerknadRegistrertAv'],
};
// 07 «VirksomhetsspesifikkeMetadata»: navn [1..1] on the form <type>-<versjon>:<feltnavn>, type [1..1] from the type table
const VSM_FIELD: Schema = {
  name: 'virksomhetsspesifikkeMetadata',
  fields: { navn: { t: 'string', req: true }, type: { t: 'string', req: true }, beskrivelse: { t: 'string' }, kilde: { t: 'string' }, utdatert: { t: 'datetime' } },
  serverSet: ['systemID'],
};
const VSM_TYPES = ['boolean', 'date', 'datetime', 'integer', 'decimal', 'string', 'uri'];

const KLASSE: Schema = {
  name: 'klasse',
  fields: { klasseID: { t: 'string', req: true }, tittel: { t: 'string', req: true }, beskrivelse: { t: 'string' }, noekkelord: { t: { list: 'string' } }, skjerming: { t: { obj: SKJERMING } } },
  serverSet: [...ARKIVENHET_SERVER],
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VSM_NAME = /^(?:vnd-)?[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+$/;
const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Values are quoted only when short and not personal-looking (codes); never names or numbers of persons. */
const shown = (v: unknown): string => (typeof v === 'string' && v.length <= 12 && !/\d{6,}/.test(v) ? `'${v}'` : '(verdien)');

function checkType(t: FieldType, v: unknown, path: string): string | null {
  if (typeof t === 'object') {
    if ('code' in t) {
      const list = CODES[t.code] ?? {};
      if (!isObj(v) || typeof v.kode !== 'string') return `${path} må være et kodeobjekt {kode, kodenavn}`;
      const name = list[v.kode];
      if (name === undefined) return `${path}: koden ${shown(v.kode)} finnes ikke i kodelisten ${t.code}`;
      if (v.kodenavn !== undefined && v.kodenavn !== null && v.kodenavn !== name) return `${path}: kodenavn stemmer ikke med koden ${shown(v.kode)} i kodelisten ${t.code}`;
      return null;
    }
    if ('obj' in t) return validate(t.obj, v, path);
    if (!Array.isArray(v)) return `${path} må være en liste`;
    if (t.min && v.length < t.min) return `${path} må ha minst ${t.min} verdi`;
    for (let i = 0; i < v.length; i++) {
      const e = checkType(t.list, v[i], `${path}[${i}]`);
      if (e) return e;
    }
    return null;
  }
  switch (t) {
    case 'string':
      return typeof v === 'string' ? null : `${path} må være en tekst`;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? null : `${path} må være et heltall (JSON Number)`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `${path} må være true eller false`;
    case 'date': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      if (!m) return `${path} må være en dato (ÅÅÅÅ-MM-DD)`;
      const d = new Date(`${v as string}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) ? `${path} er ikke en gyldig dato` : null;
    }
    case 'datetime':
      return typeof v === 'string' && DATETIME.test(v) && !Number.isNaN(Date.parse(v)) ? null : `${path} må være dato eller dato og klokkeslett (ISO 8601)`;
    case 'systemID':
      return typeof v === 'string' && UUID.test(v) ? null : `${path} må være en systemID (UUID)`;
    case 'fnr':
      return typeof v === 'string' && /^\d{11}$/.test(v) ? null : `${path} må ha 11 siffer`;
    case 'orgnr':
      return typeof v === 'string' && /^\d{9}$/.test(v) ? null : `${path} må ha 9 siffer`;
    case 'anyCode':
      return isObj(v) && typeof v.kode === 'string' && v.kode !== '' ? null : `${path} må være et kodeobjekt {kode, kodenavn}`;
    case 'vsm': {
      if (!isObj(v)) return `${path} må være et JSON-objekt`;
      for (const [k, val] of Object.entries(v)) {
        if (!VSM_NAME.test(k)) return `${path}: feltnavnet ${shown(k)} følger ikke formatet <type>-<versjon>:<feltnavn>`;
        if (val !== null && typeof val === 'object') return `${path}.${k} må være en enkel verdi`;
      }
      return null;
    }
  }
}

/** The first rule the object breaks, as the archive's message; null when valid. */
function validate(schema: Schema, v: unknown, path = schema.name): string | null {
  if (!isObj(v)) return `${path} må være et JSON-objekt`;
  for (const [k, val] of Object.entries(v)) {
    if (k === '_links' || val === null) continue;
    if (schema.serverSet?.includes(k)) return `${path}.${k} settes av arkivkjernen og kan ikke sendes inn`;
    const f = schema.fields[k];
    if (!f) return `${path}: ukjent felt '${k}'`;
    const e = checkType(f.t, val, `${path}.${k}`);
    if (e) return e;
  }
  for (const [k, f] of Object.entries(schema.fields)) if (f.req && blank(v[k])) return `${path}.${k} er påkrevd`;
  return null;
}

// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

const n5 = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'Content-Type': `${N5_CONTENT_TYPE}; charset=utf-8`, ...headers },
  body: JSON.stringify(value),
});
const feil = (status: number, beskrivelse: string): SimResponse => n5(status, { feil: { kode: status, beskrivelse } });

interface Arkivdel {
  systemID: string;
  tittel: string;
  systems: KlassSys[];
}
interface KlassSys {
  systemID: string;
  type: string;
  tittel: string;
  arkivdel: Arkivdel;
  byKlasseId: Map<string, Klasse>;
}
interface Klasse {
  systemID: string;
  klasseID: string;
  system: KlassSys;
  obj: Obj;
}
interface DokBeskr {
  doc: SimDocument;
  entryId: string;
  obj: Obj;
  objekter: DokObj[];
}
interface DokObj {
  systemID: string;
  dok: DokBeskr;
  obj: Obj;
  uploaded: boolean;
}

const ODATA_EQ = /^\s*([A-Za-z0-9:._/-]+)\s+eq\s+'((?:[^']|'')*)'\s*$/;

export async function startNoark5RestSimulator(opts: Noark5RestSimulatorOptions = {}): Promise<Noark5RestSimulator> {
  // the demo's archive keeps what it holds across restarts (#13 item 14); the tests' lives in memory
  const persist = noark5Persistence(opts.stateFile, opts.now ?? Date.now);
  const now = persist.now;
  const randomUUID = persist.newId;
  const state = new ArchiveSimState(now, randomUUID);
  const faults = new FaultInjector(opts.faults ?? {}, opts.faultSeed ?? 1);
  const auth = opts.auth ?? { kind: 'none' };
  let origin = '';
  let total = 0;
  const perOp: Record<string, number> = {};

  const arkivdeler = new Map<string, Arkivdel>();
  const arkivdelByTitle = new Map<string, Arkivdel>();
  const systems = new Map<string, KlassSys>();
  const klasser = new Map<string, Klasse>();
  const cases = new Map<string, Obj>();
  const entries = new Map<string, Obj>();
  const parts = new Map<string, Obj[]>();
  const docsOfEntry = new Map<string, DokBeskr[]>();
  const docs = new Map<string, DokBeskr>();
  const objekter = new Map<string, DokObj>();
  const avskrivninger = new Map<string, Obj[]>();
  const merknader = new Map<string, Obj[]>();
  // #13 item 4: the metadata catalog for virksomhetsspesifikke metadata, and this archive's dokumenttype list
  const vsmCatalog = new Map<string, Obj>();
  const dokumenttyper: Record<string, string> = { ...CODES.dokumenttype, ...(opts.dokumenttyper ?? {}) };
  const arkivSystemID = randomUUID();
  for (const f of opts.virksomhetsspesifikkeMetadata ?? []) vsmCatalog.set(f.navn, { systemID: randomUUID(), ...f });

  const iso = (): string => new Date(now()).toISOString();
  const today = (): string => iso().slice(0, 10);
  const href = (path: string): string => `${origin}/api/${path}`;
  const listLink = (path: string): { href: string; templated: true } => ({ href: `${href(path)}{?$filter&$orderby&$top&$skip&$search}`, templated: true });
  const createdBy = (): string => (auth.kind === 'basic' ? auth.username : 'Postmottak integrasjon');

  function addKlasse(sys: KlassSys, klasseID: string, tittel: string, extra: Obj = {}): Klasse {
    const systemID = randomUUID();
    const k: Klasse = { systemID, klasseID, system: sys, obj: { ...extra, systemID, klasseID, tittel, opprettetDato: iso(), opprettetAv: createdBy() } };
    klasser.set(systemID, k);
    sys.byKlasseId.set(klasseID, k);
    return k;
  }

  for (const tittel of [...NOARK5_SIM_ARKIVDELER, ...(opts.arkivdeler ?? [])]) {
    if (arkivdelByTitle.has(tittel)) continue;
    const a: Arkivdel = { systemID: randomUUID(), tittel, systems: [] };
    const order = tittel === 'HELSE-OMSORG' ? ['PNR', 'KK'] : ['KK', 'PNR'];
    for (const type of order) {
      const sys: KlassSys = { systemID: randomUUID(), type, tittel: `${CODES.klassifikasjonstype?.[type] ?? type} – ${tittel}`, arkivdel: a, byKlasseId: new Map() };
      a.systems.push(sys);
      systems.set(sys.systemID, sys);
      if (type === 'KK') {
        addKlasse(sys, 'A10', 'Barnehager');
        addKlasse(sys, 'A20', 'Grunnskole');
      }
    }
    arkivdeler.set(a.systemID, a);
    arkivdelByTitle.set(tittel, a);
  }
  persist.seeded();

  // ---- JSON views ----------------------------------------------------------------------------

  const arkivdelJson = (a: Arkivdel): Obj => ({
    systemID: a.systemID,
    tittel: a.tittel,
    arkivdelstatus: { kode: 'A', kodenavn: 'Aktiv periode' },
    dokumentmedium: { kode: 'E', kodenavn: 'Elektronisk arkiv' },
    _links: {
      self: { href: href(`arkivstruktur/arkivdel/${a.systemID}/`) },
      [REL.arkivdel]: { href: href(`arkivstruktur/arkivdel/${a.systemID}/`) },
      [REL.klassifikasjonssystem]: { href: href(`arkivstruktur/arkivdel/${a.systemID}/klassifikasjonssystem/`) },
      [REL.mappe]: listLink(`arkivstruktur/arkivdel/${a.systemID}/mappe/`),
      [REL.nySaksmappe]: { href: href(`arkivstruktur/arkivdel/${a.systemID}/ny-saksmappe/`) },
    },
  });
  const systemJson = (s: KlassSys): Obj => ({
    systemID: s.systemID,
    tittel: s.tittel,
    klassifikasjonstype: { kode: s.type, kodenavn: CODES.klassifikasjonstype?.[s.type] },
    _links: {
      self: { href: href(`arkivstruktur/klassifikasjonssystem/${s.systemID}/`) },
      [REL.klassifikasjonssystem]: { href: href(`arkivstruktur/klassifikasjonssystem/${s.systemID}/`) },
      [REL.klasse]: listLink(`arkivstruktur/klassifikasjonssystem/${s.systemID}/klasse/`),
      [REL.nyKlasse]: { href: href(`arkivstruktur/klassifikasjonssystem/${s.systemID}/ny-klasse/`) },
      [REL.arkivdel]: { href: href(`arkivstruktur/arkivdel/${s.arkivdel.systemID}/`) },
    },
  });
  const klasseJson = (k: Klasse): Obj => ({
    ...k.obj,
    _links: {
      self: { href: href(`arkivstruktur/klasse/${k.systemID}/`) },
      [REL.klasse]: { href: href(`arkivstruktur/klasse/${k.systemID}/`) },
      [REL.klassifikasjonssystem]: { href: href(`arkivstruktur/klassifikasjonssystem/${k.system.systemID}/`) },
      [REL.nySaksmappe]: { href: href(`arkivstruktur/klasse/${k.systemID}/ny-saksmappe/`) },
    },
  });
  const saksmappeJson = (id: string): Obj => {
    const self = href(`sakarkiv/saksmappe/${id}/`);
    return {
      ...cases.get(id),
      _links: {
        self: { href: self },
        [REL.saksmappe]: { href: self },
        [REL.journalpost]: listLink(`sakarkiv/saksmappe/${id}/journalpost/`),
        [REL.nyJournalpost]: { href: href(`sakarkiv/saksmappe/${id}/ny-journalpost/`) },
      },
    };
  };
  const journalpostJson = (id: string): Obj => {
    const jp = entries.get(id) ?? {};
    const self = href(`sakarkiv/journalpost/${id}/`);
    return {
      ...jp,
      _links: {
        self: { href: self },
        [REL.journalpost]: { href: self },
        [REL.saksmappe]: { href: href(`sakarkiv/saksmappe/${String(jp.__case)}/`) },
        [REL.korrespondansepart]: listLink(`sakarkiv/journalpost/${id}/korrespondansepart/`),
        [REL.nyKorrespondansepartperson]: { href: href(`sakarkiv/journalpost/${id}/ny-korrespondansepartperson/`) },
        [REL.nyKorrespondansepartenhet]: { href: href(`sakarkiv/journalpost/${id}/ny-korrespondansepartenhet/`) },
        [REL.dokumentbeskrivelse]: listLink(`sakarkiv/journalpost/${id}/dokumentbeskrivelse/`),
        [REL.nyDokumentbeskrivelse]: { href: href(`sakarkiv/journalpost/${id}/ny-dokumentbeskrivelse/`) },
        [REL.avskrivning]: listLink(`sakarkiv/journalpost/${id}/avskrivning/`),
        [REL.nyAvskrivning]: { href: href(`sakarkiv/journalpost/${id}/ny-avskrivning/`) },
        [REL.merknad]: listLink(`sakarkiv/journalpost/${id}/merknad/`),
        [REL.nyMerknad]: { href: href(`sakarkiv/journalpost/${id}/ny-merknad/`) },
      },
    };
  };
  const stripInternal = (o: Obj): Obj => {
    const out: Obj = {};
    for (const [k, v] of Object.entries(o)) if (!k.startsWith('__')) out[k] = v;
    return out;
  };
  const partJson = (p: Obj): Obj => {
    const kind = String(p.__kind);
    const self = href(`arkivstruktur/korrespondanseparter/${String(p.systemID)}/`);
    return { ...stripInternal(p), _links: { self: { href: self }, [kind === 'enhet' ? REL.korrespondansepartenhet : REL.korrespondansepartperson]: { href: self } } };
  };
  const dokJson = (d: DokBeskr): Obj => {
    const id = d.doc.systemId;
    const self = href(`arkivstruktur/dokumentbeskrivelse/${id}/`);
    return {
      ...d.obj,
      _links: {
        self: { href: self },
        [REL.dokumentbeskrivelse]: { href: self },
        [REL.dokumentobjekt]: listLink(`arkivstruktur/dokumentbeskrivelse/${id}/dokumentobjekt/`),
        [REL.nyDokumentobjekt]: { href: href(`arkivstruktur/dokumentbeskrivelse/${id}/ny-dokumentobjekt/`) },
      },
    };
  };
  const objJson = (o: DokObj): Obj => {
    const self = href(`arkivstruktur/dokumentobjekt/${o.systemID}/`);
    return {
      ...o.obj,
      _links: {
        self: { href: self },
        [REL.dokumentobjekt]: { href: self },
        [REL.fil]: { href: href(`arkivstruktur/dokumentobjekt/${o.systemID}/referanseFil`) },
        [REL.dokumentbeskrivelse]: { href: href(`arkivstruktur/dokumentbeskrivelse/${o.dok.doc.systemId}/`) },
      },
    };
  };
  const avskrivningJson = (a: Obj): Obj => {
    const self = href(`sakarkiv/avskrivning/${String(a.systemID)}/`);
    return { ...a, _links: { self: { href: self }, [REL.avskrivning]: { href: self } } };
  };

  function list(selfHref: string, items: Obj[], url: URL): SimResponse {
    const top = Number(url.searchParams.get('$top') ?? 100);
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    if (!Number.isInteger(top) || top < 0 || !Number.isInteger(skip) || skip < 0) return feil(400, '$top og $skip må være ikke-negative heltall');
    const page = items.slice(skip, skip + top);
    const body: Obj = { count: items.length, _links: { self: { href: selfHref } } };
    if (page.length > 0) body.results = page;
    if (skip + top < items.length) (body._links as Obj).next = { href: `${selfHref.split('?')[0]}?$top=${top}&$skip=${skip + top}` };
    return n5(200, body);
  }

  /** `$filter=<felt> eq '<verdi>'` → [felt, verdi]; null when there is none; a string when unsupported. */
  function filterOf(url: URL, allowed: string[]): [string, string] | null | string {
    const raw = url.searchParams.get('$filter');
    if (raw === null) return null;
    const m = ODATA_EQ.exec(raw);
    if (!m) return 'Ugyldig eller ikke støttet $filter: bare <felt> eq \'<verdi>\' støttes';
    const field = m[1] ?? '';
    if (!allowed.includes(field)) return `$filter på feltet ${field} støttes ikke her`;
    // «fullt feltnavn inkludert prefiks» of a field the catalog knows (06 «Søk i virksomhetsspesifikke metadata»)
    if (field.includes(':') && !vsmCatalog.has(field)) return `$filter: feltet ${field} er ikke registrert i metadatakatalogen`;
    return [field, (m[2] ?? '').replace(/''/g, "'")];
  }

  // ---- handlers ------------------------------------------------------------------------------

  const reject = (op: string, message: string): SimResponse => {
    state.reject(op, message);
    return feil(400, message);
  };
  const parseBody = (body: Buffer, op: string, req: http.IncomingMessage): { o: Obj } | { res: SimResponse } => {
    const ct = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (ct !== N5_CONTENT_TYPE && ct !== 'application/json') return { res: feil(415, `Content-Type må være ${N5_CONTENT_TYPE}`) };
    try {
      const v: unknown = JSON.parse(body.toString('utf8'));
      return isObj(v) ? { o: v } : { res: reject(op, 'Innholdet må være et JSON-objekt') };
    } catch {
      return { res: reject(op, 'Innholdet er ikke gyldig JSON') };
    }
  };
  const code = (v: unknown): string | null => (isObj(v) && typeof v.kode === 'string' ? v.kode : null);
  const withName = (list: keyof typeof CODES, v: unknown): unknown => {
    const k = code(v);
    return k === null ? v : { kode: k, kodenavn: CODES[list]?.[k] };
  };
  const eksternOf = (o: Obj): string | null => {
    const v = (o.virksomhetsspesifikkeMetadata as Obj | undefined)?.[N5WS_EKSTERNID_FIELD];
    return typeof v === 'string' ? v : null;
  };
  const created = (selfHref: string, body: Obj): SimResponse => n5(201, body, { Location: selfHref });

  /**
   * 06 «Virksomhetsspesifikke metadata»: "Nøkkelen er feltnavn registrert i metadatakatalogen"; and 07
   * «VirksomhetsspesifikkeMetadata» utdatert: "POST til for eksempel ny-entitet [skal] avvise forsøk på å sette feltet".
   */
  const unregisteredVsm = (path: string, o: Obj): string | null => {
    const v = o.virksomhetsspesifikkeMetadata;
    if (!isObj(v)) return null;
    for (const k of Object.keys(v)) {
      const f = vsmCatalog.get(k);
      if (!f) return `${path}.virksomhetsspesifikkeMetadata: feltet '${k}' er ikke registrert i metadatakatalogen`;
      if (typeof f.utdatert === 'string' && Date.parse(f.utdatert) <= now()) return `${path}.virksomhetsspesifikkeMetadata: feltet '${k}' er utdatert`;
    }
    return null;
  };
  const validateHere = (schema: Schema, o: Obj): string | null => validate(schema, o) ?? unregisteredVsm(schema.name, o);

  function createVsm(body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'metadata.create';
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validate(VSM_FIELD, o);
    if (err) return reject(op, err);
    const navn = String(o.navn);
    if (!VSM_NAME.test(navn)) return reject(op, `virksomhetsspesifikkeMetadata.navn '${navn}' følger ikke formatet <type>-<versjon>:<feltnavn> eller vnd-<leverandør>-<versjon>:<feltnavn>`);
    if (!VSM_TYPES.includes(String(o.type))) return reject(op, `virksomhetsspesifikkeMetadata.type må være en av ${VSM_TYPES.join(', ')}`);
    // "Navnet skal kun forekomme en gang i metadatalisten"
    if (vsmCatalog.has(navn)) return reject(op, `virksomhetsspesifikkeMetadata.navn '${navn}' finnes allerede i metadatakatalogen`);
    const f: Obj = { ...o, systemID: randomUUID() };
    vsmCatalog.set(navn, f);
    return created(href(`metadata/virksomhetsspesifikkeMetadata/${String(f.systemID)}/`), vsmJson(f));
  }
  const vsmJson = (f: Obj): Obj => {
    const self = href(`metadata/virksomhetsspesifikkeMetadata/${String(f.systemID)}/`);
    return { ...f, _links: { self: { href: self }, [REL.virksomhetsspesifikkeMetadata]: { href: self } } };
  };
  const codeList = (list: Record<string, string>): Obj[] => Object.entries(list).map(([kode, kodenavn]) => ({ kode, kodenavn }));

  /** 06 «Endring av instanser med PATCH»: JSON Merge Patch (RFC 7396) with Content-Type application/merge-patch+json. */
  function patchJournalpost(id: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'journalpost.update';
    const jp = entries.get(id);
    if (!jp) return feil(404, `Not Found: sakarkiv/journalpost/${id}/`);
    const ct = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (ct !== 'application/merge-patch+json') return feil(415, 'Content-Type må være application/merge-patch+json');
    let o: unknown;
    try {
      o = JSON.parse(body.toString('utf8'));
    } catch {
      return reject(op, 'Innholdet er ikke gyldig JSON');
    }
    if (!isObj(o)) return reject(op, 'Innholdet må være et JSON-objekt');
    for (const [k, v] of Object.entries(o)) {
      if (k === '_links') continue;
      if (JOURNALPOST.serverSet?.includes(k)) return reject(op, `journalpost.${k} settes av arkivkjernen og kan ikke endres`);
      const f = JOURNALPOST.fields[k];
      if (!f) return reject(op, `journalpost: ukjent felt '${k}'`);
      if (v === null && f.req) return reject(op, `journalpost.${k} er påkrevd og kan ikke fjernes`);
      const e = v === null ? null : checkType(f.t, v, `journalpost.${k}`);
      if (e) return reject(op, e);
    }
    const vsm = unregisteredVsm('journalpost', o);
    if (vsm) return reject(op, vsm);
    // M105 sendtDato: "Skal ikke kunne endres ved automatisk registrering" (07 Journalpost, restriksjoner)
    if (typeof jp.sendtDato === 'string' && 'sendtDato' in o && o.sendtDato !== jp.sendtDato) return reject(op, 'journalpost.sendtDato er satt og kan ikke endres (M105)');
    const next: Obj = { ...jp };
    for (const [k, v] of Object.entries(o)) {
      if (k === '_links') continue;
      if (v === null) delete next[k];
      else next[k] = k === 'journalstatus' || k === 'journalposttype' ? withName(k, v) : v;
    }
    const sentErr = ekspedertWithoutDate(next);
    if (sentErr) return reject(op, sentErr);
    entries.set(id, next);
    state.recordUpdate(id, o);
    return n5(200, publicJournalpost(id));
  }
  /** M105 sendtDato is the date the entry was "sendt/ekspedert": an ekspedert (E) U carries it. */
  const ekspedertWithoutDate = (jp: Obj): string | null =>
    code(jp.journalposttype) === 'U' && code(jp.journalstatus) === 'E' && blank(jp.sendtDato) ? 'journalpost: en ekspedert utgående journalpost (journalstatus E) må ha sendtDato (M105)' : null;

  function createMerknad(entryId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'merknad.create';
    if (!entries.has(entryId)) return feil(404, `Not Found: sakarkiv/journalpost/${entryId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validate(MERKNAD, o);
    if (err) return reject(op, err);
    const m: Obj = { ...o, merknadstype: o.merknadstype ? withName('merknadstype', o.merknadstype) : undefined, systemID: randomUUID(), merknadsdato: iso(), merknadRegistrertAv: createdBy() };
    merknader.set(entryId, [...(merknader.get(entryId) ?? []), m]);
    state.recordUpdate(entryId, { merknad: o });
    return created(href(`arkivstruktur/merknad/${String(m.systemID)}/`), { ...m, _links: { self: { href: href(`arkivstruktur/merknad/${String(m.systemID)}/`) } } });
  }

  function createSaksmappe(arkivdel: Arkivdel, klasse: Klasse | null, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'saksmappe.create';
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validateHere(SAKSMAPPE, o);
    if (err) return reject(op, err);
    const skj = o.skjerming as Obj | undefined;
    const ekstern = eksternOf(o);
    const c = state.addCaseFile({
      externalKey: ekstern,
      fagsystem: ekstern ? FAGSYSTEM : null,
      title: String(o.tittel),
      titlePublic: typeof o.offentligTittel === 'string' ? o.offentligTittel : null,
      arkivdel: arkivdel.tittel,
      classification: klasse ? [{ ordningsprinsipp: klasse.system.type, ordningsverdi: klasse.klasseID }] : [],
      administrativEnhet: typeof o.administrativEnhet === 'string' ? o.administrativEnhet : null,
      saksansvarlig: typeof o.saksansvarlig === 'string' ? o.saksansvarlig : null,
      tilgangsrestriksjon: skj ? code(skj.tilgangsrestriksjon) : null,
      skjermingshjemmel: skj && typeof skj.skjermingshjemmel === 'string' ? skj.skjermingshjemmel : null,
      raw: o,
    });
    const full: Obj = {
      ...o,
      systemID: c.systemId,
      mappeID: `${c.saksaar}/${c.sakssekvensnummer}`,
      saksaar: c.saksaar,
      sakssekvensnummer: c.sakssekvensnummer,
      saksdato: o.saksdato ?? today(),
      saksansvarlig: o.saksansvarlig ?? createdBy(),
      administrativEnhet: o.administrativEnhet ?? 'ARKIV',
      saksstatus: withName('saksstatus', o.saksstatus ?? { kode: 'B' }),
      dokumentmedium: withName('dokumentmedium', o.dokumentmedium ?? { kode: 'E' }),
      opprettetDato: iso(),
      opprettetAv: createdBy(),
      referanseArkivdel: arkivdel.systemID,
    };
    if (klasse) full.klasse = { systemID: klasse.systemID, klasseID: klasse.klasseID };
    cases.set(c.systemId, full);
    return created(href(`sakarkiv/saksmappe/${c.systemId}/`), saksmappeJson(c.systemId));
  }

  function createJournalpost(caseId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'journalpost.create';
    if (!cases.has(caseId)) return feil(404, `Not Found: sakarkiv/saksmappe/${caseId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validateHere(JOURNALPOST, o) ?? ekspedertWithoutDate(o);
    if (err) return reject(op, err);
    const skj = o.skjerming as Obj | undefined;
    const ekstern = eksternOf(o);
    const e = state.addEntry({
      externalKey: ekstern,
      fagsystem: ekstern ? FAGSYSTEM : null,
      caseFileSystemId: caseId,
      journalposttype: code(o.journalposttype) ?? 'I',
      title: String(o.tittel),
      titlePublic: typeof o.offentligTittel === 'string' ? o.offentligTittel : null,
      tilgangsrestriksjon: skj ? code(skj.tilgangsrestriksjon) : null,
      skjermingshjemmel: skj && typeof skj.skjermingshjemmel === 'string' ? skj.skjermingshjemmel : null,
      raw: o,
    });
    const c = state.caseFile(caseId) as SimCaseFile;
    entries.set(e.systemId, {
      ...o,
      systemID: e.systemId,
      journalaar: e.journalaar,
      journalsekvensnummer: e.journalsekvensnummer,
      journalpostnummer: e.journalpostnummer,
      registreringsID: `${c.saksaar}/${c.sakssekvensnummer}-${e.journalpostnummer}`,
      journalposttype: withName('journalposttype', o.journalposttype),
      journalstatus: withName('journalstatus', o.journalstatus ?? { kode: 'J' }),
      journaldato: o.journaldato ?? today(),
      opprettetDato: iso(),
      opprettetAv: createdBy(),
      __case: caseId,
    });
    return created(href(`sakarkiv/journalpost/${e.systemId}/`), publicJournalpost(e.systemId));
  }
  const publicJournalpost = (id: string): Obj => stripInternal(journalpostJson(id));

  function createPart(entryId: string, kind: 'person' | 'enhet', body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'korrespondansepart.create';
    const jp = entries.get(entryId);
    const entry = state.entry(entryId);
    if (!jp || !entry) return feil(404, `Not Found: sakarkiv/journalpost/${entryId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validateHere(kind === 'person' ? KORRESPONDANSEPARTPERSON : KORRESPONDANSEPARTENHET, o);
    if (err) return reject(op, err);
    const type = code(o.korrespondanseparttype) ?? (entry.journalposttype === 'U' ? 'EM' : 'EA');
    const screenedBy = new Set(((jp.skjerming as Obj | undefined)?.skjermingMetadata as unknown[] | undefined)?.map(code) ?? []);
    const screened = o.skjermetKorrespondansepart === true || (type === 'EA' && screenedBy.has('NA')) || (type === 'EM' && screenedBy.has('NM'));
    const ids = (o.personidentifikator as Obj[] | undefined) ?? [];
    state.addCorrespondent(entryId, {
      type,
      name: String(o.navn),
      personNumber: (ids.map((i) => i.foedselsnummer ?? i.dNummer).find((x) => typeof x === 'string') as string | undefined) ?? null,
      organisationNumber: typeof (o.enhetsidentifikator as Obj | undefined)?.organisasjonsnummer === 'string' ? String((o.enhetsidentifikator as Obj).organisasjonsnummer) : null,
      screened,
    });
    const p: Obj = { ...o, systemID: randomUUID(), korrespondanseparttype: withName('korrespondanseparttype', { kode: type }), __kind: kind };
    const list = parts.get(entryId) ?? [];
    list.push(p);
    parts.set(entryId, list);
    return created(href(`arkivstruktur/korrespondanseparter/${String(p.systemID)}/`), partJson(p));
  }

  function createDok(entryId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'dokumentbeskrivelse.create';
    const entry = state.entry(entryId);
    if (!entry) return feil(404, `Not Found: sakarkiv/journalpost/${entryId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validateHere(DOKUMENTBESKRIVELSE, o);
    if (err) return reject(op, err);
    // #13 item 4: a code this archive has (07 «Dokumenttype»; its own list at metadata/dokumenttype)
    const dt = code(o.dokumenttype);
    if (dt !== null && dokumenttyper[dt] === undefined) return reject(op, `dokumentbeskrivelse.dokumenttype: koden ${shown(dt)} finnes ikke i kodelisten dokumenttype`);
    const dtName = isObj(o.dokumenttype) ? o.dokumenttype.kodenavn : undefined;
    if (dt !== null && dtName !== undefined && dtName !== null && dtName !== dokumenttyper[dt]) return reject(op, `dokumentbeskrivelse.dokumenttype: kodenavn stemmer ikke med koden ${shown(dt)} i kodelisten dokumenttype`);
    const mine = docsOfEntry.get(entryId) ?? [];
    const nr = typeof o.dokumentnummer === 'number' ? o.dokumentnummer : mine.length + 1;
    if (nr < 1) return reject(op, 'dokumentbeskrivelse.dokumentnummer må være 1 eller høyere');
    if (mine.some((d) => d.doc.dokumentnummer === nr)) return reject(op, `dokumentbeskrivelse.dokumentnummer ${nr} finnes allerede i journalposten`);
    const som = code(o.tilknyttetRegistreringSom) ?? (nr === 1 ? 'H' : 'V');
    const doc = state.addDocument(entryId, {
      dokumentnummer: nr,
      tilknyttetRegistreringSom: som,
      title: String(o.tittel),
      dokumenttype: code(o.dokumenttype),
      filename: null,
      contentType: null,
      size: null,
      sha256: null,
    });
    const d: DokBeskr = {
      doc,
      entryId,
      objekter: [],
      obj: {
        ...o,
        systemID: doc.systemId,
        dokumentnummer: nr,
        tilknyttetRegistreringSom: withName('tilknyttetRegistreringSom', { kode: som }),
        tilknyttetDato: o.tilknyttetDato ?? today(),
        tilknyttetAv: createdBy(),
        opprettetDato: iso(),
        opprettetAv: createdBy(),
      },
    };
    mine.push(d);
    docsOfEntry.set(entryId, mine);
    docs.set(doc.systemId, d);
    return created(href(`arkivstruktur/dokumentbeskrivelse/${doc.systemId}/`), dokJson(d));
  }

  function createObj(dokId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'dokumentobjekt.create';
    const d = docs.get(dokId);
    if (!d) return feil(404, `Not Found: arkivstruktur/dokumentbeskrivelse/${dokId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validate(DOKUMENTOBJEKT, o);
    if (err) return reject(op, err);
    if (o.sjekksum !== undefined && o.sjekksum !== null) {
      const algo = String(o.sjekksumAlgoritme ?? '');
      if (algo !== 'SHA-256' && algo !== 'SHA256') return reject(op, 'dokumentobjekt.sjekksumAlgoritme må være SHA-256 når sjekksum er oppgitt');
      if (!/^[0-9a-fA-F]{64}$/.test(String(o.sjekksum))) return reject(op, 'dokumentobjekt.sjekksum må være 64 heksadesimale tegn (SHA-256)');
    }
    const versjon = typeof o.versjonsnummer === 'number' ? o.versjonsnummer : d.objekter.length + 1;
    const variant = code(o.variantformat) ?? 'A';
    if (d.objekter.some((x) => x.obj.versjonsnummer === versjon && code(x.obj.variantformat) === variant)) {
      return reject(op, `dokumentobjekt med versjonsnummer ${versjon} og variantformat ${variant} finnes allerede`);
    }
    const systemID = randomUUID();
    const x: DokObj = {
      systemID,
      dok: d,
      uploaded: false,
      obj: { ...o, systemID, versjonsnummer: versjon, variantformat: withName('variantformat', { kode: variant }), opprettetDato: iso(), opprettetAv: createdBy() },
    };
    d.objekter.push(x);
    objekter.set(systemID, x);
    return created(href(`arkivstruktur/dokumentobjekt/${systemID}/`), objJson(x));
  }

  function upload(objId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'fil.upload';
    const x = objekter.get(objId);
    if (!x) return feil(404, `Not Found: arkivstruktur/dokumentobjekt/${objId}/`);
    if (x.uploaded) return feil(409, 'Dokumentobjektet har allerede en fil; slett dokumentobjektet for å erstatte den');
    if (req.headers['x-upload-content-length'] !== undefined) return feil(501, 'Overføring i bolker støttes ikke av denne kjernen');
    const ct = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ct) return reject(op, 'Content-Type mangler: sett filens MIME-type');
    const declared = Number(req.headers['content-length']);
    if (!Number.isFinite(declared)) return feil(411, 'Content-Length mangler');
    if (declared !== body.length) return reject(op, `Content-Length ${declared} stemmer ikke med ${body.length} mottatte byte`);
    if (body.length === 0) return reject(op, 'Filen er tom');
    const sha = createHash('sha256').update(body).digest('hex');
    const o = x.obj;
    if (typeof o.mimeType === 'string' && o.mimeType.toLowerCase() !== ct) return reject(op, `Content-Type ${ct} stemmer ikke med dokumentobjektets mimeType ${o.mimeType}`);
    if (typeof o.filstoerrelse === 'number' && o.filstoerrelse !== body.length) return reject(op, `Filstørrelsen ${body.length} stemmer ikke med dokumentobjektets filstoerrelse ${o.filstoerrelse}`);
    if (typeof o.sjekksum === 'string' && o.sjekksum.toLowerCase() !== sha) return reject(op, 'Sjekksummen for den opplastede filen stemmer ikke med dokumentobjektets sjekksum');
    const pdf = body.subarray(0, 5).toString('latin1') === '%PDF-';
    x.uploaded = true;
    o.mimeType = o.mimeType ?? ct;
    o.filstoerrelse = body.length;
    o.sjekksum = o.sjekksum ?? sha;
    o.sjekksumAlgoritme = 'SHA-256';
    o.format = o.format ?? (pdf ? { kode: 'fmt/276', kodenavn: 'Acrobat PDF 1.7 - Portable Document Format' } : { kode: 'av/0', kodenavn: 'Ukjent format' });
    o.filnavn = o.filnavn ?? `${objId}.bin`;
    o.referanseDokumentfil = href(`arkivstruktur/dokumentobjekt/${objId}/referanseFil`);
    const doc = x.dok.doc;
    doc.filename = String(o.filnavn);
    doc.contentType = ct;
    doc.size = body.length;
    doc.sha256 = sha;
    state.files.set(doc.systemId, Buffer.from(body));
    return n5(201, objJson(x));
  }

  function createAvskrivning(entryId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'avskrivning.create';
    if (!entries.has(entryId)) return feil(404, `Not Found: sakarkiv/journalpost/${entryId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validate(AVSKRIVNING, o);
    if (err) return reject(op, err);
    const by = typeof o.referanseAvskrivesAvJournalpost === 'string' ? o.referanseAvskrivesAvJournalpost : null;
    if (by !== null && !state.entry(by)) return reject(op, 'avskrivning.referanseAvskrivesAvJournalpost peker ikke på en journalpost i arkivet');
    if (by === entryId) return reject(op, 'En journalpost kan ikke avskrive seg selv');
    const maate = code(o.avskrivningsmaate) ?? 'BU';
    state.addAvskrivning({ entrySystemId: entryId, byEntrySystemId: by, maate });
    const a: Obj = {
      ...o,
      systemID: randomUUID(),
      avskrivningsdato: o.avskrivningsdato ?? today(),
      avskrevetAv: createdBy(),
      avskrivningsmaate: withName('avskrivningsmaate', o.avskrivningsmaate),
    };
    const list = avskrivninger.get(entryId) ?? [];
    list.push(a);
    avskrivninger.set(entryId, list);
    return created(href(`sakarkiv/avskrivning/${String(a.systemID)}/`), avskrivningJson(a));
  }

  function createKlasse(sysId: string, body: Buffer, req: http.IncomingMessage): SimResponse {
    const op = 'klasse.create';
    const sys = systems.get(sysId);
    if (!sys) return feil(404, `Not Found: arkivstruktur/klassifikasjonssystem/${sysId}/`);
    const parsed = parseBody(body, op, req);
    if ('res' in parsed) return parsed.res;
    const o = parsed.o;
    const err = validate(KLASSE, o);
    if (err) return reject(op, err);
    const id = String(o.klasseID);
    if (sys.type === 'PNR' && !/^\d{11}$/.test(id)) return reject(op, 'klasse.klasseID må være et fødselsnummer (11 siffer) i et klassifikasjonssystem av type PNR');
    if (sys.byKlasseId.has(id)) return reject(op, 'klasse.klasseID finnes allerede i klassifikasjonssystemet');
    const k = addKlasse(sys, id, String(o.tittel), o);
    return created(href(`arkivstruktur/klasse/${k.systemID}/`), klasseJson(k));
  }

  const template = (value: Obj): SimResponse => n5(200, value);
  const TEMPLATES: Record<string, () => Obj> = {
    'ny-saksmappe': () => ({ saksdato: today(), dokumentmedium: withName('dokumentmedium', { kode: 'E' }), saksstatus: withName('saksstatus', { kode: 'B' }), virksomhetsspesifikkeMetadata: null }),
    'ny-journalpost': () => ({ journaldato: today(), journalstatus: withName('journalstatus', { kode: 'J' }), dokumentmedium: withName('dokumentmedium', { kode: 'E' }), virksomhetsspesifikkeMetadata: null }),
    'ny-korrespondansepartperson': () => ({ korrespondanseparttype: withName('korrespondanseparttype', { kode: 'EA' }) }),
    'ny-korrespondansepartenhet': () => ({ korrespondanseparttype: withName('korrespondanseparttype', { kode: 'EA' }) }),
    'ny-dokumentbeskrivelse': () => ({ dokumentstatus: withName('dokumentstatus', { kode: 'F' }), tilknyttetDato: today(), dokumentmedium: withName('dokumentmedium', { kode: 'E' }) }),
    'ny-dokumentobjekt': () => ({ versjonsnummer: 1, variantformat: withName('variantformat', { kode: 'A' }) }),
    'ny-avskrivning': () => ({ avskrivningsdato: today(), avskrivningsmaate: withName('avskrivningsmaate', { kode: 'BU' }) }),
    'ny-klasse': () => ({}),
  };

  // ---- routes --------------------------------------------------------------------------------

  type Handler = (m: string[], url: URL, body: Buffer, req: http.IncomingMessage) => SimResponse;
  type Route = SimRoute<Noark5SimOperation, Handler> & { method: 'GET' | 'POST' | 'PATCH' };
  const ID = '([0-9a-fA-F-]{36})';
  const r = (method: Route['method'], path: string, op: Noark5SimOperation, handle: Handler): Route => ({ method, path: new RegExp(`^/api${path ? `/${path}` : ''}/?$`), op, handle });
  const tpl = (path: string, name: string, exists: (id: string) => boolean): Route =>
    r('GET', `${path}/${ID}/${name}`, 'template', (m) => (exists(m[0] ?? '') ? template(TEMPLATES[name]?.() ?? {}) : feil(404, 'Not Found')));

  const rootLinks = (): SimResponse =>
    n5(200, {
      _links: {
        [REL.arkivstruktur]: { href: href('arkivstruktur/') },
        [REL.metadata]: { href: href('metadata/') },
        [REL.sakarkiv]: { href: href('sakarkiv/') },
        [REL.system]: { href: href('admin/system/') },
      },
    });
  const routes: Route[] = [
    // the root at /api, and at / too so the bare origin works as the configured root URL
    { method: 'GET', path: /^\/$/, op: 'root', handle: rootLinks },
    r('GET', '', 'root', rootLinks),
    r('GET', 'arkivstruktur', 'package', () =>
      n5(200, { _links: { [REL.arkiv]: listLink('arkivstruktur/arkiv/'), [REL.arkivdel]: listLink('arkivstruktur/arkivdel/'), [REL.klasse]: listLink('arkivstruktur/klasse/') } }),
    ),
    r('GET', 'sakarkiv', 'package', () => n5(200, { _links: { [REL.saksmappe]: listLink('sakarkiv/saksmappe/'), [REL.journalpost]: listLink('sakarkiv/journalpost/') } })),
    // 06 «Metadatakatalog for virksomhetsspesifikke metadata»; 07 metadata package relasjonsnøkler (#13 item 4)
    r('GET', 'metadata', 'package', () =>
      n5(200, {
        _links: {
          [REL.virksomhetsspesifikkeMetadata]: listLink('metadata/virksomhetsspesifikkeMetadata/'),
          [REL.nyVirksomhetsspesifikkeMetadata]: { href: href('metadata/ny-virksomhetsspesifikkeMetadata/') },
          [REL.dokumenttype]: listLink('metadata/dokumenttype/'),
          [REL.journalstatus]: listLink('metadata/journalstatus/'),
        },
      }),
    ),
    r('GET', 'metadata/virksomhetsspesifikkeMetadata', 'metadata.list', (_m, url) => list(url.href, [...vsmCatalog.values()].map(vsmJson), url)),
    r('POST', 'metadata/ny-virksomhetsspesifikkeMetadata', 'metadata.create', (_m, _u, body, req) => createVsm(body, req)),
    r('GET', 'metadata/dokumenttype', 'metadata.list', (_m, url) => list(url.href, codeList(dokumenttyper), url)),
    r('GET', 'metadata/journalstatus', 'metadata.list', (_m, url) => list(url.href, codeList(CODES.journalstatus ?? {}), url)),
    r('GET', 'admin/system', 'system', () =>
      n5(200, { bulkgrense: 157286400, leverandoer: 'Postmottak', produkt: 'Noark 5-simulator', versjon: '1', versjonsdato: '2026-01-01', protokollversjon: '1.1' }),
    ),
    r('GET', 'arkivstruktur/arkiv', 'arkivdel.list', (_m, url) =>
      list(url.href, [{ systemID: arkivSystemID, tittel: 'Arkiv', arkivstatus: { kode: 'O', kodenavn: 'Opprettet' }, _links: { [REL.arkivdel]: listLink('arkivstruktur/arkivdel/') } }], url),
    ),
    r('GET', 'arkivstruktur/arkivdel', 'arkivdel.list', (_m, url) => {
      const f = filterOf(url, ['tittel', 'systemID']);
      if (typeof f === 'string') return feil(400, f);
      const all = f === null ? [...arkivdeler.values()] : [f[0] === 'tittel' ? arkivdelByTitle.get(f[1]) : arkivdeler.get(f[1])].filter((a): a is Arkivdel => !!a);
      return list(url.href, all.map(arkivdelJson), url);
    }),
    r('GET', `arkivstruktur/arkivdel/${ID}`, 'arkivdel.get', (m) => {
      const a = arkivdeler.get(m[0] ?? '');
      return a ? n5(200, arkivdelJson(a)) : feil(404, 'Not Found');
    }),
    r('GET', `arkivstruktur/arkivdel/${ID}/klassifikasjonssystem`, 'klassifikasjonssystem.list', (m, url) => {
      const a = arkivdeler.get(m[0] ?? '');
      return a ? list(url.href, a.systems.map(systemJson), url) : feil(404, 'Not Found');
    }),
    tpl('arkivstruktur/arkivdel', 'ny-saksmappe', (id) => arkivdeler.has(id)),
    r('POST', `arkivstruktur/arkivdel/${ID}/ny-saksmappe`, 'saksmappe.create', (m, _u, body, req) => {
      const a = arkivdeler.get(m[0] ?? '');
      return a ? createSaksmappe(a, null, body, req) : feil(404, 'Not Found');
    }),
    r('GET', `arkivstruktur/klassifikasjonssystem/${ID}/klasse`, 'klasse.list', (m, url) => {
      const s = systems.get(m[0] ?? '');
      if (!s) return feil(404, 'Not Found');
      const f = filterOf(url, ['klasseID']);
      if (typeof f === 'string') return feil(400, f);
      const all = f === null ? [...s.byKlasseId.values()] : [s.byKlasseId.get(f[1])].filter((k): k is Klasse => !!k);
      return list(url.href, all.map(klasseJson), url);
    }),
    tpl('arkivstruktur/klassifikasjonssystem', 'ny-klasse', (id) => systems.has(id)),
    r('POST', `arkivstruktur/klassifikasjonssystem/${ID}/ny-klasse`, 'klasse.create', (m, _u, body, req) => createKlasse(m[0] ?? '', body, req)),
    tpl('arkivstruktur/klasse', 'ny-saksmappe', (id) => klasser.has(id)),
    r('POST', `arkivstruktur/klasse/${ID}/ny-saksmappe`, 'saksmappe.create', (m, _u, body, req) => {
      const k = klasser.get(m[0] ?? '');
      return k ? createSaksmappe(k.system.arkivdel, k, body, req) : feil(404, 'Not Found');
    }),
    r('GET', 'sakarkiv/saksmappe', 'saksmappe.list', (_m, url) => {
      const f = filterOf(url, [N5WS_EKSTERNID_FIELD, 'systemID', 'mappeID']);
      if (typeof f === 'string') return feil(400, f);
      let found: (SimCaseFile | undefined)[];
      if (f === null) found = state.caseFiles();
      else if (f[0] === 'systemID') found = [state.caseFile(f[1])];
      else if (f[0] === 'mappeID') {
        const [y, s] = f[1].split('/').map(Number);
        found = [state.caseFileByNumber(y ?? 0, s ?? 0)];
      } else found = [state.caseFileByKey(f[1])];
      return list(url.href, found.filter((c): c is SimCaseFile => !!c && cases.has(c.systemId)).map((c) => saksmappeJson(c.systemId)), url);
    }),
    r('GET', `sakarkiv/saksmappe/${ID}`, 'saksmappe.get', (m) => (cases.has(m[0] ?? '') ? n5(200, saksmappeJson(m[0] ?? '')) : feil(404, 'Not Found'))),
    r('GET', `sakarkiv/saksmappe/${ID}/journalpost`, 'journalpost.list', (m, url) =>
      cases.has(m[0] ?? '') ? list(url.href, state.entriesOf(m[0] ?? '').map((e) => publicJournalpost(e.systemId)), url) : feil(404, 'Not Found'),
    ),
    tpl('sakarkiv/saksmappe', 'ny-journalpost', (id) => cases.has(id)),
    r('POST', `sakarkiv/saksmappe/${ID}/ny-journalpost`, 'journalpost.create', (m, _u, body, req) => createJournalpost(m[0] ?? '', body, req)),
    r('GET', 'sakarkiv/journalpost', 'journalpost.list', (_m, url) => {
      const f = filterOf(url, [N5WS_EKSTERNID_FIELD, 'systemID']);
      if (typeof f === 'string') return feil(400, f);
      const found: (SimEntry | undefined)[] = f === null ? state.entries() : [f[0] === 'systemID' ? state.entry(f[1]) : state.entryByKey(f[1])];
      return list(url.href, found.filter((e): e is SimEntry => !!e && entries.has(e.systemId)).map((e) => publicJournalpost(e.systemId)), url);
    }),
    r('PATCH', `sakarkiv/journalpost/${ID}`, 'journalpost.update', (m, _u, body, req) => patchJournalpost(m[0] ?? '', body, req)),
    r('GET', `sakarkiv/journalpost/${ID}/merknad`, 'merknad.list', (m, url) => (entries.has(m[0] ?? '') ? list(url.href, merknader.get(m[0] ?? '') ?? [], url) : feil(404, 'Not Found'))),
    r('POST', `sakarkiv/journalpost/${ID}/ny-merknad`, 'merknad.create', (m, _u, body, req) => createMerknad(m[0] ?? '', body, req)),
    r('GET', `sakarkiv/journalpost/${ID}`, 'journalpost.get', (m) => (entries.has(m[0] ?? '') ? n5(200, publicJournalpost(m[0] ?? '')) : feil(404, 'Not Found'))),
    r('GET', `sakarkiv/journalpost/${ID}/korrespondansepart`, 'korrespondansepart.list', (m, url) =>
      entries.has(m[0] ?? '') ? list(url.href, (parts.get(m[0] ?? '') ?? []).map(partJson), url) : feil(404, 'Not Found'),
    ),
    tpl('sakarkiv/journalpost', 'ny-korrespondansepartperson', (id) => entries.has(id)),
    tpl('sakarkiv/journalpost', 'ny-korrespondansepartenhet', (id) => entries.has(id)),
    r('POST', `sakarkiv/journalpost/${ID}/ny-korrespondansepartperson`, 'korrespondansepart.create', (m, _u, body, req) => createPart(m[0] ?? '', 'person', body, req)),
    r('POST', `sakarkiv/journalpost/${ID}/ny-korrespondansepartenhet`, 'korrespondansepart.create', (m, _u, body, req) => createPart(m[0] ?? '', 'enhet', body, req)),
    r('GET', `sakarkiv/journalpost/${ID}/dokumentbeskrivelse`, 'dokumentbeskrivelse.list', (m, url) =>
      entries.has(m[0] ?? '') ? list(url.href, (docsOfEntry.get(m[0] ?? '') ?? []).map(dokJson), url) : feil(404, 'Not Found'),
    ),
    tpl('sakarkiv/journalpost', 'ny-dokumentbeskrivelse', (id) => entries.has(id)),
    r('POST', `sakarkiv/journalpost/${ID}/ny-dokumentbeskrivelse`, 'dokumentbeskrivelse.create', (m, _u, body, req) => createDok(m[0] ?? '', body, req)),
    r('GET', `sakarkiv/journalpost/${ID}/avskrivning`, 'avskrivning.list', (m, url) =>
      entries.has(m[0] ?? '') ? list(url.href, (avskrivninger.get(m[0] ?? '') ?? []).map(avskrivningJson), url) : feil(404, 'Not Found'),
    ),
    tpl('sakarkiv/journalpost', 'ny-avskrivning', (id) => entries.has(id)),
    r('POST', `sakarkiv/journalpost/${ID}/ny-avskrivning`, 'avskrivning.create', (m, _u, body, req) => createAvskrivning(m[0] ?? '', body, req)),
    r('GET', `arkivstruktur/dokumentbeskrivelse/${ID}`, 'dokumentbeskrivelse.get', (m) => {
      const d = docs.get(m[0] ?? '');
      return d ? n5(200, dokJson(d)) : feil(404, 'Not Found');
    }),
    r('GET', `arkivstruktur/dokumentbeskrivelse/${ID}/dokumentobjekt`, 'dokumentobjekt.list', (m, url) => {
      const d = docs.get(m[0] ?? '');
      return d ? list(url.href, d.objekter.map(objJson), url) : feil(404, 'Not Found');
    }),
    tpl('arkivstruktur/dokumentbeskrivelse', 'ny-dokumentobjekt', (id) => docs.has(id)),
    r('POST', `arkivstruktur/dokumentbeskrivelse/${ID}/ny-dokumentobjekt`, 'dokumentobjekt.create', (m, _u, body, req) => createObj(m[0] ?? '', body, req)),
    r('GET', `arkivstruktur/dokumentobjekt/${ID}`, 'dokumentobjekt.get', (m) => {
      const x = objekter.get(m[0] ?? '');
      return x ? n5(200, objJson(x)) : feil(404, 'Not Found');
    }),
    r('POST', `arkivstruktur/dokumentobjekt/${ID}/referanseFil`, 'fil.upload', (m, _u, body, req) => upload(m[0] ?? '', body, req)),
    r('GET', `arkivstruktur/dokumentobjekt/${ID}/referanseFil`, 'fil.download', (m) => {
      const x = objekter.get(m[0] ?? '');
      const bytes = x?.uploaded ? state.files.get(x.dok.doc.systemId) : undefined;
      if (!x || !bytes) return feil(404, 'Not Found');
      return { status: 200, headers: { 'Content-Type': String(x.obj.mimeType ?? 'application/octet-stream') }, body: bytes };
    }),
  ];

  function authorized(req: http.IncomingMessage): boolean {
    if (auth.kind === 'none') return true;
    const h = req.headers.authorization ?? '';
    if (auth.kind === 'bearer') return h === `Bearer ${auth.token}`;
    return h === `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  }

  const listening = await serveSimLoop(
    {
      faults,
      route({ req, url }) {
        total++;
        const found = findRoute(routes, req.method, url.pathname);
        if (!('route' in found)) return found.allowed.length ? feil(405, 'Method Not Allowed') : feil(404, `Not Found: ${url.pathname}`);
        const { route, groups } = found;
        perOp[route.op] = (perOp[route.op] ?? 0) + 1;
        return { op: route.op, handle: (body) => persist.handle(req, url, body, () => route.handle(groups, url, body, req)) };
      },
      serverError: (_op, when) => (when === 'before' ? feil(503, 'Service Unavailable: arkivkjernen er midlertidig utilgjengelig') : feil(500, 'Internal Server Error')),
      auth: (_op, { req }) =>
        authorized(req) ? null : { ...feil(401, 'Unauthorized'), headers: { 'Content-Type': N5_CONTENT_TYPE, 'WWW-Authenticate': auth.kind === 'bearer' ? 'Bearer' : 'Basic realm="noark5"' } },
      internalError: (_op, e) => feil(500, `Internal Server Error: ${e instanceof Error ? e.message : String(e)}`),
    },
    { port: opts.port, keepAliveTimeout: 30_000 },
  );
  origin = listening.origin;
  persist.replay(
    (method, path, body, req) => {
      const url = new URL(path, origin);
      const found = findRoute(routes, method, url.pathname);
      return 'route' in found ? found.route.handle(found.groups, url, body, req) : feil(404, `Not Found: ${url.pathname}`);
    },
    (message) => state.reject('replay', message),
  );

  return {
    url: origin,
    apiUrl: `${origin}/api`,
    state,
    faults,
    requests: () => total,
    requestsByOperation: () => ({ ...perOp }),
    close: listening.close,
  };
}
