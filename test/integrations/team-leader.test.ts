import fs from 'node:fs';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { ORG, startSim } from '../helpers/altinn-fixture';
import { shippedProfiles } from '../helpers/ingest-env';
import { count, startNode, stopNode, teamDb, teamNode, whenReady, writeTeamConfig, type TeamNode } from '../helpers/team-env';
import { tempDir } from '../helpers/temp-dir';

// #19: the Altinn poll on a team. Three nodes share one PostgreSQL and one Altinn; the node holding
// the schedules leader enqueues the polls (every second here, standing in for the cron), any node's
// job loop runs one, and one at a time runs it (the `ingest.altinn3` lock). The node that holds the
// poll is killed with SIGKILL, in turn the schedules leader and the node in the middle of a poll:
// another node must carry the polling on within 10 s, pick up what arrived meanwhile, and nothing
// may be confirmed twice.

const NODES = 3;
const FIRST = 30;
const PER_ROUND = 40;
const ROUNDS = 4;
const TAKEOVER_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const trace = (line: string) => process.env.PM_TEAM_TRACE && fs.appendFileSync(process.env.PM_TEAM_TRACE, `${new Date().toISOString()} ${line}\n`);

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms: number, context: () => string = () => ''): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${context()}`);
    await sleep(50);
  }
}

/** The node (by its application name) whose session holds the store's advisory lock `name` now (pg-leadership.ts's key). */
async function holderOf(db: pg.Client, schema: string, name: string): Promise<string | undefined> {
  const r = await db.query<{ app: string }>(
    `WITH k AS (SELECT hashtextextended('pm:' || $1::text || ':' || $2::text, 0) AS k)
     SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid, k
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.classid = ((k.k >> 32) & 4294967295)::oid AND l.objid = (k.k & 4294967295)::oid`,
    [schema, name],
  );
  return r.rows[0]?.app.replace(/^postmottak /, '');
}

describe('the Altinn poll moves to another node when its node dies (#19)', () => {
  it(`${NODES} nodes on one PostgreSQL: the poll's node killed ${ROUNDS} times, another takes over within ${TAKEOVER_MS / 1000} s, no gap, no double confirmation`, async () => {
    const seeds = generateSubmissions({ seed: 31, count: FIRST + ROUNDS * PER_ROUND, org: ORG, profiles: shippedProfiles().all(), attachmentBytes: 2_000, a2Share: 0 });
    // a little latency per request: a poll of forty takes long enough to be killed in the middle of
    const sim = await startSim({ faults: { '*': { latencyMs: 25 } } });
    sim.state.addSubmissions(seeds.slice(0, FIRST));
    const dir = tempDir('pm-team-leader-');
    const { file, env, schema } = writeTeamConfig(dir, sim, { nodes: NODES });
    const db = await teamDb(schema);
    const nodes: TeamNode[] = Array.from({ length: NODES }, (_, i) => teamNode(i, dir));
    const byName = (name: string) => nodes.find((n) => n.name === name)!;
    const outputOf = () => nodes.map((n) => `--- ${n.name}\n${n.lines.slice(-25).join('\n')}`).join('\n');
    /** Lines `<KIND> … <node> <ms>` printed after `since`, by nodes other than `not`. */
    const linesAfter = (kind: 'LEADER schedules' | 'POLL', since: number, not: string) =>
      nodes
        .filter((n) => n.name !== not)
        .flatMap((n) => n.lines.filter((l) => l.startsWith(`${kind} `)).map((l) => ({ node: n.name, at: Number(l.split(' ')[kind === 'POLL' ? 2 : 3]) })))
        .filter((x) => x.at > since)
        .sort((a, b) => a.at - b.at);
    const stored = () => count(db, "SELECT count(*) AS n FROM source_items WHERE confirmed_at IS NOT NULL");

    const rounds: { victim: string; held: 'schedules' | 'ingest.altinn3'; leaderMs: number | null; pollMs: number; catchUpMs: number }[] = [];
    try {
      for (const n of nodes) startNode(n, file, env, 'leader');
      await Promise.all(nodes.map(whenReady));
      await waitFor('the first applications in', async () => (await stored()) === FIRST || undefined, 60_000, outputOf);

      for (let round = 0; round < ROUNDS; round++) {
        // what arrives now waits for a poll; then the poll's node dies: the leader, or the node in the middle of a poll
        const held = round % 2 === 0 ? 'schedules' : 'ingest.altinn3';
        const expected = FIRST + (round + 1) * PER_ROUND;
        sim.state.addSubmissions(seeds.slice(FIRST + round * PER_ROUND, expected));
        const victim = byName(await waitFor(`a node holding ${held}`, () => holderOf(db, schema, held), 15_000, outputOf));
        const w = victim.proc!;
        w.child.kill('SIGKILL');
        const killedAt = Date.now();
        expect((await w.exited).signal).toBe('SIGKILL');
        trace(`round ${round}: killed ${victim.name} holding ${held}`);

        // another node leads within the bound (the lock went with the dead node's connection)
        const leader = await waitFor('a new schedules leader', async () => {
          const h = await holderOf(db, schema, 'schedules');
          return h && h !== victim.name ? h : undefined;
        }, TAKEOVER_MS + 5_000, outputOf);
        const leaderLine = held === 'schedules' ? linesAfter('LEADER schedules', killedAt, victim.name)[0] : undefined;
        // a poll by another node that began after the kill ran to its end, and what arrived is in, confirmed
        const poll = await waitFor('a poll by another node', () => linesAfter('POLL', killedAt, victim.name)[0], TAKEOVER_MS + 5_000, outputOf);
        await waitFor(`the ${PER_ROUND} new applications in`, async () => (await stored()) === expected || undefined, 60_000, outputOf);
        const r = { victim: victim.name, held, leaderMs: leaderLine ? leaderLine.at - killedAt : null, pollMs: poll.at - killedAt, catchUpMs: Date.now() - killedAt } as const;
        rounds.push(r);
        trace(`round ${round}: ${JSON.stringify(r)}, leader now ${leader}`);
        if (held === 'schedules') expect(r.leaderMs, outputOf()).not.toBeNull();
        expect(r.leaderMs ?? 0).toBeLessThanOrEqual(TAKEOVER_MS);
        expect(r.pollMs).toBeLessThanOrEqual(TAKEOVER_MS);

        // the dead node comes back, as a follower
        startNode(victim, file, env, 'leader');
        await whenReady(victim);
      }

      // quiet, drain, stop
      for (const n of nodes) n.proc!.child.kill('SIGUSR1');
      await waitFor('the queue drained', async () => (await count(db, "SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running')")) === 0 || undefined, 30_000, outputOf);
      for (const n of nodes) expect((await stopNode(n)).code).toBe(0);

      const total = FIRST + ROUNDS * PER_ROUND;
      expect(await count(db, 'SELECT count(*) AS n FROM submissions')).toBe(total);
      expect(await count(db, 'SELECT count(DISTINCT source_id) AS n FROM source_items')).toBe(total);
      expect(await count(db, 'SELECT count(*) AS n FROM source_items WHERE confirmed_at IS NULL')).toBe(0);
      expect(await count(db, "SELECT count(*) AS n FROM jobs WHERE status = 'dead'")).toBe(0);
      for (const s of seeds) expect(sim.state.confirmedCount(`${s.partyId}/${s.instanceGuid}`), s.instanceGuid).toBe(1);
      const completeCalls = [...sim.state.completeCalls.values()].reduce((a, b) => a + b, 0);
      process.stdout.write(`team leader: ${ROUNDS} rounds ${JSON.stringify(rounds)}; Altinn /complete calls ${completeCalls} for ${total} instances\n`);
    } finally {
      for (const n of nodes) if (n.proc && n.proc.child.exitCode === null) n.proc.child.kill('SIGKILL');
      await db.end();
      await sim.close();
    }
  }, 240_000);
});
