import type { RegisterPort } from '../../electron/core/ports/register.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import type { Maskinporten } from '../shared/auth/maskinporten';
import { resolveSecret } from '../shared/config';
import type { RegistersConnection } from './registers.config';
import { createFolkeregisteretAdapter } from './folkeregisteret.adapter';
import { createKrrAdapter } from './krr.adapter';

/**
 * RegisterPort over both registers: person() from Folkeregisteret, contacts() from KRR. Each has
 * its own Maskinporten scope, so the token provider is asked per register. No caching here: the
 * core caches with a time limit, and KRR's terms want a fresh lookup per mailing.
 */

export interface RegistersConfig {
  /** Origin of the Folkeregisteret API, e.g. https://folkeregisteret.api.skatteetaten.no */
  folkeregisteret: { url: string; timeoutMs: number };
  /** Origin of KRR, e.g. https://kontaktregisteret.no */
  krr: { url: string; timeoutMs: number };
}

export type RegisterScope = 'folkeregister' | 'krr';

export interface RegistersDeps {
  /** A bearer token for the register: folkeregister:deling/offentligmedhjemmel, krr:global/kontaktinformasjon.read. */
  token(scope: RegisterScope): Promise<string>;
  /** For KRR's 18-month rule; default Date.now. */
  now?: () => number;
  /** Aborts calls in flight (app shutdown). */
  signal?: AbortSignal;
}

export function createRegisterAdapter(config: RegistersConfig, deps: RegistersDeps): RegisterPort {
  const freg = createFolkeregisteretAdapter(config.folkeregisteret, { token: () => deps.token('folkeregister'), signal: deps.signal });
  const krr = createKrrAdapter(config.krr, { token: () => deps.token('krr'), now: deps.now ?? Date.now, signal: deps.signal });
  return {
    person: (personNumber) => freg.person(personNumber),
    contacts: (personNumbers) => krr.contacts(personNumbers),
  };
}

/** The configured registers: Maskinporten (a client and scope per register) or a fixed bearer token. */
export async function createRegisters(
  reg: RegistersConnection | undefined,
  deps: { secrets: SecretStore; now: () => number; maskinporten: Maskinporten },
): Promise<RegisterPort | null> {
  if (!reg?.enabled) return null;
  let token: (scope: RegisterScope) => Promise<string>;
  if (reg.auth.kind === 'bearer') {
    const t = await resolveSecret(deps.secrets, reg.auth.token, 'registrene');
    token = async () => t;
  } else {
    const freg = await deps.maskinporten.provider(reg.auth.folkeregisteret, { timeoutMs: reg.folkeregisteret.timeoutMs });
    const krr = await deps.maskinporten.provider(reg.auth.krr, { timeoutMs: reg.krr.timeoutMs });
    token = (scope) => (scope === 'folkeregister' ? freg.token() : krr.token());
  }
  return createRegisterAdapter({ folkeregisteret: reg.folkeregisteret, krr: reg.krr }, { token, now: deps.now });
}
