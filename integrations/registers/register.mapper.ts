import type { AddressProtection, PersonFacts, PersonStatus, PostalAddress, RelatedPerson } from '../../electron/core/ports/register.port';

/**
 * Pure mapping of the register answers onto the port: the Folkeregisteret person document
 * (lowerCamelCase JSON as served today, see specs/registers/folkeregisteret) → PersonFacts; a
 * KRR `/rest/v1/personer` entry (snake_case) → ContactFacts is in krr.mapper.ts. Unknown fields are ignored; enum
 * values are compared case- and underscore-insensitively because the 2020 OpenAPI writes them
 * UPPER_SNAKE and the live JSON lowerCamelCase.
 */

/** 6 digits + *****: enough to tell two people apart in a log, not enough to identify one. */
export const maskPersonNumber = (n: string): string => (/^\d{11}$/.test(n) ? `${n.slice(0, 6)}*****` : '[ugyldig nummer]');

/** 11 digits: fødselsnummer, D-number or synthetic (Tenor) number; the checksum is the register's business. */
export const isPersonNumber = (n: string): boolean => /^\d{11}$/.test(n);

// ---------------------------------------------------------------------------------------------
// Folkeregisteret JSON (only what is read here)

export interface FregVersion {
  erGjeldende?: boolean;
  ajourholdstidspunkt?: string;
  gyldighetstidspunkt?: string;
  opphoerstidspunkt?: string;
}
export interface FregPoststed {
  poststedsnavn?: string;
  postnummer?: string;
}
export interface FregVegadresse {
  adressenavn?: string;
  adressenummer?: { husnummer?: string; husbokstav?: string };
  adressetilleggsnavn?: string;
  coAdressenavn?: string;
  bruksenhetsnummer?: string;
  kommunenummer?: string;
  poststed?: FregPoststed;
}
export interface FregMatrikkeladresse {
  adressetilleggsnavn?: string;
  coAdressenavn?: string;
  poststed?: FregPoststed;
}
export interface FregUtenlandskAdresse {
  coAdressenavn?: string;
  adressenavn?: string;
  bygning?: string;
  etasjenummer?: string;
  boenhet?: string;
  postboks?: string;
  postkode?: string;
  byEllerStedsnavn?: string;
  distriktsnavn?: string;
  region?: string;
  landkode?: string;
}
export interface FregUtenlandskAdresseIFrittFormat {
  adresselinje?: string[];
  postkode?: string;
  byEllerStedsnavn?: string;
  landkode?: string;
}
export interface FregAdresse extends FregVersion {
  adressegradering?: string;
  vegadresse?: FregVegadresse;
  matrikkeladresse?: FregMatrikkeladresse;
  ukjentBosted?: { bostedskommune?: string };
  postboksadresse?: { postbokseier?: string; postboks?: string; poststed?: FregPoststed };
  postadresseIFrittFormat?: { adresselinje?: string[]; poststed?: FregPoststed };
  utenlandskAdresse?: FregUtenlandskAdresse;
  utenlandskAdresseIFrittFormat?: FregUtenlandskAdresseIFrittFormat;
}
export interface FregNavnUtenId {
  navn?: { fornavn?: string; mellomnavn?: string; etternavn?: string };
  foedselsdato?: string;
}
export interface FregPerson {
  identifikasjonsnummer?: (FregVersion & { foedselsEllerDNummer?: string; identifikatortype?: string; status?: string })[];
  status?: (FregVersion & { status?: string })[];
  foedsel?: (FregVersion & { foedselsdato?: string })[];
  navn?: (FregVersion & { fornavn?: string; mellomnavn?: string; etternavn?: string; forkortetNavn?: string })[];
  adressebeskyttelse?: (FregVersion & { graderingsnivaa?: string })[];
  bostedsadresse?: FregAdresse[];
  oppholdsadresse?: FregAdresse[];
  postadresse?: FregAdresse[];
  postadresseIUtlandet?: FregAdresse[];
  preferertKontaktadresse?: (FregVersion & { valg?: string })[];
  familierelasjon?: (FregVersion & {
    relatertPerson?: string;
    relatertPersonUtenFolkeregisteridentifikator?: FregNavnUtenId;
    relatertPersonsRolle?: string;
    minRolleForPerson?: string;
  })[];
  foreldreansvar?: (FregVersion & { ansvar?: string; ansvarssubjekt?: string; ansvarlig?: string; ansvarligUtenIdentifikator?: FregNavnUtenId })[];
  doedsfall?: FregVersion & { doedsdato?: string };
}

/** The `part`s the adapter asks for: the person's core plus the relations (relasjon-utvidet). */
export const FREG_PARTS = [
  'identifikasjonsnummer',
  'navn',
  'foedsel',
  'status',
  'adressebeskyttelse',
  'bostedsadresse',
  'oppholdsadresse',
  'postadresse',
  'postadresseIUtlandet',
  'preferertKontaktadresse',
  'familierelasjon',
  'foreldreansvar',
] as const;

/** Enum values in either spelling ('IKKE_BOSATT', 'ikkeBosatt') compare as 'ikkebosatt'. */
const norm = (s: string | undefined | null): string => (s ?? '').toLowerCase().replace(/[_\s-]/g, '');

/** The current versions (erGjeldende); an entry without the flag counts as current. */
function current<T extends FregVersion>(list: T[] | undefined): T[] {
  return (list ?? []).filter((v) => v.erGjeldende !== false);
}
function first<T extends FregVersion>(list: T[] | undefined): T | undefined {
  return current(list)[0];
}

const STATUS: Record<string, PersonStatus> = {
  bosatt: 'bosatt',
  utflyttet: 'utflyttet',
  doed: 'doed',
  forsvunnet: 'forsvunnet',
  ikkebosatt: 'ikke-bosatt',
  inaktiv: 'inaktiv',
};

export function mapStatus(value: string | undefined): PersonStatus {
  return STATUS[norm(value)] ?? 'other';
}

const PROTECTION_RANK: AddressProtection[] = ['none', 'fortrolig', 'strengt-fortrolig-utland', 'strengt-fortrolig'];

export function mapProtection(value: string | undefined): AddressProtection {
  switch (norm(value)) {
    case 'strengtfortrolig':
      return 'strengt-fortrolig';
    case 'strengtfortroligutland':
      return 'strengt-fortrolig-utland';
    case 'fortrolig':
      return 'fortrolig';
    default:
      // ugradert, klientadresse, absent
      return 'none';
  }
}

const stronger = (a: AddressProtection, b: AddressProtection): AddressProtection => (PROTECTION_RANK.indexOf(a) >= PROTECTION_RANK.indexOf(b) ? a : b);
export const isStrictlyConfidential = (p: AddressProtection): boolean => p === 'strengt-fortrolig' || p === 'strengt-fortrolig-utland';

// ISO 3166-1 alpha-3 → alpha-2 (iso-codes 3166-1, 249 entries, plus XXK Kosovo as Folkeregisteret writes it).
const ALPHA3 =
  'ABWAW AFGAF AGOAO AIAAI ALAAX ALBAL ANDAD AREAE ARGAR ARMAM ASMAS ATAAQ ATFTF ATGAG AUSAU AUTAT AZEAZ BDIBI BELBE BENBJ BESBQ BFABF BGDBD BGRBG BHRBH BHSBS BIHBA BLMBL BLRBY BLZBZ BMUBM BOLBO BRABR BRBBB BRNBN BTNBT BVTBV BWABW CAFCF CANCA CCKCC CHECH CHLCL CHNCN CIVCI CMRCM CODCD COGCG COKCK COLCO COMKM CPVCV CRICR CUBCU CUWCW CXRCX CYMKY CYPCY CZECZ DEUDE DJIDJ DMADM DNKDK DOMDO DZADZ ECUEC EGYEG ERIER ESHEH ESPES ESTEE ETHET FINFI FJIFJ FLKFK FRAFR FROFO FSMFM GABGA GBRGB GEOGE GGYGG GHAGH GIBGI GINGN GLPGP GMBGM GNBGW GNQGQ GRCGR GRDGD GRLGL GTMGT GUFGF GUMGU GUYGY HKGHK HMDHM HNDHN HRVHR HTIHT HUNHU IDNID IMNIM INDIN IOTIO IRLIE IRNIR IRQIQ ISLIS ISRIL ITAIT JAMJM JEYJE JORJO JPNJP KAZKZ KENKE KGZKG KHMKH KIRKI KNAKN KORKR KWTKW LAOLA LBNLB LBRLR LBYLY LCALC LIELI LKALK LSOLS LTULT LUXLU LVALV MACMO MAFMF MARMA MCOMC MDAMD MDGMG MDVMV MEXMX MHLMH MKDMK MLIML MLTMT MMRMM MNEME MNGMN MNPMP MOZMZ MRTMR MSRMS MTQMQ MUSMU MWIMW MYSMY MYTYT NAMNA NCLNC NERNE NFKNF NGANG NICNI NIUNU NLDNL NORNO NPLNP NRUNR NZLNZ OMNOM PAKPK PANPA PCNPN PERPE PHLPH PLWPW PNGPG POLPL PRIPR PRKKP PRTPT PRYPY PSEPS PYFPF QATQA REURE ROURO RUSRU RWARW SAUSA SDNSD SENSN SGPSG SGSGS SHNSH SJMSJ SLBSB SLESL SLVSV SMRSM SOMSO SPMPM SRBRS SSDSS STPST SURSR SVKSK SVNSI SWESE SWZSZ SXMSX SYCSC SYRSY TCATC TCDTD TGOTG THATH TJKTJ TKLTK TKMTM TLSTL TONTO TTOTT TUNTN TURTR TUVTV TWNTW TZATZ UGAUG UKRUA UMIUM URYUY USAUS UZBUZ VATVA VCTVC VENVE VGBVG VIRVI VNMVN VUTVU WLFWF WSMWS YEMYE ZAFZA ZMBZM ZWEZW XXKXK';
const ALPHA3_TO_2 = new Map(ALPHA3.split(' ').map((e) => [e.slice(0, 3), e.slice(3)]));

/** Folkeregisteret's landkode (alpha-3 as a rule, alpha-2 seen) → alpha-2; Norway → null. Unknown codes pass through. */
export function countryCode(landkode: string | undefined): string | null {
  const c = (landkode ?? '').trim().toUpperCase();
  if (!c) return null;
  const two = c.length === 3 ? (ALPHA3_TO_2.get(c) ?? c) : c;
  return two === 'NO' ? null : two;
}

const clean = (lines: (string | undefined | null)[]): string[] => lines.map((l) => (l ?? '').trim()).filter((l) => l.length > 0);
const co = (name: string | undefined): string | undefined => (name ? (/^c\/o\b/i.test(name) ? name : `c/o ${name}`) : undefined);

function norwegian(lines: string[], poststed: FregPoststed | undefined): PostalAddress | null {
  const postalCode = poststed?.postnummer?.trim() ?? '';
  if (lines.length === 0 && !postalCode) return null;
  return { lines: lines.slice(0, 3), postalCode, postalPlace: poststed?.poststedsnavn?.trim() ?? '', country: null };
}

function vegadresse(v: FregVegadresse): PostalAddress | null {
  const nr = v.adressenummer ? `${v.adressenummer.husnummer ?? ''}${v.adressenummer.husbokstav ?? ''}` : '';
  const street = v.adressenavn ? clean([`${v.adressenavn} ${nr}`])[0] : undefined;
  return norwegian(clean([co(v.coAdressenavn), v.adressetilleggsnavn, street]), v.poststed);
}

/** Free-format lines: the "NNNN STED" line (and a closing "Norge") become the postal code and place. */
function freeFormat(lines: string[], poststed: FregPoststed | undefined): PostalAddress | null {
  const all = clean(lines);
  if (poststed?.postnummer) return norwegian(all, poststed);
  const rest = /^norge$|^norway$/i.test(all[all.length - 1] ?? '') ? all.slice(0, -1) : all;
  const last = rest[rest.length - 1] ?? '';
  const m = /^(\d{4})\s+(.+)$/.exec(last);
  if (m) return { lines: rest.slice(0, -1).slice(0, 3), postalCode: m[1] ?? '', postalPlace: m[2] ?? '', country: null };
  // no recognisable postal line: the lines still go on the envelope as given
  return rest.length ? { lines: rest.slice(0, 3), postalCode: '', postalPlace: '', country: null } : null;
}

function abroad(a: FregAdresse): PostalAddress | null {
  const f = a.utenlandskAdresseIFrittFormat;
  if (f) {
    const lines = clean(f.adresselinje ?? []);
    if (!lines.length && !f.byEllerStedsnavn) return null;
    return { lines: lines.slice(0, 3), postalCode: f.postkode?.trim() ?? '', postalPlace: f.byEllerStedsnavn?.trim() ?? '', country: countryCode(f.landkode) };
  }
  const u = a.utenlandskAdresse;
  if (u) {
    const unit = clean([u.bygning, u.etasjenummer, u.boenhet]).join(' ');
    const lines = clean([co(u.coAdressenavn), u.adressenavn, unit, u.postboks, u.distriktsnavn, u.region]);
    if (!lines.length && !u.byEllerStedsnavn) return null;
    return { lines: lines.slice(0, 3), postalCode: u.postkode?.trim() ?? '', postalPlace: u.byEllerStedsnavn?.trim() ?? '', country: countryCode(u.landkode) };
  }
  return null;
}

/** One FREG address version (any of the kinds) → envelope form; null for ukjentBosted and empty ones. */
export function mapAddress(a: FregAdresse | undefined): PostalAddress | null {
  if (!a) return null;
  if (a.vegadresse) return vegadresse(a.vegadresse);
  if (a.postboksadresse) {
    const p = a.postboksadresse;
    const box = p.postboks?.trim();
    return norwegian(clean([p.postbokseier, box ? (/^\d/.test(box) ? `Postboks ${box}` : box) : undefined]), p.poststed);
  }
  if (a.postadresseIFrittFormat) return freeFormat(a.postadresseIFrittFormat.adresselinje ?? [], a.postadresseIFrittFormat.poststed);
  if (a.matrikkeladresse) {
    const m = a.matrikkeladresse;
    return norwegian(clean([co(m.coAdressenavn), m.adressetilleggsnavn]), m.poststed);
  }
  if (a.utenlandskAdresse || a.utenlandskAdresseIFrittFormat) return abroad(a);
  return null;
}

type AddressKind = 'postadresse' | 'postadresseIUtlandet' | 'bostedsadresse' | 'oppholdsadresse';
const PREFERRED: Record<string, AddressKind> = {
  postadresse: 'postadresse',
  postadresseiutlandet: 'postadresseIUtlandet',
  bostedsadresse: 'bostedsadresse',
  oppholdsadresse: 'oppholdsadresse',
};

/**
 * The address a letter goes to. The person's own choice (preferertKontaktadresse) wins; else a
 * kontaktadresse (postadresse, then postadresseIUtlandet: where the person asked to get post),
 * then where the person lives (bostedsadresse), then oppholdsadresse (D-number persons).
 */
function letterAddress(p: FregPerson): { address: PostalAddress | null; gradering: AddressProtection } {
  const order: AddressKind[] = ['postadresse', 'postadresseIUtlandet', 'bostedsadresse', 'oppholdsadresse'];
  const chosen = PREFERRED[norm(first(p.preferertKontaktadresse)?.valg)];
  if (chosen) order.unshift(chosen);
  for (const kind of order) {
    for (const a of current(p[kind])) {
      const address = mapAddress(a);
      if (address) return { address, gradering: mapProtection(a.adressegradering) };
    }
  }
  return { address: null, gradering: 'none' };
}

function fullName(n: { fornavn?: string; mellomnavn?: string; etternavn?: string } | undefined): string | null {
  if (!n) return null;
  const s = clean([n.fornavn, n.mellomnavn, n.etternavn]).join(' ');
  return s || null;
}

const PARENT_ROLES = new Set(['mor', 'far', 'medmor']);

/**
 * A FREG person document → PersonFacts. `personNumber` is the number that was asked for (the
 * document's own current identifikasjonsnummer wins when present).
 *
 * Relations without a folkeregisteridentifikator (relatertPersonUtenFolkeregisteridentifikator,
 * ansvarligUtenIdentifikator) are left out: the port identifies related persons by number.
 * The document carries only the related person's number, so `name` and `birthDate` are null.
 */
export function mapFregPerson(p: FregPerson, personNumber: string): PersonFacts {
  const id = current(p.identifikasjonsnummer).find((i) => norm(i.status) !== 'opphoert' && i.foedselsEllerDNummer)?.foedselsEllerDNummer ?? personNumber;
  const personProtection = mapProtection(first(p.adressebeskyttelse)?.graderingsnivaa);
  const { address, gradering } = letterAddress(p);
  // an address graded stronger than the person (should not happen) still counts: never print a protected address
  const addressProtection = stronger(personProtection, gradering);

  const children: RelatedPerson[] = [];
  const parents: RelatedPerson[] = [];
  const seen = new Set<string>();
  for (const r of current(p.familierelasjon)) {
    if (!r.relatertPerson) continue;
    const role = norm(r.relatertPersonsRolle);
    const key = `${role}:${r.relatertPerson}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rel: RelatedPerson = { personNumber: r.relatertPerson, name: null, birthDate: null };
    if (role === 'barn') children.push(rel);
    else if (PARENT_ROLES.has(role)) parents.push(rel);
  }

  const parentalResponsibility = [
    ...new Set(
      current(p.foreldreansvar)
        .filter((f) => (!f.ansvarssubjekt || f.ansvarssubjekt === id) && f.ansvarlig)
        .map((f) => f.ansvarlig as string),
    ),
  ];

  return {
    personNumber: id,
    name: fullName(first(p.navn)) ?? '',
    birthDate: first(p.foedsel)?.foedselsdato ?? null,
    status: mapStatus(first(p.status)?.status),
    address: isStrictlyConfidential(addressProtection) ? null : address,
    addressProtection,
    children,
    parents,
    parentalResponsibility,
  };
}

export { eighteenMonthsBefore, mapKrrPerson, notRegistered, parseKrrTime, type KrrPerson, type KrrResponse } from './krr.mapper';
