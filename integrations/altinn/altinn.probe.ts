import path from 'node:path';
import type { ProbeRun } from '../../electron/core/ports/connection-probe.port';
import type { MaskinportenSection } from '../shared/auth/maskinporten';
import { altinnExchangeUrl } from '../shared/auth/maskinporten';
import { createAltinnTokenProvider } from '../shared/auth/maskinporten.client';
import { errorForStatus, httpRequest, readJson } from '../shared/http';
import { createAltinn2DownloadQueueAdapter } from './altinn2-download-queue.adapter';
import { createAltinn2SoapClient } from './altinn2-soap.client';
import { ALTINN3_CORRESPONDENCE_EVENT_SCOPES, ALTINN3_CORRESPONDENCE_SCOPES } from './altinn3-correspondence.adapter';
import type { Altinn2Section, AltinnSection, CorrespondenceSection } from './altinn.config';

/**
 * "Test tilkobling" for Altinn (#17 item 1): the same calls the adapters make, each a step. Only
 * harmless reads: a one-item page of Storage's instance list, the DownloadQueue listing, a
 * correspondence search by a reference nothing carries. Counts are reported, never content.
 */

const INTEGRATION = 'altinn';
/** A senders' reference no real correspondence has: the search answers with none. */
export const PROBE_REFERENCE = 'postmottak-tilkoblingstest';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Maskinporten (key from the store, the JWT grant), then the Altinn token exchange: three steps. */
async function altinnToken(run: ProbeRun, mp: MaskinportenSection, platformUrl: string, now: () => number): Promise<string> {
  const pem = await run.secret(mp.privateKey, `Maskinporten-nøkkelen «${mp.privateKey.secret}»`);
  const creds = `klient-id ${mp.clientId} / nøkkel ${mp.privateKey.secret}`;
  const mpToken = await run.step(
    'Hent token fra Maskinporten',
    { url: mp.tokenUrl, credentials: creds },
    () => createAltinnTokenProvider({ ...mp, privateKeyPem: pem, timeoutMs: run.timeoutMs }, null, now).token(),
    () => `Token mottatt (scope «${mp.scope}»)`,
  );
  const exchange = altinnExchangeUrl(platformUrl);
  return run.step(
    'Veksle til Altinn-token',
    { url: exchange, credentials: creds },
    async () => {
      const res = await httpRequest(exchange, { headers: { authorization: `Bearer ${mpToken}` } }, 'Altinn token-veksling', { integration: INTEGRATION, timeoutMs: run.timeoutMs });
      const e = errorForStatus(res, 'Altinn token-veksling', INTEGRATION);
      if (e) {
        await res.body?.cancel();
        throw e;
      }
      return (await res.text()).trim().replace(/^"|"$/g, '');
    },
    () => 'Altinn-token mottatt',
  );
}

export async function probeAltinn3(run: ProbeRun, a3: AltinnSection, now: () => number): Promise<void> {
  const token = await altinnToken(run, a3.maskinporten, a3.platformUrl, now);
  // what the storage adapter lists (completed, not yet confirmed by us), one item per page
  const q = new URLSearchParams({ org: a3.org, 'process.isComplete': 'true', excludeConfirmedBy: a3.org, size: '1' });
  const url = `${a3.platformUrl.replace(/\/$/, '')}/storage/api/v1/instances?${q.toString()}`;
  await run.step(
    'List innsendinger i Altinn Storage',
    { url, credentials: `klient-id ${a3.maskinporten.clientId}` },
    async () => {
      const res = await httpRequest(url, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } }, 'Altinn Storage: liste', { integration: INTEGRATION, timeoutMs: run.timeoutMs });
      const e = errorForStatus(res, 'Altinn Storage: liste', INTEGRATION);
      if (e) {
        await res.body?.cancel();
        throw e;
      }
      const body = await readJson<{ instances?: unknown[]; next?: string | null }>(res, 'Altinn Storage: liste', INTEGRATION);
      if (!Array.isArray(body.instances)) throw new Error('Altinn Storage svarte uten «instances»: adressen er kanskje ikke Altinn-plattformen');
      return { count: body.instances.length, more: !!body.next };
    },
    (r) => `Storage svarte: ${plural(r.count, 'innsending', 'innsendinger')} på første side (sidestørrelse 1)${r.more ? '; flere venter' : ''}`,
  );
}

export async function probeAltinn2(run: ProbeRun, a2: Altinn2Section, resourcesDir: string): Promise<void> {
  const password = await run.secret(a2.systemPassword, `passordet «${a2.systemPassword.secret}»`);
  const source = createAltinn2DownloadQueueAdapter(
    { url: a2.url, systemUserName: a2.systemUserName, systemPassword: password, serviceCodes: a2.serviceCodes, timeoutMs: run.timeoutMs },
    { wsdlPath: path.join(resourcesDir, 'wsdl', 'altinn2', 'DownloadQueueExternalBasic.svc.wsdl') },
  );
  await run.step(
    'List nedlastingskøen (GetDownloadQueueItems)',
    { url: a2.url, credentials: a2.systemPassword.secret },
    async () => {
      // listPending only lists (GetDownloadQueueItems); nothing is fetched or purged
      let n = 0;
      for await (const page of source.listPending()) n += page.length;
      return n;
    },
    (n) => `Køen svarte: ${plural(n, 'innsending venter', 'innsendinger venter')}`,
  );
}

export async function probeCorrespondence(run: ProbeRun, c: CorrespondenceSection, altinn: AltinnSection | undefined, o: { resourcesDir: string; now: () => number }): Promise<void> {
  if (c.transport === 'altinn2') {
    const a2 = c.altinn2;
    if (!a2) throw new Error('integrations.correspondence: transport «altinn2» trenger seksjonen «altinn2»');
    const password = await run.secret(a2.systemPassword, `passordet «${a2.systemPassword.secret}»`);
    const soap = createAltinn2SoapClient<'GetCorrespondenceStatusDetailsBasicV3'>({
      integration: 'correspondence',
      label: 'Altinn 2 Correspondence',
      url: a2.url,
      wsdlPath: path.join(o.resourcesDir, 'wsdl', 'altinn2', 'CorrespondenceAgencyExternalBasic.wsdl'),
      systemPassword: password,
      timeoutMs: run.timeoutMs,
      clock: { now: o.now },
      clientFaultKind: 'validation',
      classifyFault: () => undefined,
    });
    await run.step(
      'Søk etter forsendelser (GetCorrespondenceStatusDetailsBasicV3)',
      { url: a2.url, credentials: a2.systemPassword.secret },
      async () => {
        // the adapter's lookup, by a senders' reference nothing carries; element order as in CorrespondenceStatusFilterV3
        const filterCriteria = { SendersReference: PROBE_REFERENCE, ServiceCode: a2.serviceCode, ServiceEditionCode: a2.serviceEdition };
        const r = await soap.call('GetCorrespondenceStatusDetailsBasicV3', { systemUserName: a2.systemUserName, systemPassword: password, filterCriteria });
        if (!r.ok) throw soap.toIntegrationError('GetCorrespondenceStatusDetailsBasicV3', r.failure);
      },
      () => `Tjenesten svarte på et søk for tjeneste ${a2.serviceCode}/${a2.serviceEdition}`,
    );
    return;
  }
  const platformUrl = c.altinn3.platformUrl ?? altinn?.platformUrl;
  const mp = c.altinn3.maskinporten ?? (altinn ? { ...altinn.maskinporten, scope: c.altinn3.events ? ALTINN3_CORRESPONDENCE_EVENT_SCOPES : ALTINN3_CORRESPONDENCE_SCOPES } : undefined);
  if (!platformUrl || !mp) throw new Error('integrations.correspondence.altinn3 trenger platformUrl og maskinporten (eller integrations.altinn)');
  const token = await altinnToken(run, mp, platformUrl, o.now);
  const q = new URLSearchParams({ resourceId: c.resourceId, role: 'Sender', sendersReference: PROBE_REFERENCE });
  const url = `${platformUrl.replace(/\/$/, '')}/correspondence/api/v1/correspondence?${q.toString()}`;
  await run.step(
    'Søk i meldingstjenesten (Altinn 3 Correspondence)',
    { url, credentials: `klient-id ${mp.clientId}` },
    async () => {
      const res = await httpRequest(url, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } }, 'Altinn Correspondence: søk', { integration: 'correspondence', timeoutMs: run.timeoutMs });
      const e = errorForStatus(res, 'Altinn Correspondence: søk', 'correspondence');
      if (e) {
        await res.body?.cancel();
        throw e;
      }
      const body = await readJson<{ ids?: unknown[] }>(res, 'Altinn Correspondence: søk', 'correspondence');
      return Array.isArray(body.ids) ? body.ids.length : 0;
    },
    () => `Meldingstjenesten svarte for ressursen «${c.resourceId}»`,
  );
}
