import type { SimResponse } from '../../shared/simulator/sim-server';
import type { RegisterSimState, SimKrr } from './register-sim-state';

/**
 * KRR Oppslagstjenesten REST, written from specs/registers/krr: `POST /rest/v1/personer` (and
 * v2) with `{"personidentifikatorer":[…]}`, 1–1000 per call, answering `{"personer":[…]}` in
 * snake_case with one entry per number; numbers KRR does not know come back IKKE_REGISTRERT.
 * varslingsstatus follows the 18-month rule (either timestamp newer than 18 months).
 */

export const KRR_PERSONER_PATH = /^\/rest\/v[12]\/personer$/;
export const KRR_SIM_MAX = 1000;

const json = (status: number, body: unknown): SimResponse => ({ status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });

/** KRR writes timestamps with an hour offset ('2023-06-29T10:14:52+02'); the simulator uses +00. */
const krrTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00`;
const isoTime = (ms: number): string => new Date(ms).toISOString();

function eighteenMonthsBefore(now: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - 18);
  return d.getTime();
}

/** One KRR person in the REST shape. */
export function krrPersonJson(personNumber: string, k: SimKrr | undefined, now: number, withVarslingsstatus: boolean): Record<string, unknown> {
  if (!k || k.state !== 'AKTIV') {
    return {
      personidentifikator: personNumber,
      reservasjon: 'NEI',
      status: k?.state ?? 'IKKE_REGISTRERT',
      ...(withVarslingsstatus ? { varslingsstatus: 'KAN_IKKE_VARSLES' } : {}),
    };
  }
  const cutoff = eighteenMonthsBefore(now);
  const verified = k.verifiedAt ?? null;
  const emailUpdated = k.emailUpdatedAt ?? k.updatedAt;
  const mobileUpdated = k.mobileUpdatedAt ?? k.updatedAt;
  const fresh = (updated: number) => updated >= cutoff || (verified !== null && verified >= cutoff);
  const canNotify = !k.reserved && ((k.email !== null && fresh(emailUpdated)) || (k.mobile !== null && fresh(mobileUpdated)));
  const kontaktinformasjon: Record<string, string> = {};
  if (k.email !== null) {
    kontaktinformasjon.epostadresse = k.email;
    kontaktinformasjon.epostadresse_oppdatert = krrTime(emailUpdated);
    if (verified !== null) kontaktinformasjon.epostadresse_sist_verifisert = isoTime(verified);
  }
  if (k.mobile !== null) {
    kontaktinformasjon.mobiltelefonnummer = k.mobile;
    kontaktinformasjon.mobiltelefonnummer_oppdatert = krrTime(mobileUpdated);
    if (verified !== null) kontaktinformasjon.mobiltelefonnummer_sist_verifisert = isoTime(verified);
  }
  return {
    personidentifikator: personNumber,
    reservasjon: k.reserved ? 'JA' : 'NEI',
    ...(k.reserved ? { reservasjonstidspunkt: krrTime(k.updatedAt) } : {}),
    status: 'AKTIV',
    ...(withVarslingsstatus ? { varslingsstatus: canNotify ? 'KAN_VARSLES' : 'KAN_IKKE_VARSLES' } : {}),
    ...(Object.keys(kontaktinformasjon).length ? { kontaktinformasjon } : {}),
    ...(k.language ? { spraak: k.language, spraak_oppdatert: krrTime(k.updatedAt) } : {}),
  };
}

export function handleKrrPersoner(state: RegisterSimState, body: Buffer): SimResponse {
  let ids: unknown;
  try {
    ids = (JSON.parse(body.toString('utf8')) as { personidentifikatorer?: unknown }).personidentifikatorer;
  } catch {
    return json(400, { error: 'bad_request', message: 'Ugyldig JSON' });
  }
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > KRR_SIM_MAX) return json(400, { error: 'bad_request', message: `personidentifikatorer må ha 1–${KRR_SIM_MAX} elementer` });
  if (!ids.every((n) => typeof n === 'string' && /^\d{11}$/.test(n))) return json(400, { error: 'bad_request', message: 'Ugyldig personidentifikator' });
  state.calls.krrPersons += ids.length;
  const now = state.now();
  const personer = (ids as string[]).map((n) => krrPersonJson(n, state.krr(n), now, state.krrVarslingsstatus));
  return json(200, { personer });
}
