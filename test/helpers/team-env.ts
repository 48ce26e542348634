import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { AltinnSimulator } from '../../integrations/altinn/simulator/altinn-simulator';
import { runWorker } from './child-worker';
import { writeIngestConfig } from './ingest-env';
import { freshSchema, pgServer } from './test-store';

export const TEAM_WORKER = path.resolve(__dirname, '../fixtures/team-node-worker.ts');

/** The caseworkers of the team, one per node: each may decide, and approve for a colleague (second approval). */
export const teamAccount = (i: number) => `sb${i + 1}`;

/**
 * A team's configuration file (#19): the real adapters on the simulators and a `store` section on
 * the run's PostgreSQL as IT staff would write it, the URL without its password, the password
 * (and every other secret) from the environment. One fresh schema is the team's database.
 */
export function writeTeamConfig(
  dir: string,
  sim: AltinnSimulator,
  o: { nodes: number; integrations?: Record<string, unknown>; jobs?: Record<string, unknown> },
): { file: string; env: Record<string, string>; schema: string } {
  const { file, env } = writeIngestConfig(dir, sim);
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { integrations: Record<string, unknown>; jobs: Record<string, unknown> } & Record<string, unknown>;
  const { url, password } = pgServer();
  const schema = freshSchema();
  config.store = { kind: 'postgres', url: url.toString(), password: { secret: 'pg-password' }, schema, pool: { max: 6 } };
  // a short lease: a killed node's jobs come back to the others within seconds
  config.jobs = { ...config.jobs, leaseMs: 5_000, ...o.jobs };
  // Altinn 3 only: the counts stay exact
  delete config.integrations.altinn2;
  Object.assign(config.integrations, o.integrations ?? {});
  // every cron schedule off: the nodes poll every ~2 s themselves, and nothing is left queued at the end
  config.schedules = Object.fromEntries(['ingest.altinn3', 'replies.poll', 'replies.sweep', 'store.maintenance', 'audit.verify'].map((n) => [n, { enabled: false }]));
  config.access = {
    users: Object.fromEntries(
      Array.from({ length: o.nodes }, (_, i) => [teamAccount(i), { name: `Saksbehandler ${i + 1}`, roles: ['saksbehandler', 'leder'], groups: ['helse-tildeling'] }]),
    ),
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return { file, env: { ...env, POSTMOTTAK_SECRET_PG_PASSWORD: password }, schema };
}

/** A client on the team's schema, for the test's own look at the database. */
export async function teamDb(schema: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: inject('pgUrl'), options: `-c search_path=${schema}` });
  await c.connect();
  return c;
}

export const count = async (db: pg.Client, text: string, args: unknown[] = []): Promise<number> => Number((await db.query<{ n: string }>(text, args)).rows[0]?.n ?? 0);

/** One node of the team: the worker process, restartable under the same name. */
export interface TeamNode {
  name: string;
  account: string;
  dataDir: string;
  proc: ReturnType<typeof runWorker> | null;
  /** Every line every incarnation printed, as it came. */
  lines: string[];
}

export const teamNode = (i: number, dir: string): TeamNode => ({ name: `node-${i + 1}`, account: teamAccount(i), dataDir: path.join(dir, `node-${i + 1}`), proc: null, lines: [] });

/** `worker`: the team node worker's source, or its bundle (bundleEntry(TEAM_WORKER)), which starts without compiling anything. */
export function startNode(n: TeamNode, configFile: string, env: Record<string, string>, mode: 'crash' | 'leader', worker: string = TEAM_WORKER): ReturnType<typeof runWorker> {
  const w = runWorker(worker, [n.name, n.account, n.dataDir, configFile, mode], env);
  let rest = '';
  const take = (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    n.lines.push(...parts);
  };
  w.child.stdout.on('data', take);
  w.child.stderr.on('data', take);
  n.proc = w;
  return w;
}

/** Resolves when the node runs; fails with its output when it ends first. */
export async function whenReady(n: TeamNode): Promise<void> {
  const w = n.proc!;
  await Promise.race([
    w.ready,
    w.exited.then((r) => {
      throw new Error(`${n.name} ended before it was ready (${r.code ?? r.signal}):\n${r.out.slice(-3000)}`);
    }),
  ]);
}

/** Ends a node with SIGTERM (a graceful stop) and waits for it. */
export async function stopNode(n: TeamNode): Promise<{ code: number | null; out: string }> {
  const w = n.proc;
  if (!w) return { code: 0, out: '' };
  w.child.kill('SIGTERM');
  const r = await w.exited;
  n.proc = null;
  return r;
}
