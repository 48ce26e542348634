import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE, type EventName, type HubResult } from '../../electron/ipc';
import { resolvePaths } from '../../electron/app/paths';
import type { HubLike } from '../../electron/main/host.types';
import {
  configPathFromArgv,
  startMain,
  STARTUP_ERROR_TITLE,
  startupErrorMessage,
  type DesktopHubOptions,
  type StartMainDeps,
} from '../../electron/main/start-main';
import { fake, FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

interface TestConfig {
  name: string;
}

function fakeHub() {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const hub = {
    invoke: vi.fn(async (channel: string): Promise<HubResult<unknown>> => ({ ok: true, value: channel })),
    onEvent: vi.fn((l: (name: EventName, payload: unknown) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
    start: vi.fn(async (): Promise<void> => undefined),
    stop: vi.fn(async (): Promise<void> => undefined),
    emit: (name: EventName, payload: unknown) => listeners.forEach((l) => l(name, payload)),
    listenerCount: () => listeners.size,
  };
  return hub satisfies HubLike;
}

let dataRoot: string;
beforeEach(() => {
  fake.reset();
  dataRoot = mkdtempSync(join(tmpdir(), 'pm-main-'));
});
afterEach(() => rmSync(dataRoot, { recursive: true, force: true }));

function deps(over: Partial<StartMainDeps<TestConfig>> = {}) {
  const hub = fakeHub();
  const secrets = { kind: 'test', get: vi.fn(), set: vi.fn(), delete: vi.fn(), names: vi.fn() };
  const logger = { log: vi.fn() };
  const d: StartMainDeps<TestConfig> = {
    mainDir: '/opt/Postmottak/out/main',
    argv: ['/opt/Postmottak/postmottak', '--config', '/etc/postmottak.json'],
    env: {},
    platform: 'linux',
    appDirName: 'Postmottak',
    actor: 'saksbehandler',
    resolvePaths: vi.fn((opts: { config?: string }) => ({ dataDir: join(dataRoot, 'data'), configFile: opts.config })),
    loadConfig: vi.fn((file: string | undefined) => ({ config: { name: file ?? 'demo' }, demo: !file })),
    createSecrets: vi.fn(() => secrets),
    createHub: vi.fn(async (_o: DesktopHubOptions<TestConfig>) => hub),
    createLogger: vi.fn(() => logger),
    stopTimeoutMs: 50,
    ...over,
  };
  return { d, hub, secrets, logger };
}

async function start(d: StartMainDeps<TestConfig>) {
  const p = startMain(d);
  fake.app.ready();
  return p;
}

const window0 = () => FakeBrowserWindow.instances[0]!;

describe('startMain: happy path', () => {
  it('takes the lock in the shared app folder, loads config, starts the hub and opens the window', async () => {
    const { d, hub, secrets, logger } = deps();
    const handle = await start(d);
    expect(handle?.hub).toBe(hub);

    // userData is pinned before the single-instance lock (the lock lives there)
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', join('/fake/appData', 'Postmottak'));
    expect(fake.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(fake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);

    expect(d.resolvePaths).toHaveBeenCalledWith({ config: '/etc/postmottak.json' }, d.env);
    expect(d.loadConfig).toHaveBeenCalledWith('/etc/postmottak.json');
    expect(d.createHub).toHaveBeenCalledWith({
      dataDir: join(dataRoot, 'data'),
      config: { name: '/etc/postmottak.json' },
      demo: false,
      host: 'electron',
      version: '9.9.9',
      secrets,
      actor: 'saksbehandler',
      logger,
      configFile: '/etc/postmottak.json',
      reload: expect.any(Function),
    });
    expect(d.createLogger).toHaveBeenCalledWith({ name: '/etc/postmottak.json' }, join(dataRoot, 'data'));
    expect(d.createSecrets).toHaveBeenCalledWith({ name: '/etc/postmottak.json' }, join(dataRoot, 'data'));
    expect(hub.start).toHaveBeenCalled();

    expect(fake.session.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect(fake.session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.session.setPermissionCheckHandler).toHaveBeenCalled();
    expect(fake.ipcMain.handle).toHaveBeenCalledWith(IPC_INVOKE, expect.any(Function));

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window0().options).toMatchObject({ webPreferences: { preload: join('/opt/Postmottak/out/preload/index.js') } });
    expect(window0().loadURL).toHaveBeenCalledWith('file:///opt/Postmottak/out/renderer/index.html');
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('wires IPC to the window it created and refuses anyone else', async () => {
    const { d, hub } = deps();
    await start(d);
    await vi.waitFor(() => expect(window0().webContents.mainFrame.url).not.toBe(''));
    const handler = fake.ipcMain.handle.mock.calls[0]![1] as (...a: unknown[]) => Promise<unknown>;
    const wc = window0().webContents;
    await expect(handler({ sender: wc, senderFrame: wc.mainFrame }, 'system.status', {})).resolves.toEqual({
      ok: true,
      value: 'system.status',
    });
    expect(hub.invoke).toHaveBeenCalledWith('system.status', {});

    const stranger = new FakeBrowserWindow({}).webContents;
    stranger.mainFrame.url = wc.mainFrame.url;
    await expect(handler({ sender: stranger, senderFrame: stranger.mainFrame }, 'system.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('forwards hub events to its windows, not to closed ones', async () => {
    const { d, hub } = deps();
    await start(d);
    hub.emit('status.changed', { reason: 'x' });
    expect(window0().webContents.send).toHaveBeenCalledWith(IPC_EVENT, 'status.changed', { reason: 'x' });
    window0().close();
    window0().webContents.send.mockClear();
    hub.emit('status.changed', { reason: 'y' });
    expect(window0().webContents.send).not.toHaveBeenCalled();
  });

  it('lets the hub make its own logger when the host has none', async () => {
    const { d } = deps({ createLogger: undefined });
    await start(d);
    expect(d.createHub).toHaveBeenCalledWith(expect.objectContaining({ logger: undefined }));
  });

  it('hands the hub the updater built for its config and data folder (#17 item 7)', async () => {
    const updater = { state: vi.fn(), check: vi.fn(), download: vi.fn(), installOnRestart: vi.fn(), onChange: vi.fn() };
    const createUpdater = vi.fn(() => updater);
    const { d, logger } = deps({ createUpdater });
    await start(d);
    expect(createUpdater).toHaveBeenCalledWith({ name: '/etc/postmottak.json' }, { dataDir: join(dataRoot, 'data'), logger });
    expect(d.createHub).toHaveBeenCalledWith(expect.objectContaining({ updater }));
  });

  it('uses POSTMOTTAK_CONFIG and POSTMOTTAK_DATA through the shared path resolver', async () => {
    const env = { POSTMOTTAK_CONFIG: '/srv/pm.yaml', POSTMOTTAK_DATA: join(dataRoot, 'env-data') };
    const { d } = deps({ argv: ['/usr/bin/electron', '.'], env, resolvePaths });
    await start(d);
    expect(d.loadConfig).toHaveBeenCalledWith('/srv/pm.yaml');
    expect(d.createHub).toHaveBeenCalledWith(expect.objectContaining({ dataDir: join(dataRoot, 'env-data') }));
  });

  it('honours the dev server only when not packaged', async () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    const { d } = deps({ env });
    await start(d);
    expect(window0().loadURL).toHaveBeenCalledWith('http://localhost:5173/');

    fake.reset();
    fake.app.isPackaged = true;
    await start(deps({ env }).d);
    expect(window0().loadURL).toHaveBeenCalledWith('file:///opt/Postmottak/out/renderer/index.html');
  });
});

describe('startMain: single instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.app.lock = false;
    const { d } = deps();
    await expect(start(d)).resolves.toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(d.loadConfig).not.toHaveBeenCalled();
    expect(d.createHub).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('focuses (and restores) the existing window on a second launch', async () => {
    await start(deps().d);
    const win = window0();
    win.minimized = true;
    fake.app.emit('second-instance', {}, ['postmottak'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('startMain: startup failure', () => {
  it('shows the Norwegian config error and exits without a hub or window', async () => {
    const loadConfig = vi.fn(() => {
      throw new Error('Feil i /etc/postmottak.json:\n  jobs.concurrency: for stort tall');
    });
    const { d } = deps({ loadConfig });
    await expect(start(d)).resolves.toBeNull();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      STARTUP_ERROR_TITLE,
      'Feil i /etc/postmottak.json:\n  jobs.concurrency: for stort tall',
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(d.createHub).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('stops a hub that was created but failed to start', async () => {
    const { d, hub } = deps();
    hub.start.mockRejectedValueOnce(new Error('Databasen er nyere enn appen.'));
    await start(d);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(STARTUP_ERROR_TITLE, 'Databasen er nyere enn appen.');
    expect(hub.stop).toHaveBeenCalledTimes(1);
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('startMain: quitting', () => {
  it('stops the hub once before quitting, then quits for real', async () => {
    const { d, hub } = deps();
    let finishStop!: () => void;
    hub.stop.mockImplementation(() => new Promise<void>((r) => (finishStop = r)));
    await start(d);

    fake.app.quit();
    fake.app.quit(); // a second quit while stopping must not stop twice
    expect(fake.app.quitted).toBe(0);
    expect(hub.stop).toHaveBeenCalledTimes(1);
    expect(hub.listenerCount()).toBe(0);
    // a renderer call during shutdown still gets data back, and the stopping hub is left alone
    const handler = fake.ipcMain.handle.mock.calls[0]![1] as (...a: unknown[]) => Promise<unknown>;
    const wc = window0().webContents;
    await expect(handler({ sender: wc, senderFrame: wc.mainFrame }, 'system.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(hub.invoke).not.toHaveBeenCalled();

    finishStop();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(1));
    expect(hub.stop).toHaveBeenCalledTimes(1);
  });

  it('quits even when hub.stop fails or hangs', async () => {
    const failing = deps();
    failing.hub.stop.mockRejectedValueOnce(new Error('busy'));
    await start(failing.d);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(1));

    fake.reset();
    const hanging = deps({ stopTimeoutMs: 20 });
    hanging.hub.stop.mockImplementation(() => new Promise<void>(() => undefined));
    await start(hanging.d);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(1));
  });

  it('quits when the last window closes, except on macOS', async () => {
    await start(deps().d);
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.quitted).toBe(1)); // after the hub stopped

    fake.reset();
    await start(deps({ platform: 'darwin' }).d);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).not.toHaveBeenCalled();
    window0().close();
    fake.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });
});

describe('helpers', () => {
  it('configPathFromArgv reads --config FILE and --config=FILE', () => {
    expect(configPathFromArgv(['electron', '.', '--config', 'a.json'])).toBe('a.json');
    expect(configPathFromArgv(['postmottak', '--config=b.yaml'])).toBe('b.yaml');
    expect(configPathFromArgv(['postmottak', '--config'])).toBeUndefined();
    expect(configPathFromArgv(['postmottak', '--config='])).toBeUndefined();
    expect(configPathFromArgv(['postmottak'])).toBeUndefined();
  });
  it('startupErrorMessage falls back to a Norwegian text', () => {
    expect(startupErrorMessage(new Error('  Finner ikke konfigurasjonsfilen x.  '))).toBe('Finner ikke konfigurasjonsfilen x.');
    expect(startupErrorMessage('x')).toBe('Ukjent feil under oppstart.');
  });
});
