import { createHash } from 'node:crypto';
import { IntegrationError } from '../../electron/core/errors';
import type { PrintChannel, PrintOrder } from '../../electron/core/ports/print-channel.port';
import { errorForStatus, httpRequest, readJson } from '../shared/http';

/**
 * KS Fiks SvarUt v2 as a print-only shipment (specs/svarut: forsendelse-send, -eksternref,
 * -status, -hendelser). The recipient goes without digitalId, so SvarUt cannot deliver it
 * digitally and prints it, with its own cover page, on the letter PDF alone.
 *
 * Idempotent by the order's key, which is the forsendelse's eksternReferanse: submit() first
 * asks `GET …/forsendelser?eksternRef=` and returns an existing forsendelse's id, so a retry
 * after a lost answer never sends a second letter.
 */

export interface SvarUtPrintChannelConfig {
  /** Base URL including `/api`, e.g. https://svarut.ks.no/api (prod) or https://test.svarut.ks.no/api. */
  url: string;
  /** The SvarUt account (uuid) the letters go from. */
  kontoId: string;
  /** Fiks integrasjon id (uuid) and password, resolved by the caller. */
  integrasjonId: string;
  integrasjonPassord: string;
  /** A Maskinporten access token with scope ks:fiks. */
  token(): Promise<string>;
  timeoutMs: number;
  now?: () => number;
  /** avgivendeSystem on every forsendelse; default "Postmottak". */
  avgivendeSystem?: string;
}

/** The status enum of forsendelse-status-api-v2. */
export type SvarUtStatus =
  | 'MOTTATT'
  | 'AKSEPTERT'
  | 'AVVIST'
  | 'VARSLET'
  | 'LEST'
  | 'SENDT_PRINT'
  | 'PRINTET'
  | 'MANUELT_HANDTERT'
  | 'SENDT_DIGITALT'
  | 'SENDT_SDP'
  | 'LEVERT_SDP'
  | 'KLAR_FOR_MOTTAK'
  | 'IKKE_LEVERT';

export interface SvarUtForsendelseStatus {
  id: string;
  status: SvarUtStatus;
  sisteStatusEndring: string;
}

export interface SvarUtPrintChannel extends PrintChannel {
  readonly kind: 'svarut';
  /** Current status of forsendelser (status-sok). */
  status(ids: string[]): Promise<SvarUtForsendelseStatus[]>;
  /** The forsendelse's history (hendelser). */
  hendelser(id: string): Promise<{ tidspunkt: string; hendelse: string }[]>;
  /** Ids of forsendelser with this order key (eksternRef lookup). */
  lookup(key: string): Promise<string[]>;
}

/** SvarUt's Forsendelse, as far as a print-only letter fills it (forsendelse-send-api-v2 components.schemas.Forsendelse). */
export interface SvarUtForsendelse {
  tittel: string;
  mottaker: {
    navn: string;
    adresselinje1?: string;
    adresselinje2?: string;
    adresselinje3?: string;
    postnummer?: string;
    poststed?: string;
    land?: string;
  };
  avgivendeSystem?: string;
  eksternReferanse: string;
  kunDigitalLevering: false;
  kryptert: false;
  krevNiva4Innlogging: false;
  utskriftskonfigurasjon: { utskriftMedFarger: boolean; tosidig: boolean };
  dokumenter: { filnavn: string; mimeType: 'application/pdf'; skalSigneres: false; skalEkskluderesFraUtskrift: false }[];
}

const INTEGRATION = 'svarut';
const MAX_EKSTERN_REF = 100;
const MAX_TITLE = 1000;
const MAX_FILENAME = 226;

/** The key as eksternReferanse (max 100 characters; a longer key is hashed so it stays unique). */
export function svarUtEksternReferanse(key: string): string {
  return key.length <= MAX_EKSTERN_REF ? key : `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** Filnavn may not contain * : " \ / < > | ? and is at most 226 characters. */
export function svarUtFilename(name: string): string {
  let s = Array.from(name, (c) => (c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .replace(/[*:"\\/<>|?]+/g, '_')
    .trim();
  if (!s) s = 'brev.pdf';
  if (!/\.pdf$/i.test(s)) s += '.pdf';
  if (s.length > MAX_FILENAME) s = s.slice(0, MAX_FILENAME - 4) + '.pdf';
  return s;
}

const countryNames = new Intl.DisplayNames(['nb'], { type: 'region', fallback: 'code' });
function land(country: string | null): string | undefined {
  const code = country?.trim().toUpperCase();
  if (!code || code === 'NO' || code === 'NOR') return undefined;
  try {
    return /^[A-Z]{2}$/.test(code) ? (countryNames.of(code) ?? code) : country!.trim();
  } catch {
    return country!.trim();
  }
}

/** The Forsendelse for a print-only letter: no digitalId, never kunDigitalLevering. */
export function toSvarUtForsendelse(o: PrintOrder, avgivendeSystem = 'Postmottak'): SvarUtForsendelse {
  const a = o.recipient.address;
  const lines = a.lines.map((l) => l.trim()).filter((l) => l !== '');
  // three lines on the wire; a fourth and later are kept on the third rather than lost
  const wire = lines.length > 3 ? [lines[0]!, lines[1]!, lines.slice(2).join(', ')] : lines;
  const mottaker: SvarUtForsendelse['mottaker'] = { navn: o.recipient.name.trim() };
  if (wire[0]) mottaker.adresselinje1 = wire[0];
  if (wire[1]) mottaker.adresselinje2 = wire[1];
  if (wire[2]) mottaker.adresselinje3 = wire[2];
  if (a.postalCode.trim()) mottaker.postnummer = a.postalCode.trim();
  if (a.postalPlace.trim()) mottaker.poststed = a.postalPlace.trim();
  const l = land(a.country);
  if (l) mottaker.land = l;
  return {
    tittel: o.title.trim().slice(0, MAX_TITLE),
    mottaker,
    avgivendeSystem,
    eksternReferanse: svarUtEksternReferanse(o.key),
    kunDigitalLevering: false,
    kryptert: false,
    krevNiva4Innlogging: false,
    utskriftskonfigurasjon: { utskriftMedFarger: o.options.color, tosidig: o.options.duplex },
    dokumenter: [{ filnavn: svarUtFilename(o.letter.filename), mimeType: 'application/pdf', skalSigneres: false, skalEkskluderesFraUtskrift: false }],
  };
}

/** Eleven digits in a row could be a fødselsnummer; an echoed error text never carries one. */
const redact = (s: string) => s.replace(/\d(?:[\s.-]?\d){10,}/g, '[redigert]').slice(0, 500);

interface ErrorMessage {
  message?: string;
  error?: string;
  errorCode?: string;
  errorId?: string;
}

/** Maps a failed answer; a 400 carries SvarUt's ErrorMessage text (it says which field is wrong). */
async function failure(res: Response, what: string): Promise<IntegrationError> {
  const base = errorForStatus(res, what, INTEGRATION) ?? new IntegrationError('permanent', `${what}: HTTP ${res.status}`, { integration: INTEGRATION });
  if (base.kind !== 'validation' && base.kind !== 'permanent') {
    await res.body?.cancel().catch(() => undefined);
    return base;
  }
  let detail = '';
  try {
    const body = JSON.parse(await res.text()) as ErrorMessage;
    detail = [body.errorCode, body.message ?? body.error].filter((s): s is string => typeof s === 'string' && s !== '').join(': ');
    if (body.errorId) detail += ` (errorId ${body.errorId})`;
  } catch {
    // no ErrorMessage body: the status says enough
  }
  return new IntegrationError(base.kind, detail ? `${base.message}: ${redact(detail)}` : base.message, { integration: INTEGRATION });
}

export function createSvarUtPrintChannel(config: SvarUtPrintChannelConfig): SvarUtPrintChannel {
  const now = config.now ?? Date.now;
  const base = config.url.replace(/\/+$/, '');
  const konto = `${base}/v2/kontoer/${encodeURIComponent(config.kontoId)}`;
  const http = { integration: INTEGRATION, timeoutMs: config.timeoutMs };

  async function headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    let token: string;
    try {
      token = await config.token();
    } catch (e) {
      if (e instanceof IntegrationError) throw e;
      throw new IntegrationError('auth', 'SvarUt: fikk ikke Maskinporten-token', { integration: INTEGRATION, cause: e });
    }
    return {
      Authorization: `Bearer ${token}`,
      IntegrasjonId: config.integrasjonId,
      IntegrasjonPassord: config.integrasjonPassord,
      Accept: 'application/json',
      ...extra,
    };
  }

  async function lookup(key: string): Promise<string[]> {
    const what = 'SvarUt eksternRef-oppslag';
    const res = await httpRequest(`${konto}/forsendelser?eksternRef=${encodeURIComponent(svarUtEksternReferanse(key))}`, { method: 'GET', headers: await headers() }, what, http);
    if (res.status === 404) {
      await res.body?.cancel().catch(() => undefined);
      return [];
    }
    if (!res.ok) throw await failure(res, what);
    const body = await readJson<{ forsendelseIds?: unknown }>(res, what, INTEGRATION);
    if (!Array.isArray(body.forsendelseIds)) throw new IntegrationError('transient', `${what}: svaret mangler forsendelseIds`, { integration: INTEGRATION });
    return body.forsendelseIds.filter((id): id is string => typeof id === 'string' && id !== '');
  }

  async function send(o: PrintOrder): Promise<string> {
    const what = 'SvarUt send forsendelse';
    const forsendelse = toSvarUtForsendelse(o, config.avgivendeSystem);
    if (!forsendelse.tittel) throw new IntegrationError('validation', `${what}: tittel mangler`, { integration: INTEGRATION });
    if (!forsendelse.mottaker.navn) throw new IntegrationError('validation', `${what}: mottakerens navn mangler`, { integration: INTEGRATION });
    if (!forsendelse.mottaker.poststed || (!forsendelse.mottaker.land && !forsendelse.mottaker.postnummer)) {
      throw new IntegrationError('validation', `${what}: postadressen er ufullstendig (postnummer og poststed trengs for utskrift)`, { integration: INTEGRATION });
    }
    const form = new FormData();
    form.append('forsendelse', new Blob([JSON.stringify(forsendelse)], { type: 'application/json' }));
    form.append('filer_0', new Blob([o.letter.bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), forsendelse.dokumenter[0]!.filnavn);
    const res = await httpRequest(`${konto}/forsendelser`, { method: 'POST', headers: await headers(), body: form }, what, http);
    if (!res.ok) throw await failure(res, what);
    const body = await readJson<{ id?: unknown }>(res, what, INTEGRATION);
    if (typeof body.id !== 'string' || body.id === '') throw new IntegrationError('transient', `${what}: svaret mangler id`, { integration: INTEGRATION });
    return body.id;
  }

  return {
    kind: 'svarut',
    lookup,
    async submit(o) {
      const existing = await lookup(o.key);
      if (existing.length > 0) return { reference: existing[0]!, at: now() };
      return { reference: await send(o), at: now() };
    },
    async status(ids) {
      const what = 'SvarUt status-søk';
      if (ids.length === 0) return [];
      const res = await httpRequest(
        `${konto}/forsendelser/status-sok`,
        { method: 'POST', headers: await headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ forsendelseIds: ids }) },
        what,
        http,
      );
      if (!res.ok) throw await failure(res, what);
      const body = await readJson<{ statuser?: SvarUtForsendelseStatus[] }>(res, what, INTEGRATION);
      return Array.isArray(body.statuser) ? body.statuser : [];
    },
    async hendelser(id) {
      const what = 'SvarUt hendelser';
      const res = await httpRequest(`${base}/v2/forsendelser/${encodeURIComponent(id)}/hendelser`, { method: 'GET', headers: await headers() }, what, http);
      if (!res.ok) throw await failure(res, what);
      const body = await readJson<{ hendelser?: { tidspunkt: string; hendelse: string }[] }>(res, what, INTEGRATION);
      return Array.isArray(body.hendelser) ? body.hendelser : [];
    },
  };
}
