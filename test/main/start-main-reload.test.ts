import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type EventName, type HubResult } from '../../electron/ipc';
import { startMain, type DesktopHubOptions, type StartMainDeps } from '../../electron/main/start-main';
import { fake, FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

interface TestConfig {
  name: string;
}

/** A hub that answers with the config it was made on. */
function hubOn(config: TestConfig) {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  return {
    config,
    invoke: vi.fn(async (channel: string): Promise<HubResult<unknown>> => ({ ok: true, value: `${channel}@${config.name}` })),
    onEvent: (l: (name: EventName, payload: unknown) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    start: vi.fn(async (): Promise<void> => undefined),
    stop: vi.fn(async (): Promise<void> => undefined),
    emit: (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload)),
  };
}

let dataRoot: string;
beforeEach(() => {
  fake.reset();
  dataRoot = mkdtempSync(join(tmpdir(), 'pm-main-reload-'));
});
afterEach(() => rmSync(dataRoot, { recursive: true, force: true }));

describe('startMain: a saved config takes effect without a restart (#17)', () => {
  it('hands the hub its config file and reload; reload swaps the hub behind IPC and events', async () => {
    const hubs: ReturnType<typeof hubOn>[] = [];
    const given: DesktopHubOptions<TestConfig>[] = [];
    const d: StartMainDeps<TestConfig> = {
      mainDir: '/opt/Postmottak/out/main',
      argv: ['/opt/Postmottak/postmottak', '--config', 'conf/postmottak.yaml'],
      env: {},
      platform: 'linux',
      appDirName: 'Postmottak',
      actor: 'it',
      resolvePaths: (opts) => ({ dataDir: join(dataRoot, 'data'), configFile: opts.config }),
      loadConfig: () => ({ config: { name: 'first' }, demo: false }),
      createSecrets: vi.fn(() => ({ get: vi.fn(), set: vi.fn(), delete: vi.fn(), names: vi.fn() }) as never),
      createHub: vi.fn(async (o: DesktopHubOptions<TestConfig>) => {
        given.push(o);
        const h = hubOn(o.config);
        hubs.push(h);
        return h;
      }),
      stopTimeoutMs: 50,
    };
    const p = startMain(d);
    fake.app.ready();
    const handle = await p;
    expect(given[0]).toMatchObject({ configFile: resolve('conf/postmottak.yaml'), config: { name: 'first' } });
    expect(typeof given[0]!.reload).toBe('function');

    const wc = FakeBrowserWindow.instances[0]!.webContents;
    await vi.waitFor(() => expect(wc.mainFrame.url).not.toBe(''));
    expect(fake.ipcMain.handle).toHaveBeenCalledWith(IPC_INVOKE, expect.any(Function));
    const handler = fake.ipcMain.handle.mock.calls[0]![1] as (...a: unknown[]) => Promise<unknown>;
    const ask = () => handler({ sender: wc, senderFrame: wc.mainFrame }, 'system.status', {});
    expect(await ask()).toEqual({ ok: true, value: 'system.status@first' });

    await given[0]!.reload!({ name: 'second' });
    // the old hub stopped before the new one was made; secrets were made once
    expect(hubs[0]!.stop).toHaveBeenCalledTimes(1);
    expect(hubs).toHaveLength(2);
    expect(d.createSecrets).toHaveBeenCalledTimes(1);
    expect(handle?.hub).toBe(hubs[1]);
    expect(await ask()).toEqual({ ok: true, value: 'system.status@second' });
    // the window's event subscription survives the swap
    hubs[1]!.emit('job.updated', { id: 1 });
    expect(wc.send).toHaveBeenCalledWith(IPC_EVENT, 'job.updated', { id: 1 });
  });
});
