import { IntegrationError } from '../../electron/core/errors';
import type { PrintChannel } from '../../electron/core/ports/print-channel.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { resolveSecret } from '../shared/config';
import type { PrintConnection } from './print.config';
import { createHotFolderChannel } from './hot-folder.channel';
import { createSvarUtPrintChannel } from './svarut-print.channel';

/**
 * The configured postal fallback: the print vendor's hot folder or KS SvarUt (print only).
 * Secrets are resolved by the caller: the config holds plain strings, and the SvarUt token
 * (Maskinporten, scope ks:fiks) comes as a function in deps.
 */

export interface HotFolderPrintConfig {
  /** The folder the vendor picks orders from. */
  dir: string;
}

export interface SvarUtPrintConfig {
  /** Base URL including /api: https://svarut.ks.no/api (prod), https://test.svarut.ks.no/api (test). */
  url: string;
  kontoId: string;
  integrasjonId: string;
  /** The resolved secret, not a reference to it. */
  integrasjonPassord: string;
  /** Default 30 000 ms (a send carries the letter PDF). */
  timeoutMs?: number;
  /** avgivendeSystem on each forsendelse; default "Postmottak". */
  avgivendeSystem?: string;
}

export type PrintChannelConfig =
  | { channel: 'hot-folder'; hotFolder: HotFolderPrintConfig; svarut?: SvarUtPrintConfig }
  | { channel: 'svarut'; svarut: SvarUtPrintConfig; hotFolder?: HotFolderPrintConfig };

export interface PrintChannelDeps {
  now?: () => number;
  /** Maskinporten token for SvarUt; required when channel is 'svarut'. */
  svarUtToken?: () => Promise<string>;
}

export const SVARUT_DEFAULT_TIMEOUT_MS = 30_000;

export function createPrintChannel(config: PrintChannelConfig, deps: PrintChannelDeps = {}): PrintChannel {
  const missing = (what: string) => new IntegrationError('permanent', `Utskriftskanalen «${config.channel}» mangler ${what} i oppsettet.`, { integration: 'print' });
  switch (config.channel) {
    case 'hot-folder': {
      if (!config.hotFolder?.dir) throw missing('hotFolder.dir');
      return createHotFolderChannel({ dir: config.hotFolder.dir, now: deps.now });
    }
    case 'svarut': {
      const s = config.svarut;
      if (!s?.url) throw missing('svarut.url');
      if (!s.kontoId) throw missing('svarut.kontoId');
      if (!s.integrasjonId || !s.integrasjonPassord) throw missing('svarut.integrasjonId / integrasjonPassord');
      if (!deps.svarUtToken) throw missing('en Maskinporten-tokenkilde (ks:fiks)');
      return createSvarUtPrintChannel({
        url: s.url,
        kontoId: s.kontoId,
        integrasjonId: s.integrasjonId,
        integrasjonPassord: s.integrasjonPassord,
        token: deps.svarUtToken,
        timeoutMs: s.timeoutMs ?? SVARUT_DEFAULT_TIMEOUT_MS,
        avgivendeSystem: s.avgivendeSystem,
        now: deps.now,
      });
    }
    default: {
      const never: never = config;
      throw new IntegrationError('permanent', `Ukjent utskriftskanal: ${String((never as { channel?: unknown }).channel)}`, { integration: 'print' });
    }
  }
}

/** The configured print channel, its secrets resolved; null when print is off. */
export async function createPrint(pr: PrintConnection | undefined, deps: { secrets: SecretStore; now: () => number }): Promise<PrintChannel | null> {
  if (!pr?.enabled) return null;
  if (pr.channel === 'hot-folder' && pr.hotFolder) return createPrintChannel({ channel: 'hot-folder', hotFolder: pr.hotFolder }, { now: deps.now });
  if (pr.channel === 'svarut' && pr.svarut) {
    const s = pr.svarut;
    const token = await resolveSecret(deps.secrets, s.token, 'SvarUt');
    return createPrintChannel(
      { channel: 'svarut', svarut: { url: s.url, kontoId: s.kontoId, integrasjonId: s.integrasjonId, integrasjonPassord: await resolveSecret(deps.secrets, s.integrasjonPassord, 'SvarUt'), timeoutMs: s.timeoutMs } },
      { now: deps.now, svarUtToken: async () => token },
    );
  }
  return null;
}
