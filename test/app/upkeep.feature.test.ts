// #17 item 6: store upkeep through the hub: the Drift overview, retention as a durable job, maintenance and the checked backup, for IT only.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import type { UpkeepOverviewDto } from '../../electron/ipc/upkeep.contract';
import { createRepos } from '../../electron/store';
import { testHub } from '../helpers/test-hub';
import { processCase, receive } from '../store/retention-seed';

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const DAY = 86_400_000;

async function overview(h: Hub): Promise<UpkeepOverviewDto> {
  const r = await h.invoke('upkeep.overview', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as UpkeepOverviewDto;
}

async function jobsDone(h: Hub, n: number) {
  await expect.poll(async () => Number((await h.store.sql.get<{ n: number }>("SELECT count(*) AS n FROM jobs WHERE status = 'done'"))!.n), { timeout: 10_000 }).toBe(n);
}

describe('upkeep feature', () => {
  it('moves an old finished case out through the retention job, and shows it with maintenance and a checked backup', async () => {
    const made = await testHub({}, { retention: { moveAfterDays: 30, maxDatabaseMB: 0.01 } });
    hub = made.hub;
    hub.users.switchTo('ida');

    const before = await overview(hub);
    expect(before).toMatchObject({
      database: { kind: 'sqlite', autoVacuum: 'incremental' },
      disk: { dataDir: made.dataDir },
      retention: { enabled: true, policy: 'move', moveAfterDays: 30, filesDir: path.join(made.dataDir, 'files'), lastRun: null },
      backups: { supported: true, last: null, kept: [] },
      maintenance: null,
    });
    expect(before.disk.freeBytes).toBeGreaterThan(0);
    expect(before.disk.dataBytes).toBeGreaterThan(0);
    // over the (tiny) limit set above: the warning says so
    expect(before.warnings.map((w) => w.kind)).toContain('database-large');

    // a case finished long ago, seeded as the flow leaves it
    const repos = createRepos(hub.store);
    const old = Date.now() - 200 * DAY;
    const c = await receive(repos, 1, old, [5000]);
    await processCase(repos, c, old + DAY);

    expect(await hub.invoke('upkeep.runRetention', {})).toMatchObject({ ok: true, value: { created: true } });
    await jobsDone(hub, 1);
    const after = await overview(hub);
    expect(after.retention.lastRun).toMatchObject({ state: 'done', cases: 1, blobs: 2 });
    expect(after.database.blobs.file).toEqual({ count: 2, bytes: 5000 + 800 });
    const sha = (await repos.submissions.get(c.publicId))!.parts[0]!.sha256!;
    expect(fs.existsSync(path.join(made.dataDir, 'files', sha.slice(0, 2), sha))).toBe(true);
    expect(Buffer.from((await hub.submissions.partBytes(c.publicId, 0))!.bytes).equals(Buffer.from(c.parts[0]!))).toBe(true);

    await hub.invoke('schedules.runNow', { name: 'store.maintenance' });
    await hub.invoke('schedules.runNow', { name: 'store.backup' });
    await jobsDone(hub, 3);
    const done = await overview(hub);
    expect(done.maintenance).toMatchObject({ switchedToIncremental: false, analyzed: [] });
    expect(done.backups.last?.check).toMatchObject({ ok: true, result: 'ok' });
    expect(done.backups.kept).toHaveLength(1);
    // the manual run was audited
    expect((await hub.audit.count())).toBeGreaterThanOrEqual(3);
  });

  it('is for IT only', async () => {
    ({ hub } = await testHub());
    hub.users.switchTo('kari');
    expect(await hub.invoke('upkeep.overview', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await hub.invoke('upkeep.runRetention', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
