import { DeskError } from '../../core/desk/case-access';
import { redactText } from '../../core/redact';
import type { CertificateList } from '../../core/ports/certificate-store.port';
import type { HealthReader } from '../../core/ports/health.port';
import type { SecretStore } from '../../core/ports/secret-store.port';
import type { secretsChannels, SecretsListDto } from '../../ipc/secrets.contract';
import type { AppConfig } from '../config/config.schema';
import type { Feature, FeatureDeps } from '../feature';
import { createSecretsAdmin, SecretsAdminError } from '../secrets/secrets-admin.service';

type SecretsChannel = keyof typeof secretsChannels;

type SecretsFeatureDeps = Pick<FeatureDeps, 'config' | 'store' | 'repos' | 'clock' | 'logger' | 'links' | 'users'> & {
  secrets: SecretStore;
  /** Job outcomes per integration: a success after a rotation confirms the new value. */
  health?: HealthReader | null;
  /** The host's reload (a new hub on the same config): integrations read their secrets when they connect, so a new value referenced by the config takes effect through it. */
  reload?: ((config: AppConfig) => Promise<void>) | null;
};

/** How the store keeps secrets at rest, from its kind ('env+file', 'env+encrypted-file', 'env+safe-storage', 'memory+…'). */
export function protectionOf(kind: string): SecretsListDto['store'] {
  const parts = kind.split('+');
  const writable = parts[parts.length - 1]!;
  const protection =
    writable === 'encrypted-file' ? 'encrypted' : writable === 'safe-storage' ? 'keychain' : writable === 'file' ? 'plain' : writable === 'memory' ? 'memory' : 'environment';
  return { kind, protection, writable: writable !== 'env' };
}

/** Refusals as the hosts show them: what is wrong with the file or the name, in words. */
async function shown<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof SecretsAdminError) throw new DeskError(e.code === 'not-found' ? 'not-found' : 'conflict', e.message);
    throw e;
  }
}

/**
 * Nøkler og sertifikater (#17 item 2): import certificates and keys, set passwords, rotate
 * without downtime, delete what no configuration uses. Every change is audited with the name,
 * kind and fingerprint, never a value or passphrase; nothing here logs a value.
 */
export function wireSecrets(d: SecretsFeatureDeps): Feature<SecretsChannel> & { certificates: CertificateList } {
  const admin = createSecretsAdmin({
    secrets: d.secrets,
    // the configuration in force: the written one with the demo's integrations laid over it
    config: () => ({ ...d.config, integrations: d.links.config }),
    audit: d.repos.audit,
    uow: (fn) => d.store.uow.run(fn),
    health: d.health ?? null,
    warningDays: d.config.alerts.certificateWarnDays,
    now: () => d.clock.now(),
    connectedAt: d.clock.now(),
  });
  const actor = () => d.users.current().account;
  /**
   * After a value the configuration uses has changed: the integrations connect again (they read
   * secrets when they connect). Without a host reload (tests, the CLI) the value takes effect at the next start.
   */
  const apply = async (name: string): Promise<{ applied: boolean; warning: string | null }> => {
    if (!d.reload || !admin.referenced(name)) return { applied: false, warning: null };
    try {
      await d.reload(d.config);
      return { applied: true, warning: null };
    } catch (e) {
      d.logger.log('warn', 'reload after a secret change failed', { name, error: redactText(e instanceof Error ? e.message : String(e)) });
      return { applied: false, warning: 'Integrasjonene kunne ikke kobles opp på nytt med den nye verdien; den tas i bruk ved neste start. Se loggen.' };
    }
  };
  return {
    certificates: { list: () => admin.certificates() },
    handlers: {
      'secrets.list': async () => ({ store: protectionOf(d.secrets.kind), warningDays: d.config.alerts.certificateWarnDays, rows: await admin.list() }),
      'secrets.import': (input) =>
        shown(async () => {
          const r = await admin.importFile(input, actor());
          d.logger.log('info', 'secret imported', { name: r.name, kind: r.kind, rotation: r.rotation });
          const a = await apply(r.name);
          return { ...r, applied: a.applied, warnings: a.warning ? [...r.warnings, a.warning] : r.warnings };
        }),
      'secrets.set': ({ name, value }) =>
        shown(async () => {
          const r = await admin.setSecret(name, value, actor());
          d.logger.log('info', 'secret set', { name, rotation: r.rotation });
          return { ...r, applied: (await apply(name)).applied };
        }),
      'secrets.confirmRotation': ({ name }) => shown(() => admin.confirmRotation(name, actor())),
      'secrets.rollback': ({ name }) =>
        shown(async () => {
          const r = await admin.rollback(name, actor());
          await apply(name);
          return r;
        }),
      'secrets.delete': ({ name }) =>
        shown(async () => {
          const r = await admin.remove(name, actor());
          d.logger.log('info', 'secret deleted', { name });
          return r;
        }),
    },
    jobs: [],
    schedules: [],
  };
}
