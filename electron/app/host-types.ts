/** The port types a host (Electron main, headless) needs, so hosts depend on app, not on core. */
export type { Logger, LogLevel } from '../core/ports/logger.port';
export type { SecretStore } from '../core/ports/secret-store.port';
export { silentLogger } from '../core/ports/logger.port';
