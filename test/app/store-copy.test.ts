import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStoreAddress, copyStores } from '../../electron/app/admin/store-admin';
import { parseConfig } from '../../electron/app/config/load-config';
import { createHub, type Hub } from '../../electron/app/create-hub';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import { silentLogger } from '../../electron/core/ports/logger.port';
import type { HubResult } from '../../electron/ipc';
import { STORE_FILE } from '../../electron/store';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { shippedProfiles } from '../helpers/ingest-env';
import { tempDir } from '../helpers/temp-dir';
import { freshSchema, pgServer } from '../helpers/test-store';

const CASES = 1_000;

/** The hub on a folder; without simulators it is only looked at: no jobs run, nothing changes under the comparison. */
const hubOn = (dataDir: string, store: Record<string, unknown>, demoSimulators: boolean) =>
  createHub({
    autoStart: demoSimulators,
    dataDir,
    config: parseConfig({ version: 1, jobs: { pollIntervalMs: 50, concurrency: 8 }, store }),
    demo: true,
    host: 'test',
    version: '0.0.0-test',
    secrets: createFileSecretStore(path.join(dataDir, 'secrets.json')),
    actor: 'tester',
    logger: silentLogger,
    demoSimulators,
  });

async function ok<T>(hub: Hub, channel: string, input: unknown): Promise<T> {
  const r = (await hub.invoke(channel, input)) as HubResult<T>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** What a caseworker and an archivist see of the store: every case in the list, a document's bytes, the audit chain. */
async function view(hub: Hub) {
  await ok(hub, 'session.switchUser', { account: 'leif' });
  const cases: unknown[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ok<{ items: unknown[]; total: number }>(hub, 'cases.list', { sort: 'received', dir: 'asc', limit: 500, offset });
    cases.push(...page.items);
    if (page.items.length < 500) break;
  }
  const audit = await ok<{ ok: boolean; checked: number }>(hub, 'audit.verify', {}).catch(async () => hub.audit.verify());
  return { cases, audit: { ok: audit.ok, checked: audit.checked } };
}

describe('postmottak store copy (#19)', () => {
  const { url, password } = pgServer();
  const saved = process.env.PGPASSWORD;
  process.env.PGPASSWORD = password;
  afterAll(() => {
    if (saved === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = saved;
  });

  it(`moves a demo desk with ${CASES} cases into a team database: the same cases, documents and audit chain`, { timeout: 240_000 }, async () => {
    const dataDir = tempDir('pm-copy-');
    let desk = await hubOn(dataDir, { kind: 'sqlite' }, true);
    let before: Awaited<ReturnType<typeof view>>;
    let documents: { publicId: string; bytes: string }[];
    try {
      desk.demoAltinn!.sim.state.addSubmissions(
        generateSubmissions({ seed: 19, count: CASES, org: 'kommune', profiles: shippedProfiles().all(), startAt: Date.now() - 3_600_000, a2Share: 0 }),
      );
      await desk.ingest.pollNow('altinn3');
      await expect
        .poll(async () => (await desk.submissions.counts()).received + (await desk.submissions.counts()).quarantined, { timeout: 180_000, interval: 500 })
        .toBeGreaterThanOrEqual(CASES);
    } finally {
      await desk.stop();
    }
    // the desk as it stopped (the demo goes on archiving and receiving while it runs)
    desk = await hubOn(dataDir, { kind: 'sqlite' }, false);
    try {
      before = await view(desk);
      const some = await desk.submissions.list({ limit: 5, offset: 0 });
      documents = await Promise.all(
        some.map(async (s) => ({ publicId: s.publicId, bytes: Buffer.from((await desk.submissions.partBytes(s.publicId, 0))!.bytes).toString('base64') })),
      );
    } finally {
      await desk.stop();
    }
    expect(before.cases.length).toBeGreaterThanOrEqual(CASES);
    expect(before.audit.ok).toBe(true);

    const schema = freshSchema();
    const report = await copyStores(parseStoreAddress(`sqlite:${path.join(dataDir, STORE_FILE)}`), parseStoreAddress(url.toString()), { schema });
    expect(report.tables.find((t) => t.table === 'submissions')!.rows).toBeGreaterThanOrEqual(CASES);
    expect(report.audit.ok).toBe(true);
    expect(report.to).not.toContain(password);

    // the same folder, now configured for the team database: the desk sees what it saw
    const secrets = createFileSecretStore(path.join(dataDir, 'secrets.json'));
    await secrets.set('team-db', password);
    desk = await hubOn(dataDir, { kind: 'postgres', url: url.toString(), password: { secret: 'team-db' }, schema }, false);
    try {
      const after = await view(desk);
      expect(after.cases).toEqual(before.cases);
      expect(after.audit).toEqual(before.audit);
      for (const d of documents) expect(Buffer.from((await desk.submissions.partBytes(d.publicId, 0))!.bytes).toString('base64')).toBe(d.bytes);
      // and it goes on: a new audit entry links onto the copied chain
      await desk.audit.append({ actor: 'tester', action: 'store.copied' }, Date.now());
      expect((await desk.audit.verify()).ok).toBe(true);
    } finally {
      await desk.stop();
    }

    // a second copy into the same schema is refused: the target is not empty
    await expect(copyStores(parseStoreAddress(`sqlite:${path.join(dataDir, STORE_FILE)}`), parseStoreAddress(url.toString()), { schema })).rejects.toThrow(/ikke tomt/);
  });

  it('refuses a password on the command line and an unknown address', () => {
    expect(() => parseStoreAddress('postgres://u:secret@h/db')).toThrow(/PGPASSWORD/);
    expect(() => parseStoreAddress('mysql://h/db')).toThrow(/Ukjent lageradresse/);
  });
});
