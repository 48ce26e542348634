import type { PersonStatus } from '../../../electron/core/ports/register.port';
import type { SimResponse } from '../../shared/simulator/sim-server';
import { decodePersonNumber, type RegisterSimState, type SimAddress, type SimPerson } from './register-sim-state';

/**
 * Folkeregisteret "offentlig med hjemmel" person lookup, written from specs/registers/
 * folkeregisteret: `GET /folkeregisteret/offentlig-med-hjemmel/api/v1/personer/{id}?part=…`
 * answers the person document in the JSON shape of the example npr.json files (every element
 * an array of versions with erGjeldende, lowerCamelCase enum values), 404 for an unknown
 * person, 400 for a malformed number. `part` selects top-level elements (none: person-basis;
 * `relasjon-utvidet`, `historikk` as groups); without `historikk` only current versions are sent.
 */

export const FREG_PERSON_PATH = /^\/folkeregisteret\/offentlig-med-hjemmel\/api\/v1\/personer\/([^/]+)$/;

const PERSON_BASIS = [
  'identifikasjonsnummer',
  'identitetsgrunnlag',
  'status',
  'doedsfall',
  'sivilstand',
  'foedsel',
  'statsborgerskap',
  'kjoenn',
  'navn',
  'bostedsadresse',
  'oppholdsadresse',
  'deltBosted',
  'postadresse',
  'postadresseIUtlandet',
  'adressebeskyttelse',
  'kontaktinformasjonForDoedsbo',
];
const RELASJON_UTVIDET = ['familierelasjon', 'foreldreansvar', 'vergemaalEllerFremtidsfullmakt'];

/** FolkeregisterFeilmelding, the error body of the API. */
export function fregError(status: number, feilkode: string, feilmelding: string): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ httpStatus: status, alvorlighetsgrad: 'FEIL', feilkode, feilmelding }),
  };
}

const STATUS: Record<PersonStatus, string> = {
  bosatt: 'bosatt',
  utflyttet: 'utflyttet',
  doed: 'doed',
  forsvunnet: 'forsvunnet',
  'ikke-bosatt': 'ikkeBosatt',
  inaktiv: 'inaktiv',
  other: 'midlertidig',
};

const GRADERING = { none: 'ugradert', fortrolig: 'fortrolig', 'strengt-fortrolig': 'strengtFortrolig', 'strengt-fortrolig-utland': 'strengtFortroligUtland' } as const;

function vegadresse(a: SimAddress): Record<string, unknown> {
  const m = /^(.*?)\s+(\d+)\s*([A-Za-z]?)$/.exec(a.street.trim());
  const adressenummer = m ? { husnummer: m[2], ...(m[3] ? { husbokstav: m[3].toUpperCase() } : {}) } : undefined;
  return {
    kommunenummer: a.municipality ?? '0301',
    bruksenhetsnummer: 'H0101',
    bruksenhetstype: 'bolig',
    adressenavn: m ? m[1] : a.street.trim(),
    ...(adressenummer ? { adressenummer } : {}),
    poststed: { poststedsnavn: a.postalPlace, postnummer: a.postalCode },
  };
}

/** mor/far/medmor of a parent: by the stored parent's sex, else by the number's sex digit. */
function parentRole(state: RegisterSimState, personNumber: string): 'mor' | 'far' {
  const sex = state.storedPerson(personNumber)?.sex ?? decodePersonNumber(personNumber)?.sex ?? (Number(personNumber[8]) % 2 === 1 ? 'mann' : 'kvinne');
  return sex === 'kvinne' ? 'mor' : 'far';
}

function ageAt(birthDate: string, now: number): number {
  const b = new Date(`${birthDate}T00:00:00Z`);
  const n = new Date(now);
  let age = n.getUTCFullYear() - b.getUTCFullYear();
  if (n.getUTCMonth() < b.getUTCMonth() || (n.getUTCMonth() === b.getUTCMonth() && n.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

function responsibleFor(state: RegisterSimState, p: SimPerson): string[] {
  if (p.parentalResponsibility) return p.parentalResponsibility;
  return ageAt(p.birthDate, state.now()) < 18 ? p.parents : [];
}

/** The person document Folkeregisteret would hold for a SimPerson (current versions only). */
export function fregDocumentOf(state: RegisterSimState, p: SimPerson): Record<string, unknown> {
  const now = new Date(state.now()).toISOString();
  const v = (extra: Record<string, unknown>, since = `${p.birthDate}T00:00:00+01:00`) => ({
    ajourholdstidspunkt: now,
    erGjeldende: true,
    kilde: 'Postmottak-simulator',
    aarsak: 'Simulert',
    gyldighetstidspunkt: since,
    ...extra,
  });
  const decoded = decodePersonNumber(p.personNumber);
  const strengt = p.protection === 'strengt-fortrolig' || p.protection === 'strengt-fortrolig-utland';
  const gradering = GRADERING[p.protection];
  const doc: Record<string, unknown> = {
    identifikasjonsnummer: [v({ status: 'iBruk', foedselsEllerDNummer: p.personNumber, identifikatortype: decoded?.dNumber ? 'dNummer' : 'foedselsnummer' })],
    status: [v({ status: STATUS[p.status] })],
    foedsel: [v({ foedselsdato: p.birthDate, foedselsaar: p.birthDate.slice(0, 4) })],
    kjoenn: [v({ kjoenn: p.sex })],
    navn: [v({ fornavn: p.firstName, ...(p.middleName ? { mellomnavn: p.middleName } : {}), etternavn: p.lastName })],
  };
  if (p.status === 'doed') doc.doedsfall = v({ doedsdato: now.slice(0, 10) });
  if (p.protection !== 'none') doc.adressebeskyttelse = [v({ graderingsnivaa: gradering })];
  if (strengt) {
    // the only address given for a strengt fortrolig person: a forwarding postbox (run by Skatt nord / Kripos in the real register)
    doc.postadresse = [
      v({ adressegradering: 'strengtFortrolig', postboksadresse: { postbokseier: 'Skatteetaten', postboks: '9200', poststed: { poststedsnavn: 'TROMSØ', postnummer: '9291' } } }),
    ];
  } else {
    doc.bostedsadresse = [
      p.address
        ? v({ vegadresse: vegadresse(p.address), adressegradering: gradering, flyttedato: p.birthDate })
        : v({ ukjentBosted: { bostedskommune: p.postAddress?.municipality ?? '0301' }, adressegradering: gradering }),
    ];
    if (p.postAddress) {
      const { kommunenummer: _k, bruksenhetstype: _t, ...forPost } = vegadresse(p.postAddress);
      doc.postadresse = [v({ adressegradering: gradering, vegadresse: forPost })];
    }
  }
  const relations: Record<string, unknown>[] = [];
  for (const child of p.children) relations.push(v({ relatertPerson: child, relatertPersonsRolle: 'barn', minRolleForPerson: p.sex === 'kvinne' ? 'mor' : 'far' }));
  for (const parent of p.parents) relations.push(v({ relatertPerson: parent, relatertPersonsRolle: parentRole(state, parent), minRolleForPerson: 'barn' }));
  if (relations.length) doc.familierelasjon = relations;

  const responsibility: Record<string, unknown>[] = [];
  const own = responsibleFor(state, p);
  const ansvar = (holders: string[]) => (holders.length >= 2 ? 'felles' : parentRole(state, holders[0] ?? ''));
  for (const holder of own) responsibility.push(v({ ansvar: ansvar(own), ansvarssubjekt: p.personNumber, ansvarlig: holder }));
  for (const child of p.children) {
    const c = state.storedPerson(child);
    // a child the simulator does not hold is taken as a minor in shared care
    if (!c) responsibility.push(v({ ansvar: 'felles', ansvarssubjekt: child, ansvarlig: p.personNumber }));
    else {
      const holders = responsibleFor(state, c);
      if (holders.includes(p.personNumber)) responsibility.push(v({ ansvar: ansvar(holders), ansvarssubjekt: child, ansvarlig: p.personNumber }));
    }
  }
  if (responsibility.length) doc.foreldreansvar = responsibility;
  return doc;
}

/** Keeps the asked-for parts, and only current versions unless `historikk` is asked for. */
export function selectParts(doc: Record<string, unknown>, parts: string[]): Record<string, unknown> {
  const wanted = new Set<string>();
  const history = parts.some((p) => p.toLowerCase() === 'historikk');
  const named = parts.filter((p) => p.toLowerCase() !== 'historikk');
  if (named.length === 0) PERSON_BASIS.forEach((k) => wanted.add(k.toLowerCase()));
  for (const p of named) {
    const k = p.toLowerCase();
    if (k === 'person-basis') PERSON_BASIS.forEach((b) => wanted.add(b.toLowerCase()));
    else if (k === 'relasjon-utvidet') RELASJON_UTVIDET.forEach((b) => wanted.add(b.toLowerCase()));
    else wanted.add(k);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!wanted.has(key.toLowerCase())) continue;
    if (Array.isArray(value) && !history) {
      const currentOnly = value.filter((e) => (e as { erGjeldende?: boolean }).erGjeldende !== false);
      if (currentOnly.length) out[key] = currentOnly;
    } else out[key] = value;
  }
  return out;
}

export function handleFregPerson(state: RegisterSimState, id: string, url: URL): SimResponse {
  if (!/^\d{11}$/.test(id)) return fregError(400, 'FREG-400', 'Ugyldig personidentifikator');
  const raw = state.document(id);
  const person = raw ? undefined : state.person(id);
  const doc = raw ?? (person ? fregDocumentOf(state, person) : undefined);
  if (!doc) return fregError(404, 'FREG-404', 'Ukjent person');
  return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(selectParts(doc, url.searchParams.getAll('part'))) };
}
