import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/app/create-hub';
import type { SystemStatus } from '../../electron/ipc';
import { latestVersion, type SqliteStore } from '../../electron/store';
import { testHub } from '../helpers/test-hub';

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const status = async (h: Hub) => {
  const r = await h.invoke('system.status', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as SystemStatus;
};

/** The demo's IT user: since #12 item 3 only it-admin runs schedules, verifies the audit chain and retries or abandons jobs (these tests ran as the demo's caseworker before, the hole). */
const asIt = (h: Hub) => {
  h.users.switchTo('ida');
  return h;
};

describe('hub contract', () => {
  it('reports live status from the store', async () => {
    ({ hub } = await testHub());
    const s = await status(hub);
    expect(s).toMatchObject({ demo: true, host: 'test', store: { schemaVersion: latestVersion() }, jobs: { queued: 0, done: 0 } });
    expect(s.schedules.map((x) => x.name)).toEqual(['store.backup', 'store.maintenance', 'audit.verify', 'alerts.evaluate', 'retention.run']);
    expect(s.schedules.every((x) => typeof x.nextRunAt === 'number' && x.nextRunAt > s.now)).toBe(true);
    expect(s.store.sizeBytes).toBeGreaterThan(0);
  });

  it('answers an unknown channel and bad input as data, never by throwing', async () => {
    ({ hub } = await testHub());
    asIt(hub);
    expect(await hub.invoke('cases.delete', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await hub.invoke('jobs.retry', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/id/) } });
    expect(await hub.invoke('jobs.list', { status: 'done', extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await hub.invoke('jobs.retry', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await hub.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('runs a schedule now: the job runs, status and events follow, the backup file exists', async () => {
    ({ hub } = await testHub());
    asIt(hub);
    const events: string[] = [];
    hub.onEvent((name, p) => events.push(`${name}:${(p as { status?: string }).status ?? ''}`));
    const r = await hub.invoke('schedules.runNow', { name: 'store.backup' });
    expect(r).toMatchObject({ ok: true, value: { created: true } });
    await expect.poll(async () => (await status(hub!)).jobs.done, { timeout: 5000 }).toBe(1);
    const s = await status(hub);
    expect(s.lastBackup).not.toBeNull();
    expect(fs.existsSync(s.lastBackup!.file)).toBe(true);
    expect(s.schedules.find((x) => x.name === 'store.backup')!.lastRunAt).not.toBeNull();
    expect(events).toEqual(expect.arrayContaining(['job.updated:queued', 'job.updated:running', 'job.updated:done', 'status.changed:']));
    expect(s.store.auditEntries).toBe(1); // the manual run is audited
    expect(await hub.invoke('schedules.runNow', { name: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('verifies the audit chain through the contract', async () => {
    ({ hub } = await testHub());
    asIt(hub);
    await hub.invoke('schedules.runNow', { name: 'store.maintenance' });
    expect(await hub.invoke('audit.verify', {})).toEqual({ ok: true, value: { ok: true, checked: 1, problem: null } });
  });

  it('lists dead jobs and retries one through the contract, with an audit entry', async () => {
    ({ hub } = await testHub());
    asIt(hub);
    // a broken audit chain makes the audit.verify job fail permanently
    const db = (hub.store as SqliteStore).db;
    db.exec('DROP TRIGGER audit_log_no_update');
    await hub.audit.append({ actor: 'a', action: 'x' }, 1);
    db.exec("UPDATE audit_log SET actor = 'mallory'");
    await hub.invoke('schedules.runNow', { name: 'audit.verify' });
    await expect.poll(async () => (await status(hub!)).jobs.dead, { timeout: 5000 }).toBe(1);
    const dead = await hub.invoke('jobs.list', { status: 'dead' });
    expect(dead).toMatchObject({ ok: true, value: [{ type: 'audit.verify', lastErrorKind: 'permanent', lastError: expect.stringMatching(/brutt/) }] });
    const id = (dead as { value: { id: number }[] }).value[0]!.id;
    expect(await hub.invoke('jobs.abandon', { id })).toMatchObject({ ok: true, value: { abandoned: true } });
    expect((await status(hub)).jobs.deadUnresolved).toBe(0);
  });
});
