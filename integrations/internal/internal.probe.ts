import path from 'node:path';
import { createClientAsync, type Client } from 'soap';
import type { ProbeRun } from '../../electron/core/ports/connection-probe.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { createAltinnTokenProvider } from '../shared/auth/maskinporten.client';
import { createOAuth2Client } from '../shared/auth/oauth2-client';
import { errorForStatus, httpRequest } from '../shared/http';
import type { InternalTargetConfig } from './internal.config';

/**
 * "Test tilkobling" for an internal system (#17 item 1), per transport. REST: the credentials
 * (OAuth2 client credentials, Maskinporten or Basic), then a HEAD on the target's address (no
 * hand-over is made). SOAP: the WSDL read and its operations listed, then an empty envelope posted
 * with the credentials (no operation is called; the service answers with a Fault). File: the
 * folder takes a probe file and the receipt folder is read.
 */

/** The one secret a step already fetched, as a store for the token clients (they read from a store). */
const oneSecret = (name: string, value: string): SecretStore => ({
  kind: 'tilkoblingstest',
  get: async (n) => (n === name ? value : undefined),
  set: async () => undefined,
  delete: async () => undefined,
  names: async () => [name],
});

const EMPTY_ENVELOPE = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>';

export async function probeInternalTarget(run: ProbeRun, id: string, t: InternalTargetConfig, o: { resourcesDir: string; now: () => number }): Promise<void> {
  switch (t.transport) {
    case 'manual':
      await run.step('Manuell overlevering', {}, async () => undefined, () => 'Ingen tilkobling å teste: en person registrerer søknaden i fagsystemet');
      return;
    case 'file': {
      const f = t.file;
      if (!f) throw new Error(`${t.name}: seksjonen «file» mangler i oppsettet.`);
      await run.writableFolder(f.dir, `mappen ${t.name} henter fra`);
      if (f.receipts) await run.readableFolder(f.receipts.dir, `kvitteringsmappen til ${t.name}`);
      return;
    }
    case 'rest': {
      const r = t.rest;
      if (!r) throw new Error(`${t.name}: seksjonen «rest» mangler i oppsettet.`);
      const a = r.auth;
      let authorization: string;
      let creds: string;
      if (a.kind === 'oauth2') {
        const secret = await run.secret(a.clientSecret, `klienthemmeligheten «${a.clientSecret.secret}»`);
        creds = `klient-id ${a.clientId} / ${a.clientSecret.secret}`;
        const client = createOAuth2Client(
          { tokenUrl: a.tokenUrl, clientId: a.clientId, clientSecret: a.clientSecret, scope: a.scope, clientAuth: a.clientAuth, timeoutMs: run.timeoutMs, integration: id, what: t.name },
          { secrets: oneSecret(a.clientSecret.secret, secret), now: o.now },
        );
        authorization = `Bearer ${await run.step('Hent OAuth2-token (client credentials)', { url: a.tokenUrl, credentials: creds }, () => client.token(), () => 'Token mottatt')}`;
      } else if (a.kind === 'maskinporten') {
        const mp = a.maskinporten;
        const pem = await run.secret(mp.privateKey, `Maskinporten-nøkkelen «${mp.privateKey.secret}»`);
        creds = `klient-id ${mp.clientId} / nøkkel ${mp.privateKey.secret}`;
        const token = await run.step(
          'Hent token fra Maskinporten',
          { url: mp.tokenUrl, credentials: creds },
          () => createAltinnTokenProvider({ ...mp, privateKeyPem: pem, timeoutMs: run.timeoutMs }, null, o.now).token(),
          () => `Token mottatt (scope «${mp.scope}»)`,
        );
        authorization = `Bearer ${token}`;
      } else {
        const pw = await run.secret(a.password, `passordet «${a.password.secret}»`);
        creds = a.password.secret;
        authorization = `Basic ${Buffer.from(`${a.username}:${pw}`, 'utf8').toString('base64')}`;
      }
      await run.step(
        `Kontakt ${t.name} (HEAD)`,
        { url: r.url, credentials: creds },
        async () => {
          const res = await httpRequest(r.url, { method: 'HEAD', headers: { authorization } }, `${t.name}: HEAD`, { integration: id, timeoutMs: run.timeoutMs });
          await res.body?.cancel();
          // 405: the address only takes the hand-over's POST/PUT, which is what it should do
          if (res.status === 405 || res.status < 400) return res.status;
          throw errorForStatus(res, `${t.name}: HEAD`, id)!;
        },
        (s) => `Tjenesten svarte (HTTP ${s}${s === 405 ? ': tar bare imot overleveringer, som ventet' : ''})`,
      );
      return;
    }
    case 'soap': {
      const s = t.soap;
      if (!s) throw new Error(`${t.name}: seksjonen «soap» mangler i oppsettet.`);
      const auth = s.auth;
      const password = auth ? await run.secret(auth.password, `passordet «${auth.password.secret}»`) : null;
      const wsdl = /^https?:\/\//i.test(s.wsdl) ? s.wsdl : path.resolve(o.resourcesDir, s.wsdl);
      const { client } = await run.step(
        'Les WSDL-en og list operasjonene',
        /^https?:/i.test(wsdl) ? { url: wsdl } : { dir: wsdl },
        async () => {
          const client: Client = await createClientAsync(wsdl, { disableCache: true, wsdl_options: { timeout: run.timeoutMs } });
          const operations = Object.values(client.describe() as Record<string, Record<string, Record<string, unknown>>>).flatMap((svc) => Object.values(svc).flatMap((port) => Object.keys(port)));
          if (!operations.includes(s.operation)) throw new Error(`WSDL-en «${s.wsdl}» har ikke operasjonen «${s.operation}»; den har ${operations.join(', ') || 'ingen'}`);
          return { client, operations: [...new Set(operations)] };
        },
        (r) => `${r.operations.length} ${r.operations.length === 1 ? 'operasjon' : 'operasjoner'}: ${r.operations.join(', ')} («${s.operation}» brukes)`,
      );
      const endpoint = s.endpoint ?? wsdlAddress(client);
      if (!endpoint) throw new Error(`WSDL-en «${s.wsdl}» har ingen soap:address, og soap.endpoint er ikke satt`);
      await run.step(
        `Kontakt ${t.name} (tom SOAP-forespørsel)`,
        { url: endpoint, credentials: auth?.password.secret },
        async () => {
          const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };
          if (auth && password !== null) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64')}`;
          const res = await httpRequest(endpoint, { method: 'POST', headers, body: EMPTY_ENVELOPE }, `${t.name}: SOAP`, { integration: id, timeoutMs: run.timeoutMs });
          const body = await res.text().catch(() => '');
          // an empty Body calls no operation: a SOAP Fault (HTTP 500 in SOAP 1.1) is the expected answer
          if (res.ok || (res.status !== 401 && res.status !== 403 && /:?Fault\b/.test(body))) return res.status;
          throw errorForStatus(res, `${t.name}: SOAP`, id) ?? new Error(`${t.name}: uventet svar (HTTP ${res.status})`);
        },
        (st) => `Tjenesten svarte (HTTP ${st}${st >= 400 ? ': SOAP Fault på en tom forespørsel, som ventet' : ''})`,
      );
      return;
    }
  }
}

/** The first soap:address of the WSDL's services. */
function wsdlAddress(client: Client): string | undefined {
  for (const svc of Object.values(client.wsdl.definitions.services)) {
    for (const port of Object.values(svc.ports)) if (port.location) return port.location;
  }
  return undefined;
}
