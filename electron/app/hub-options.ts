import type { Clock } from '../core/ports/clock.port';
import type { Logger } from '../core/ports/logger.port';
import type { Random } from '../core/ports/random.port';
import type { SecretStore } from '../core/ports/secret-store.port';
import type { Timers } from '../core/ports/timers.port';
import type { UpdaterPort } from '../core/ports/updater.port';
import type { AppConfig } from './config/config.schema';

export interface HubOptions {
  dataDir: string;
  /** This process's name among hub nodes sharing a store (default host:pid): owner of its job leases. */
  node?: string;
  config: AppConfig;
  demo: boolean;
  host: 'electron' | 'headless' | 'test';
  version: string;
  secrets: SecretStore;
  /** Who acts in the audit trail for actions from this host's UI. */
  actor: string;
  logger?: Logger;
  clock?: Clock;
  random?: Random;
  timers?: Timers;
  /** Start the job loops and the scheduler (default true). */
  autoStart?: boolean;
  /** In demo mode, start the Altinn and archive simulators with seeded data when none is configured (default true). */
  demoSimulators?: boolean;
  /**
   * Connect to the integrations: sources from the config (their secrets must resolve) and
   * the demo's simulators (default true). The CLI's read-only commands do not connect.
   */
  connect?: boolean;
  resourcesDir?: string;
  /** #17: the configuration file the Integrasjoner screen writes back to (null: the demo, or none). */
  configFile?: string | null;
  /** #17: applies a saved configuration without restarting the app (the host swaps in a hub on the new config). */
  reload?: (config: AppConfig) => Promise<void>;
  /** #17: the desktop host's updater (electron-updater); none in the headless host. */
  updater?: UpdaterPort | null;
}

export const realTimers: Timers = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
