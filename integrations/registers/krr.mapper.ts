import type { ContactFacts, ContactState } from '../../electron/core/ports/register.port';

/** A KRR `/rest/v1/personer` entry (snake_case) → ContactFacts, with KRR's 18-month rule. */

/** Enum values compared case- and underscore-insensitively, as in register.mapper.ts. */
const norm = (s: string | undefined | null): string => (s ?? '').toLowerCase().replace(/[_\s-]/g, '');

// ---------------------------------------------------------------------------------------------
// KRR (Oppslagstjenesten REST, `/rest/v1/personer`)

export interface KrrPerson {
  personidentifikator?: string;
  reservasjon?: string;
  reservasjonstidspunkt?: string;
  status?: string;
  varslingsstatus?: string;
  kontaktinformasjon?: {
    epostadresse?: string;
    epostadresse_oppdatert?: string;
    epostadresse_sist_verifisert?: string;
    mobiltelefonnummer?: string;
    mobiltelefonnummer_oppdatert?: string;
    mobiltelefonnummer_sist_verifisert?: string;
  };
  spraak?: string;
}

export interface KrrResponse {
  personer?: KrrPerson[];
}

/**
 * ISO timestamps as KRR writes them ('2023-06-29T10:14:52+02', '…:15.768Z'); an offset of hours
 * only is not accepted by Date.parse, and a time without a zone is taken as UTC. NaN when unreadable.
 */
export function parseKrrTime(s: string | undefined): number {
  if (!s) return NaN;
  let t = s.trim();
  if (/[+-]\d{2}$/.test(t)) t += ':00';
  else if (/[+-]\d{4}$/.test(t)) t = `${t.slice(0, -2)}:${t.slice(-2)}`;
  else if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
  return Date.parse(t);
}

/** now − 18 calendar months (eForvaltningsforskriften § 32). */
export function eighteenMonthsBefore(now: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - 18);
  return d.getTime();
}

/**
 * A channel may be used while either its last update or its last verification is newer than
 * 18 months. A channel without either timestamp is judged by varslingsstatus alone.
 */
function channelFresh(updated: string | undefined, verified: string | undefined, cutoff: number): boolean | undefined {
  const times = [parseKrrTime(updated), parseKrrTime(verified)].filter((t) => !Number.isNaN(t));
  if (times.length === 0) return undefined;
  return times.some((t) => t >= cutoff);
}

const STATES: Record<string, ContactState> = { aktiv: 'active', slettet: 'deleted', ikkeregistrert: 'not-registered' };
const LANGUAGES = new Set(['nb', 'nn', 'en', 'se']);

/** The answer for a number KRR did not return at all: treated as not registered. */
export function notRegistered(personNumber: string): ContactFacts {
  return { personNumber, state: 'not-registered', reserved: false, canNotify: false, email: null, mobile: null, language: null };
}

/**
 * A KRR person → ContactFacts. Contact data that fails the 18-month rule is not handed on
 * (email/mobile become null), so no caller can notify through a stale channel: the rule is
 * per channel, and the port has no per-channel flag. canNotify is KRR's varslingsstatus when
 * given (it also covers reservation), else: active, not reserved and one fresh channel.
 */
export function mapKrrPerson(k: KrrPerson, now: number): ContactFacts {
  const personNumber = k.personidentifikator ?? '';
  const state = STATES[norm(k.status)] ?? 'not-registered';
  const reserved = norm(k.reservasjon) === 'ja';
  const ki = state === 'active' ? k.kontaktinformasjon : undefined;
  const cutoff = eighteenMonthsBefore(now);
  const emailFresh = channelFresh(ki?.epostadresse_oppdatert, ki?.epostadresse_sist_verifisert, cutoff);
  const mobileFresh = channelFresh(ki?.mobiltelefonnummer_oppdatert, ki?.mobiltelefonnummer_sist_verifisert, cutoff);
  const email = ki?.epostadresse?.trim() && emailFresh !== false ? ki.epostadresse.trim() : null;
  const mobile = ki?.mobiltelefonnummer?.trim() && mobileFresh !== false ? ki.mobiltelefonnummer.trim() : null;

  const status = norm(k.varslingsstatus);
  let canNotify: boolean;
  if (status === 'kanvarsles') canNotify = state === 'active' && (email !== null || mobile !== null);
  else if (status === 'kanikkevarsles') canNotify = false;
  else canNotify = state === 'active' && !reserved && ((email !== null && emailFresh === true) || (mobile !== null && mobileFresh === true));

  const lang = norm(k.spraak);
  return {
    personNumber,
    state,
    reserved,
    canNotify,
    email,
    mobile,
    language: LANGUAGES.has(lang) ? (lang as ContactFacts['language']) : null,
  };
}
