import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../electron/app/config/config.schema';
import { ConfigError, loadConfig, parseConfig } from '../../electron/app/config/load-config';
import { resolvePaths } from '../../electron/app/paths';
import { tempDir } from '../helpers/temp-dir';

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('fills defaults from a minimal file', () => {
    const c = parseConfig({ version: 1 });
    expect(c.server).toEqual({ host: '127.0.0.1', port: 0, openBrowser: true });
    expect(c.jobs.backoff).toEqual({ baseMs: 2000, factor: 2, maxMs: 900000, jitter: 0.5 });
    expect(c.timezone).toBe('Europe/Oslo');
    expect(c.ui.language).toBe('nb');
  });

  it('names every bad key in its error', () => {
    const problems = problemsOf(() =>
      parseConfig({
        version: 1,
        server: { host: '0.0.0.0' },
        jobs: { concurrency: 0 },
        schedules: { 'store.backup': { cron: 'every night' } },
        municipality: { name: 'Eksempel', orgNumber: '12345' },
        typo: true,
      }),
    );
    const keys = problems.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['server.host', 'jobs.concurrency', 'schedules.store.backup.cron', 'municipality.orgNumber', 'typo']));
    expect(problems.find((p) => p.key === 'schedules.store.backup.cron')!.message).toMatch(/fem felt/);
    expect(problems.find((p) => p.key === 'typo')!.message).toMatch(/ukjent nøkkel/);
  });

  it('checks the reply sections: the chosen transport and print channel need their own section', () => {
    const c = parseConfig({
      version: 1,
      integrations: {
        correspondence: { resourceId: 'kommune-svar' },
        registers: { folkeregisteret: { url: 'https://freg.example' }, krr: { url: 'https://krr.example' }, auth: { kind: 'bearer', token: { secret: 'reg' } } },
        print: { channel: 'hot-folder', hotFolder: { dir: '/srv/print' } },
      },
    });
    expect(c.integrations.correspondence).toMatchObject({ transport: 'altinn3', pollSchedule: '*/15 * * * *', sweepSchedule: '*/10 * * * *', resources: {} });
    expect(c.integrations.registers?.cacheHours).toBe(24);
    expect(c.integrations.print).toMatchObject({ color: false, duplex: true });
    const problems = problemsOf(() =>
      parseConfig({
        version: 1,
        integrations: {
          correspondence: { transport: 'altinn2', resourceId: 'kommune-svar' },
          print: { channel: 'svarut', hotFolder: { dir: '/srv/print' } },
        },
      }),
    );
    expect(problems.map((p) => p.key)).toEqual(expect.arrayContaining(['integrations.correspondence.altinn2', 'integrations.print.svarut']));
  });

  it('rejects a secret written inline where a reference belongs', async () => {
    const { secretRefSchema } = await import('../../electron/app/config/config.schema');
    expect(secretRefSchema.safeParse({ secret: 'altinn.maskinporten-key' }).success).toBe(true);
    expect(secretRefSchema.safeParse({ secret: 'x', value: 'hunter2' }).success).toBe(false);
  });

  it('reads YAML and JSON files and says which file is wrong', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'version: 1\njobs:\n  concurrency: 4\n');
    expect(loadConfig(path.join(dir, 'a.yaml')).config.jobs.concurrency).toBe(4);
    fs.writeFileSync(path.join(dir, 'b.json'), '{"version": 1, "server": {"port": "80"}}');
    expect(() => loadConfig(path.join(dir, 'b.json'))).toThrow(/b\.json[\s\S]*server\.port/);
    fs.writeFileSync(path.join(dir, 'c.json'), '{ not json');
    expect(() => loadConfig(path.join(dir, 'c.json'))).toThrow(/kan ikke leses/);
    expect(() => loadConfig(path.join(dir, 'missing.json'))).toThrow(/Finner ikke/);
  });

  it('runs the demo when no file is given', () => {
    expect(loadConfig(undefined)).toMatchObject({ demo: true, file: null });
  });

  it('ships a JSON Schema generated from the zod schema', () => {
    const shipped = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../resources/config.schema.json'), 'utf8'));
    expect(shipped).toEqual(configJsonSchema());
    expect(shipped.properties.jobs.properties.concurrency).toMatchObject({ type: 'integer', minimum: 1, maximum: 16 });
  });
});

describe('paths', () => {
  it('uses a demo data folder of its own when there is no config', () => {
    const appData = tempDir();
    const p = resolvePaths({}, { XDG_CONFIG_HOME: appData });
    expect(p).toEqual({ demo: true, configFile: undefined, dataDir: path.join(appData, 'Postmottak', 'demo') });
  });

  it('finds a config file in the app-data folder, and honours --data and env', () => {
    const appData = tempDir();
    fs.mkdirSync(path.join(appData, 'Postmottak'));
    fs.writeFileSync(path.join(appData, 'Postmottak', 'postmottak.config.yaml'), 'version: 1\n');
    expect(resolvePaths({}, { XDG_CONFIG_HOME: appData })).toMatchObject({ demo: false, dataDir: path.join(appData, 'Postmottak') });
    expect(resolvePaths({ data: '/srv/pm' }, { XDG_CONFIG_HOME: appData }).dataDir).toBe('/srv/pm');
    expect(resolvePaths({}, { XDG_CONFIG_HOME: appData, POSTMOTTAK_DATA: '/srv/x' }).dataDir).toBe('/srv/x');
  });
});
