/**
 * The reply side's adapters, built from the configuration: the correspondence transport
 * (Altinn 3 REST or Altinn 2 SOAP), the registers (Folkeregisteret + KRR), the print channel
 * (hot folder or SvarUt) and the print-ready PDF renderer. Part of the integrations entry.
 */
import path from 'node:path';
import type { CorrespondencePort } from '../electron/core/ports/correspondence.port';
import type { PrintChannel, PrintRenderer } from '../electron/core/ports/print-channel.port';
import type { RegisterPort } from '../electron/core/ports/register.port';
import type { SecretStore } from '../electron/core/ports/secret-store.port';
import { createAltinn3CorrespondenceAdapter, ALTINN3_CORRESPONDENCE_SCOPES } from './altinn/altinn3-correspondence.adapter';
import { createAltinnTokenProvider } from './altinn/maskinporten.client';
import { createAltinn2CorrespondenceAdapter } from './altinn/altinn2-correspondence.adapter';
import { createPrintPdfRenderer } from './letters/print-pdf.renderer';
import { createHotFolderChannel } from './print/hot-folder.channel';
import { createSvarUtPrintChannel } from './print/svarut-print.channel';
import { createRegisterAdapter } from './registers/create-registers';

type SecretRef = { secret: string };
interface Maskinporten {
  tokenUrl: string;
  audience: string;
  clientId: string;
  kid: string;
  scope: string;
  privateKey: SecretRef;
}

export interface ReplyIntegrationsConfig {
  altinn?: { enabled: boolean; platformUrl: string; maskinporten: Maskinporten; timeoutMs: number };
  correspondence?: {
    enabled: boolean;
    transport: 'altinn3' | 'altinn2';
    altinn3: { platformUrl?: string; maskinporten?: Maskinporten; timeoutMs: number };
    altinn2?: { url: string; systemUserName: string; systemPassword: SecretRef; systemUserCode: string; timeoutMs: number };
  };
  registers?: {
    enabled: boolean;
    folkeregisteret: { url: string; timeoutMs: number };
    krr: { url: string; timeoutMs: number };
    auth: { kind: 'maskinporten'; folkeregisteret: Maskinporten; krr: Maskinporten } | { kind: 'bearer'; token: SecretRef };
  };
  print?: {
    enabled: boolean;
    channel: 'hot-folder' | 'svarut';
    hotFolder?: { dir: string };
    svarut?: { url: string; kontoId: string; integrasjonId: string; integrasjonPassord: SecretRef; token: SecretRef; timeoutMs: number };
  };
}

export interface ReplyIntegrations {
  correspondence: CorrespondencePort | null;
  register: RegisterPort | null;
  print: PrintChannel | null;
  printRenderer: PrintRenderer;
  close(): Promise<void>;
}

async function secret(secrets: SecretStore, ref: SecretRef, what: string): Promise<string> {
  const v = await secrets.get(ref.secret);
  if (!v) throw new Error(`Hemmeligheten «${ref.secret}» for ${what} finnes ikke i hemmelighetslageret.`);
  return v;
}

export async function createReplyIntegrations(c: ReplyIntegrationsConfig, deps: { secrets: SecretStore; resourcesDir: string; now: () => number }): Promise<ReplyIntegrations> {
  let correspondence: CorrespondencePort | null = null;
  const corr = c.correspondence?.enabled ? c.correspondence : undefined;
  if (corr?.transport === 'altinn3') {
    const platformUrl = corr.altinn3.platformUrl ?? c.altinn?.platformUrl;
    const mp = corr.altinn3.maskinporten ?? (c.altinn ? { ...c.altinn.maskinporten, scope: ALTINN3_CORRESPONDENCE_SCOPES } : undefined);
    if (!platformUrl || !mp) throw new Error('integrations.correspondence.altinn3 trenger platformUrl og maskinporten (eller integrations.altinn).');
    const tokens = createAltinnTokenProvider(
      { ...mp, privateKeyPem: await secret(deps.secrets, mp.privateKey, 'Maskinporten'), timeoutMs: corr.altinn3.timeoutMs },
      `${platformUrl.replace(/\/$/, '')}/authentication/api/v1/exchange/maskinporten`,
      deps.now,
    );
    correspondence = createAltinn3CorrespondenceAdapter({ platformUrl, timeoutMs: corr.altinn3.timeoutMs }, { tokens, now: deps.now });
  } else if (corr?.transport === 'altinn2') {
    const a2 = corr.altinn2!;
    correspondence = createAltinn2CorrespondenceAdapter(
      { url: a2.url, systemUserName: a2.systemUserName, systemPassword: await secret(deps.secrets, a2.systemPassword, 'Altinn 2'), systemUserCode: a2.systemUserCode, timeoutMs: a2.timeoutMs },
      { wsdlPath: path.join(deps.resourcesDir, 'wsdl', 'altinn2', 'CorrespondenceAgencyExternalBasic.wsdl'), clock: { now: deps.now } },
    );
  }

  let register: RegisterPort | null = null;
  const reg = c.registers?.enabled ? c.registers : undefined;
  if (reg) {
    let token: (scope: 'folkeregister' | 'krr') => Promise<string>;
    if (reg.auth.kind === 'bearer') {
      const t = await secret(deps.secrets, reg.auth.token, 'registrene');
      token = async () => t;
    } else {
      const auth = reg.auth;
      const provider = async (mp: Maskinporten, timeoutMs: number) =>
        createAltinnTokenProvider({ ...mp, privateKeyPem: await secret(deps.secrets, mp.privateKey, 'Maskinporten'), timeoutMs }, null, deps.now);
      const freg = await provider(auth.folkeregisteret, reg.folkeregisteret.timeoutMs);
      const krr = await provider(auth.krr, reg.krr.timeoutMs);
      token = (scope) => (scope === 'folkeregister' ? freg.token() : krr.token());
    }
    register = createRegisterAdapter({ folkeregisteret: reg.folkeregisteret, krr: reg.krr }, { token, now: deps.now });
  }

  let print: PrintChannel | null = null;
  const pr = c.print?.enabled ? c.print : undefined;
  if (pr?.channel === 'hot-folder' && pr.hotFolder) print = createHotFolderChannel({ dir: pr.hotFolder.dir, now: deps.now });
  if (pr?.channel === 'svarut' && pr.svarut) {
    const s = pr.svarut;
    const token = await secret(deps.secrets, s.token, 'SvarUt');
    print = createSvarUtPrintChannel({
      url: s.url,
      kontoId: s.kontoId,
      integrasjonId: s.integrasjonId,
      integrasjonPassord: await secret(deps.secrets, s.integrasjonPassord, 'SvarUt'),
      token: async () => token,
      timeoutMs: s.timeoutMs,
      now: deps.now,
    });
  }

  return {
    correspondence,
    register,
    print,
    printRenderer: createPrintPdfRenderer({ resourcesDir: deps.resourcesDir }),
    async close() {
      await correspondence?.close?.();
      await register?.close?.();
      await print?.close?.();
    },
  };
}
