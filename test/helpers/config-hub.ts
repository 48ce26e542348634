import { loadConfig } from '../../electron/app/config/load-config';
import { createHub } from '../../electron/app/create-hub';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import { silentLogger } from '../../electron/core/ports/logger.port';

/** The real hub as a child process runs it in the crash test and the benchmark: a config file, secrets from the environment. */
export const hubFromConfig = (dataDir: string, configFile: string, version: string) =>
  createHub({
    dataDir,
    config: loadConfig(configFile).config,
    demo: false,
    host: 'test',
    version,
    secrets: createEnvSecretStore(),
    actor: version,
    logger: silentLogger,
  });
