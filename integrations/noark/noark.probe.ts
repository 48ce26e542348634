import path from 'node:path';
import type { ProbeRun } from '../../electron/core/ports/connection-probe.port';
import { errorForStatus, httpRequest, readJson, sameOriginLink } from '../shared/http';
import { createGeoIntegrasjonAdapter } from './geointegrasjon.adapter';
import { createNoark4WsAdapter } from './noark4-ws.adapter';
import { N5_CONTENT_TYPE, REL, untemplate, type N5List, type N5Object } from './noark5-rest.mapper';
import type { ArchiveConfig } from './noark.config';

/**
 * "Test tilkobling" for sak/arkiv (#17 item 1), per transport: Noark 5 REST reads the service
 * root, arkivstruktur and the arkivdel list; GeoIntegrasjon and Noark 4 WS look a case up by a key
 * no case carries (what every delivery does first); the arkivmelding folder takes a probe file
 * and its receipt folder is read. Nothing is created in the archive.
 */

const INTEGRATION = 'archive';
/** The external key of the lookups: no case in any archive carries it. */
export const PROBE_KEY = 'postmottak-tilkoblingstest';

export async function probeArchive(run: ProbeRun, a: ArchiveConfig, o: { resourcesDir: string; timeZone?: string }): Promise<void> {
  const missing = (key: string) => new Error(`Sak/arkiv-transporten «${a.transport}» mangler seksjonen «${key}».`);
  switch (a.transport) {
    case 'noark5-rest': {
      const c = a.noark5;
      if (!c) throw missing('noark5');
      let authorization: string | null = null;
      let creds: string | undefined;
      if (c.auth.kind === 'basic') {
        const pw = await run.secret(c.auth.password, `arkivpassordet «${c.auth.password.secret}»`);
        authorization = `Basic ${Buffer.from(`${c.auth.username}:${pw}`, 'utf8').toString('base64')}`;
        creds = c.auth.password.secret;
      } else if (c.auth.kind === 'bearer') {
        authorization = `Bearer ${await run.secret(c.auth.token, `arkivtokenet «${c.auth.token.secret}»`)}`;
        creds = c.auth.token.secret;
      }
      const get = async <T>(href: string, what: string): Promise<T> => {
        // links from the archive are followed only on the configured origin (credentials go with them)
        const url = sameOriginLink(href, c.url, `Noark 5: ${what}`, INTEGRATION);
        const headers: Record<string, string> = { accept: N5_CONTENT_TYPE };
        if (authorization) headers.authorization = authorization;
        const res = await httpRequest(url, { headers }, `Noark 5: ${what}`, { integration: INTEGRATION, timeoutMs: run.timeoutMs });
        const e = errorForStatus(res, `Noark 5: ${what}`, INTEGRATION);
        if (e) {
          await res.body?.cancel();
          throw e;
        }
        return readJson<T>(res, `Noark 5: ${what}`, INTEGRATION);
      };
      const link = (o: N5Object, rel: string, what: string): string => {
        const h = o._links?.[rel]?.href;
        if (!h) throw new Error(`Arkivet tilbyr ikke ${rel} på ${what}: adressen er kanskje ikke roten i Noark 5-tjenestegrensesnittet`);
        return untemplate(h);
      };
      const root = await run.step('Hent tjenesteroten (Noark 5)', { url: c.url, credentials: creds }, () => get<N5Object>(c.url, 'rot'), (r) => `Roten svarte med ${Object.keys(r._links ?? {}).length} lenker`);
      const asHref = link(root, REL.arkivstruktur, 'roten');
      const arkivstruktur = await run.step('Hent arkivstruktur', { url: asHref, credentials: creds }, () => get<N5Object>(asHref, 'arkivstruktur'), () => 'Arkivstruktur funnet');
      const adHref = link(arkivstruktur, REL.arkivdel, 'arkivstruktur');
      await run.step(
        'List arkivdeler',
        { url: adHref, credentials: creds },
        async () => (await get<N5List>(adHref, 'arkivdel')).results?.length ?? 0,
        (n) => `${n} ${n === 1 ? 'arkivdel' : 'arkivdeler'} på første side${c.arkivdel ? ` (oppsettet bruker «${c.arkivdel}»)` : ''}`,
      );
      return;
    }
    case 'geointegrasjon': {
      const c = a.geointegrasjon;
      if (!c) throw missing('geointegrasjon');
      const password = await run.secret(c.password, `passordet «${c.password.secret}»`);
      const port = createGeoIntegrasjonAdapter({ ...c, password, timeoutMs: run.timeoutMs }, { wsdlDir: path.join(o.resourcesDir, 'wsdl', 'geointegrasjon'), timeZone: o.timeZone });
      try {
        await run.step(
          'Søk etter en sak (ArkivInnsyn FinnSaksmapperGittNoekkel)',
          { url: c.innsynUrl, credentials: c.password.secret },
          () => port.probeLookup(PROBE_KEY),
          (n) => `Arkivet svarte på søket (${n} treff på en nøkkel ingen sak har)`,
        );
      } finally {
        await port.close?.();
      }
      return;
    }
    case 'noark4-ws': {
      const c = a.noark4;
      if (!c) throw missing('noark4');
      const password = await run.secret(c.password, `passordet «${c.password.secret}»`);
      const port = createNoark4WsAdapter({ ...c, password, timeoutMs: run.timeoutMs }, { wsdlPath: path.join(o.resourcesDir, 'wsdl', 'noark4', 'noark4ws.wsdl') });
      await run.step(
        'Søk etter en sak (Noark 4 GetNoarksak)',
        { url: c.url, credentials: c.password.secret },
        () => port.probeLookup(PROBE_KEY),
        (n) => `Arkivet svarte på søket (${n} treff på en nøkkel ingen sak har)`,
      );
      return;
    }
    case 'arkivmelding': {
      const c = a.arkivmelding;
      if (!c) throw missing('arkivmelding');
      await run.writableFolder(c.outDir, 'meldingsmappen');
      await run.readableFolder(c.receiptDir, 'kvitteringsmappen');
      return;
    }
  }
}
