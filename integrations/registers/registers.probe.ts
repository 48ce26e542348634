import type { ProbeRun } from '../../electron/core/ports/connection-probe.port';
import type { MaskinportenSection } from '../shared/auth/maskinporten';
import { createAltinnTokenProvider } from '../shared/auth/maskinporten.client';
import { errorForStatus, httpRequest } from '../shared/http';
import { FREG_API_PATH } from './folkeregisteret.adapter';
import { KRR_PERSONER_PATH } from './krr.adapter';
import type { RegistersSection } from './registers.config';

/**
 * "Test tilkobling" for Folkeregisteret and KRR (#17 item 1): the token, then one call to each
 * register that names nobody: Folkeregisteret asked for an identifier that is no fødselsnummer,
 * KRR for an empty list. Each register answers such a call with its own refusal (400/404 with
 * its error body) after it has checked the token, so the answer proves address, token and
 * access without looking anyone up.
 */

/** Not a fødselsnummer or D-nummer (letters): no register can hold it. */
const NOBODY = 'tilkoblingstest';

async function maskinportenToken(run: ProbeRun, mp: MaskinportenSection, register: string, now: () => number): Promise<string> {
  const pem = await run.secret(mp.privateKey, `Maskinporten-nøkkelen «${mp.privateKey.secret}» (${register})`);
  return run.step(
    `Hent token fra Maskinporten (${register})`,
    { url: mp.tokenUrl, credentials: `klient-id ${mp.clientId} / nøkkel ${mp.privateKey.secret}` },
    () => createAltinnTokenProvider({ ...mp, privateKeyPem: pem, timeoutMs: run.timeoutMs }, null, now).token(),
    () => `Token mottatt (scope «${mp.scope}»)`,
  );
}

/** The register's answer: 2xx, or the refusal of a call naming nobody in the register's own error format. */
async function answered(res: Response, what: string, integration: string, refusals: number[], isOwnRefusal: (body: object) => boolean): Promise<number> {
  if (res.ok) {
    await res.body?.cancel();
    return res.status;
  }
  if (refusals.includes(res.status)) {
    const body: unknown = await res
      .text()
      .then((t) => JSON.parse(t) as unknown)
      .catch(() => null);
    if (body && typeof body === 'object' && isOwnRefusal(body)) return res.status;
    throw errorForStatus(res, what, integration)!;
  }
  await res.body?.cancel();
  throw errorForStatus(res, what, integration)!;
}

export async function probeRegisters(run: ProbeRun, reg: RegistersSection, now: () => number): Promise<void> {
  let fregToken: () => Promise<string>;
  let krrToken: () => Promise<string>;
  let fregCreds: string;
  let krrCreds: string;
  if (reg.auth.kind === 'bearer') {
    const t = await run.secret(reg.auth.token, `tokenet «${reg.auth.token.secret}»`);
    fregToken = krrToken = async () => t;
    fregCreds = krrCreds = reg.auth.token.secret;
  } else {
    const { folkeregisteret, krr } = reg.auth;
    fregToken = () => maskinportenToken(run, folkeregisteret, 'Folkeregisteret', now);
    krrToken = () => maskinportenToken(run, krr, 'KRR', now);
    fregCreds = `klient-id ${folkeregisteret.clientId}`;
    krrCreds = `klient-id ${krr.clientId}`;
  }

  const ft = await fregToken();
  const fregUrl = `${reg.folkeregisteret.url.replace(/\/+$/, '')}${FREG_API_PATH}/personer/${NOBODY}`;
  await run.step(
    'Kontroller tilgangen til Folkeregisteret',
    { url: fregUrl, credentials: fregCreds },
    async () => {
      const what = 'Folkeregisteret: tilgangskontroll';
      const res = await httpRequest(fregUrl, { headers: { authorization: `Bearer ${ft}`, accept: 'application/json' } }, what, { integration: 'folkeregisteret', timeoutMs: run.timeoutMs });
      // Folkeregisteret's errors carry {httpStatus, feilkode, feilmelding}
      return answered(res, what, 'folkeregisteret', [400, 404], (b) => 'feilkode' in b || 'httpStatus' in b);
    },
    (s) => `Folkeregisteret svarte (HTTP ${s} på et oppslag uten person, som ventet)`,
  );

  const kt = await krrToken();
  const krrUrl = `${reg.krr.url.replace(/\/+$/, '')}${KRR_PERSONER_PATH}`;
  await run.step(
    'Kontroller tilgangen til KRR',
    { url: krrUrl, credentials: krrCreds },
    async () => {
      const what = 'KRR: tilgangskontroll';
      const res = await httpRequest(
        krrUrl,
        { method: 'POST', headers: { authorization: `Bearer ${kt}`, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ personidentifikatorer: [] }) },
        what,
        { integration: 'krr', timeoutMs: run.timeoutMs },
      );
      // a 404 is a wrong path, never KRR's answer
      return answered(res, what, 'krr', [400], () => true);
    },
    (s) => `KRR svarte (HTTP ${s} på et tomt oppslag, som ventet)`,
  );
}
