import path from 'node:path';
import type { ArchivePort } from '../../electron/core/ports/archive.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { resolveSecret } from '../shared/config';
import { createArkivmeldingAdapter } from './arkivmelding.adapter';
import { createGeoIntegrasjonAdapter } from './geointegrasjon.adapter';
import { createNoark4WsAdapter } from './noark4-ws.adapter';
import { createNoark5RestAdapter } from './noark5-rest.adapter';
import type { ArchiveConfig } from './noark.config';

/** Builds the one configured archive adapter; which transport is configuration only. */
export async function createArchive(config: ArchiveConfig | undefined, deps: { secrets: SecretStore; resourcesDir: string; timeZone?: string }): Promise<ArchivePort | null> {
  if (!config?.enabled) return null;
  const missing = () => new Error(`Sak/arkiv-transporten «${config.transport}» mangler sin konfigurasjonsseksjon.`);
  const secret = (ref: { secret: string }, what: string) => resolveSecret(deps.secrets, ref, what);
  switch (config.transport) {
    case 'noark5-rest': {
      const c = config.noark5;
      if (!c) throw missing();
      const auth =
        c.auth.kind === 'basic'
          ? { kind: 'basic' as const, username: c.auth.username, password: await secret(c.auth.password, 'arkivpassord') }
          : c.auth.kind === 'bearer'
            ? { kind: 'bearer' as const, token: await secret(c.auth.token, 'arkivtoken') }
            : { kind: 'none' as const };
      return createNoark5RestAdapter({ url: c.url, auth, arkivdel: c.arkivdel, timeoutMs: c.timeoutMs });
    }
    case 'geointegrasjon': {
      const c = config.geointegrasjon;
      if (!c) throw missing();
      return createGeoIntegrasjonAdapter({ ...c, password: await secret(c.password, 'GeoIntegrasjon-passord') }, { wsdlDir: path.join(deps.resourcesDir, 'wsdl', 'geointegrasjon'), timeZone: deps.timeZone });
    }
    case 'noark4-ws': {
      const c = config.noark4;
      if (!c) throw missing();
      return createNoark4WsAdapter({ ...c, password: await secret(c.password, 'Noark 4-passord') }, { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'noark4', 'noark4ws.wsdl') });
    }
    case 'arkivmelding': {
      const c = config.arkivmelding;
      if (!c) throw missing();
      return createArkivmeldingAdapter(c, { schemaDir: path.join(deps.resourcesDir, 'schemas', 'arkivmelding'), timeZone: deps.timeZone });
    }
  }
}
