import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { UpdaterPort, UpdateState } from '../../electron/core/ports/updater.port';
import { ERROR_CODES, type HubResult } from '../../electron/ipc';
import type { UpdatesStatusDto } from '../../electron/ipc/updates.contract';
import { testHub } from '../helpers/test-hub';

type Hub = Awaited<ReturnType<typeof testHub>>['hub'];
const hubs: Hub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
});

async function hubWith(over: Parameters<typeof testHub>[0], updates: Record<string, unknown> = {}) {
  const { hub } = await testHub({ version: '2.3.4', ...over }, { updates });
  hubs.push(hub);
  expect(hub.users.switchTo('ida')).toBeDefined(); // the demo's IT user
  return hub;
}
const ok = <T>(r: HubResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

/** An UpdaterPort whose steps the test drives, as electron-updater's events would. */
function fakeUpdater(): UpdaterPort & { set(s: UpdateState): void; installOnRestart: Mock<() => void>; check: Mock<() => Promise<UpdateState>>; download: Mock<() => Promise<UpdateState>> } {
  let state: UpdateState = { state: 'idle' };
  const listeners = new Set<(s: UpdateState) => void>();
  const set = (s: UpdateState) => {
    state = s;
    listeners.forEach((l) => l(s));
  };
  return {
    set,
    state: () => state,
    check: vi.fn(async (): Promise<UpdateState> => {
      set({ state: 'checking' });
      set({ state: 'available', version: '2.4.0', releaseDate: '2026-12-01T10:00:00.000Z' });
      return state;
    }),
    download: vi.fn(async (): Promise<UpdateState> => {
      set({ state: 'downloading', version: '2.4.0', percent: 40, bytesPerSecond: 1000 });
      return state;
    }),
    installOnRestart: vi.fn<() => void>(),
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

describe('updates in the headless host', () => {
  it('show the version and where updates come from, without credentials', async () => {
    const hub = await hubWith({ host: 'headless' }, { url: 'https://drift:Hemmelig-1@oppdatering.kommune.no/postmottak/', channel: 'beta' });
    const s = ok<UpdatesStatusDto>(await hub.invoke('updates.status', {}));
    expect(s).toMatchObject({ version: '2.3.4', host: 'headless', channel: 'beta', source: 'https://oppdatering.kommune.no/postmottak/', selfUpdating: false, update: null });
    expect(s.note).toBe('Oppdateringer styres av den som drifter serveren; versjon 2.3.4; kilde: https://oppdatering.kommune.no/postmottak/.');
    expect(s.can).toEqual({ check: false, download: false, install: false });
    expect(JSON.stringify(s)).not.toContain('Hemmelig-1');
  });

  it('say so when no source is set', async () => {
    const hub = await hubWith({ host: 'headless' });
    const s = ok<UpdatesStatusDto>(await hub.invoke('updates.status', {}));
    expect(s.note).toBe('Oppdateringer styres av den som drifter serveren; versjon 2.3.4; kilde: ikke satt.');
    expect(s.source).toBeNull();
  });

  it('refuse check, download and install with the same clear message, and audit nothing', async () => {
    const hub = await hubWith({ host: 'headless' });
    const before = await hub.audit.count();
    for (const ch of ['updates.check', 'updates.download', 'updates.install'] as const) {
      const r = await hub.invoke(ch, {});
      expect(r).toEqual({ ok: false, error: { code: ERROR_CODES.conflict, message: expect.stringContaining('Oppdateringer styres av den som drifter serveren') } });
    }
    expect(await hub.audit.count()).toBe(before);
  });

  it('are for IT only', async () => {
    const hub = await hubWith({ host: 'headless' });
    expect(hub.users.switchTo('kari')).toBeDefined(); // a caseworker
    const r = await hub.invoke('updates.status', {});
    expect(r.ok === false && r.error.code).toBe(ERROR_CODES.forbidden);
  });
});

describe('updates in the desktop host (the updater port faked)', () => {
  it('check, download and install step by step, audited, with each change pushed as status.changed', async () => {
    const updater = fakeUpdater();
    const hub = await hubWith({ host: 'electron', updater }, { url: 'https://oppdatering.kommune.no/postmottak/', checkOnStart: false, publisherName: ['Bergen kommune'] });
    const events: unknown[] = [];
    hub.onEvent((name, payload) => name === 'status.changed' && events.push(payload));

    let s = ok<UpdatesStatusDto>(await hub.invoke('updates.status', {}));
    expect(s).toMatchObject({ host: 'electron', selfUpdating: true, note: null, update: { state: 'idle' }, publisherName: ['Bergen kommune'], can: { check: true, download: false, install: false } });

    // nothing to download or install yet
    expect((await hub.invoke('updates.download', {})).ok).toBe(false);
    const early = await hub.invoke('updates.install', {});
    expect(early.ok === false && early.error.message).toBe('Ingen ny versjon er lastet ned ennå. Last den ned først.');
    expect(updater.installOnRestart).not.toHaveBeenCalled();

    s = ok<UpdatesStatusDto>(await hub.invoke('updates.check', {}));
    expect(s.update).toEqual({ state: 'available', version: '2.4.0', releaseDate: '2026-12-01T10:00:00.000Z' });
    expect(s.can).toEqual({ check: true, download: true, install: false });
    expect(events).toContainEqual({ reason: 'updates' });

    s = ok<UpdatesStatusDto>(await hub.invoke('updates.download', {}));
    expect(updater.download).toHaveBeenCalledTimes(1);
    expect(s.update).toMatchObject({ state: 'downloading', percent: 40 });
    expect(s.can.check).toBe(false);

    updater.set({ state: 'downloaded', version: '2.4.0' });
    ok<UpdatesStatusDto>(await hub.invoke('updates.install', {}));
    expect(updater.installOnRestart).toHaveBeenCalledTimes(1);

    const audit = (await hub.audit.recent(10)).filter((e) => e.action.startsWith('updates.')).reverse();
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['updates.check', 'ida'],
      ['updates.download', 'ida'],
      ['updates.install', 'ida'],
    ]);
    expect(audit[2]!.details).toMatchObject({ version: '2.4.0', from: '2.3.4', channel: 'latest', source: 'https://oppdatering.kommune.no/postmottak/' });
  });

  it('checks once at start when checkOnStart is on, and stops pushing once the hub stops', async () => {
    const updater = fakeUpdater();
    const hub = await hubWith({ host: 'electron', updater }, { url: 'https://oppdatering.kommune.no/postmottak/' });
    expect(updater.check).toHaveBeenCalledTimes(1);
    const events: unknown[] = [];
    hub.onEvent((name, payload) => name === 'status.changed' && events.push(payload));
    await hub.stop();
    updater.set({ state: 'idle' });
    expect(events).toEqual([]);
  });

  it('without an update server the desktop app says what to set', async () => {
    const hub = await hubWith({ host: 'electron' });
    const s = ok<UpdatesStatusDto>(await hub.invoke('updates.status', {}));
    expect(s.note).toMatch(/Ingen oppdateringsserver er satt opp.*Sett updates.url/);
    expect((await hub.invoke('updates.check', {})).ok).toBe(false);
  });
});

describe('updates config', () => {
  it('takes https, or http only to this machine', async () => {
    const { parseConfig } = await import('../../electron/app/config/load-config');
    expect(parseConfig({ version: 1, updates: { url: 'http://127.0.0.1:8080/u/' } }).updates).toEqual({ url: 'http://127.0.0.1:8080/u/', channel: 'latest', checkOnStart: true, autoDownload: false });
    expect(() => parseConfig({ version: 1, updates: { url: 'http://oppdatering.kommune.no/u/' } })).toThrow(/updates.url.*https/s);
    expect(() => parseConfig({ version: 1, updates: { channel: 'nightly' } })).toThrow(/updates.channel/);
  });
});
