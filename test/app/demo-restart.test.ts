import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../electron/app/create-hub';
import { parseConfig } from '../../electron/app/config/load-config';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import { silentLogger } from '../../electron/core/ports/logger.port';
import type { HubResult } from '../../electron/ipc';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { demoPersons } from '../../integrations/demo';
import { openSimJournal } from '../../integrations/shared/simulator/sim-journal';
import { shippedProfiles } from '../helpers/ingest-env';
import { tempDir } from '../helpers/temp-dir';
import { pgStoreConfig, storeKinds } from '../helpers/test-store';

// #13 item 14: restarting `serve` on the same demo data folder started fresh simulators: a reply on
// an earlier application was refused ("saksmappe 2026/1 finnes ikke lenger i arkivet"), case
// numbers 2026/1 and 2026/2 existed twice, Altinn served the confirmed applications again and the
// advanced demo clock jumped back. The simulators keep their state in the data folder now.

const DAY = 86_400_000;

/** The demo hub with its simulators on `dataDir` (as `postmottak serve --demo` starts it). */
const demoHub = (dataDir: string, store: Record<string, unknown>) =>
  createHub({
    dataDir,
    config: parseConfig({ version: 1, jobs: { pollIntervalMs: 50 }, store }),
    demo: true,
    host: 'test',
    version: '0.0.0-test',
    secrets: createFileSecretStore(path.join(dataDir, 'secrets.json')),
    actor: 'tester',
    logger: process.env.DEBUG_HUB ? { log: (l, m, f) => l === 'error' && console.error(m, f) } : silentLogger,
    demoSimulators: true,
  });

async function waitFor(what: string, fn: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function helpers(hub: Hub) {
  const { sql } = hub.store;
  return {
    count: async (text: string, ...args: (string | number)[]) => (await sql.get<{ n: number }>(text, args))!.n,
    async ok<T>(channel: string, input: unknown): Promise<T> {
      const r = (await hub.invoke(channel, input)) as HubResult<T>;
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    /** Decides and approves the case; resolves when its reply went out and its U is in the archive. */
    async reply(publicId: string, count: (text: string, ...args: (string | number)[]) => Promise<number>) {
      await this.ok('session.switchUser', { account: 'kari' });
      await this.ok('cases.claim', { publicId });
      await this.ok('cases.decide', { publicId, outcome: 'innvilget', grounds: 'Barnet har rett til plass etter barnehageloven § 16.' });
      await this.ok('cases.approve', { publicId });
      const sub = "(SELECT id FROM submissions WHERE public_id = ?)";
      await waitFor(`the reply on ${publicId} archived`, async () => {
        const failed = await sql.get<{ last_error: string }>(`SELECT last_error FROM archive_entries WHERE submission_id = ${sub} AND journalposttype = 'U' AND status = 'failed'`, [publicId]);
        if (failed) throw new Error(`the reply's U was refused: ${failed.last_error}`);
        return (await count(`SELECT count(*) AS n FROM archive_entries WHERE submission_id = ${sub} AND journalposttype = 'U' AND status = 'archived'`, publicId)) === 1;
      });
      await waitFor(`the reply on ${publicId} sent`, async () => (await count(`SELECT count(*) AS n FROM replies WHERE submission_id = ${sub} AND correspondence_id IS NOT NULL`, publicId)) === 1);
    },
  };
}

/** The case files the demo archive holds, as "saksår/sekvensnummer" (its own listing over N5WS). */
async function archiveCaseNumbers(hub: Hub): Promise<string[]> {
  const r = await fetch(`${hub.demoArchive!.url}/api/sakarkiv/saksmappe?$top=10000`, { headers: { Accept: 'application/vnd.noark5+json' } });
  const body = (await r.json()) as { results?: { mappeID: string }[] };
  return (body.results ?? []).map((c) => c.mappeID);
}

const ARCHIVED_APPLICATIONS = `SELECT s.public_id FROM submissions s JOIN archive_entries e ON e.submission_id = s.id AND e.journalposttype = 'I' AND e.status = 'archived'
  WHERE s.profile_id = 'barnehageplass' ORDER BY s.id`;

describe.each(storeKinds())('the demo goes on where it stopped (#13 item 14) (%s)', (kind) => {
  it('a restarted demo keeps its archive, its Altinn confirmations and letters, and its clock', { timeout: 90_000 }, async () => {
    const dataDir = tempDir('pm-demo-restart-');
    // the whole loop (ingest, archive, decide, reply, restart) on each store; PostgreSQL's password sits in the data folder's secret store
    const store = kind === 'postgres' ? await pgStoreConfig(createFileSecretStore(path.join(dataDir, 'secrets.json'))) : { kind: 'sqlite' };

    // ---- first run: ingest and archive, answer one application, move the clock
    let hub = await demoHub(dataDir, store);
    let first: { publicIds: string[]; caseNumbers: string[]; confirmed: string[]; correspondences: string[]; clock: number };
    try {
      const h = helpers(hub);
      // the two answered here go out through Altinn: the demo reserves every seventh applicant against
      // digital mail (paper at once), and which arrives first differs between runs and stores
      const reserved = new Set(demoPersons(hub.demoAltinn!.households(), Date.now()).filter((p) => p.krr?.reserved).map((p) => p.personNumber));
      let publicIds: string[] = [];
      await waitFor('applications archived', async () => {
        publicIds = [];
        for (const { public_id: id } of await hub.store.sql.all<{ public_id: string }>(ARCHIVED_APPLICATIONS)) {
          const persons = await hub.store.sql.all<{ person_number: string }>('SELECT person_number FROM case_persons WHERE submission_id = (SELECT id FROM submissions WHERE public_id = ?)', [id]);
          if (!persons.some((p) => reserved.has(p.person_number))) publicIds.push(id);
        }
        return publicIds.length >= 2;
      });
      await h.reply(publicIds[0]!, h.count);
      const altinn = hub.demoAltinn!;
      altinn.clock.advance(2 * DAY);
      first = {
        publicIds,
        caseNumbers: await archiveCaseNumbers(hub),
        confirmed: altinn.sim.state.instances().filter((i) => altinn.sim.state.confirmedCount(i.id) > 0).map((i) => i.id),
        correspondences: altinn.sim.state.correspondence.all().map((c) => c.id),
        clock: altinn.clock.now(),
      };
      expect(first.caseNumbers.length).toBeGreaterThanOrEqual(1);
      expect(first.confirmed.length).toBeGreaterThanOrEqual(3);
      expect(first.correspondences.length).toBe(1);
    } finally {
      await hub.stop();
    }

    // ---- second run on the same folder
    hub = await demoHub(dataDir, store);
    try {
      const h = helpers(hub);
      const altinn = hub.demoAltinn!;
      // the clock did not jump back
      expect(altinn.clock.now()).toBeGreaterThanOrEqual(first.clock);
      // Altinn remembers what the hub confirmed (so it does not serve it again) and the letter sent
      for (const id of first.confirmed) expect(altinn.sim.state.confirmedCount(id), id).toBe(1);
      expect(altinn.sim.state.correspondence.all().map((c) => c.id)).toEqual(first.correspondences);
      // the archive still holds the case files, under the same numbers
      expect(await archiveCaseNumbers(hub)).toEqual(expect.arrayContaining(first.caseNumbers));

      // a reply on an application archived in the first run is archived, not refused
      await h.reply(first.publicIds[1]!, h.count);
      // read tracking of the first run's letter goes on: the recipient opens it, the poll sees it
      expect(altinn.sim.state.correspondence.markRead(first.correspondences[0]!)).toBe(true);
      await hub.store.uow.run(() => hub.runner.enqueue('correspondence.poll', {}, 'test:poll-after-restart'));
      await waitFor('the first letter read', async () => (await h.count("SELECT count(*) AS n FROM replies WHERE correspondence_id = ? AND state = 'read'", first.correspondences[0]!)) === 1);

      // new applications after the restart get new case numbers, none twice, in the archive or in the hub
      altinn.sim.state.addSubmissions(generateSubmissions({ seed: 14, count: 4, org: 'kommune', profiles: shippedProfiles().all(), startAt: Date.now() - 60_000, a2Share: 0 }));
      const before = await h.count("SELECT count(*) AS n FROM archive_case_files WHERE saksaar IS NOT NULL");
      await hub.store.uow.run(() => hub.runner.enqueue('ingest.poll', { source: 'altinn3' }, 'test:ingest-after-restart'));
      await waitFor('the new applications archived', async () => (await h.count("SELECT count(*) AS n FROM archive_case_files WHERE saksaar IS NOT NULL")) > before);
      await waitFor('the rest archived', async () => (await h.count("SELECT count(*) AS n FROM archive_entries WHERE status = 'pending'")) === 0);
      const numbers = await archiveCaseNumbers(hub);
      expect(numbers.length).toBeGreaterThan(first.caseNumbers.length);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(await h.count('SELECT count(*) AS n FROM (SELECT 1 FROM archive_case_files WHERE saksaar IS NOT NULL GROUP BY saksaar, sakssekvensnummer HAVING count(*) > 1) AS d')).toBe(0);
      expect(await h.count("SELECT count(*) AS n FROM archive_entries WHERE status = 'failed'")).toBe(0);
    } finally {
      await hub.stop();
    }
    // the simulators' state is the data folder's: owner only
    const stateDir = path.join(dataDir, 'demo-state');
    expect(fs.statSync(stateDir).mode & 0o777).toBe(0o700);
    // #17: the demo's SMTP server keeps its CA certificate and the alert mails it took (mail/)
    expect(fs.readdirSync(stateDir).sort()).toEqual(['altinn.jsonl', 'archive.jsonl', 'mail', 'smtp-ca.pem']);
    for (const f of fs.readdirSync(stateDir)) {
      const st = fs.statSync(path.join(stateDir, f));
      expect(st.mode & 0o777, f).toBe(st.isDirectory() ? 0o700 : 0o600);
    }
  });
});

describe('the demo simulators\' journal', () => {

  it('a journal torn by a crash loses only its last line, and goes on on a line of its own', () => {
    const file = path.join(tempDir('pm-journal-'), 'state', 'x.jsonl');
    const j = openSimJournal<{ n: number }>(file);
    j.append({ n: 1 });
    j.append({ n: 2 });
    fs.appendFileSync(file, '{"n":3'); // the crash
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = openSimJournal<{ n: number }>(file);
    expect(again.entries).toEqual([{ n: 1 }, { n: 2 }]);
    again.append({ n: 4 });
    expect(openSimJournal<{ n: number }>(file).entries).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
  });
});
