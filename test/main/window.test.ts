import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from './fake-electron';
import { createMainWindow, mainWindowOptions, preloadPath, resolveRendererTarget } from '../../electron/main/window';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const MAIN_DIR = join('/opt', 'Postmottak', 'out', 'main');

beforeEach(() => fake.reset());

describe('resolveRendererTarget', () => {
  it('loads out/renderer/index.html next to out/main by default', () => {
    const t = resolveRendererTarget({ mainDir: MAIN_DIR, devUrl: undefined, allowDevUrl: true });
    expect(t).toEqual({ url: pathToFileURL(join('/opt', 'Postmottak', 'out', 'renderer', 'index.html')).href, dev: false });
  });
  it('uses the electron-vite dev server when it is loopback http', () => {
    expect(resolveRendererTarget({ mainDir: MAIN_DIR, devUrl: 'http://localhost:5173', allowDevUrl: true })).toEqual({
      url: 'http://localhost:5173/',
      dev: true,
    });
  });
  it('ignores a non-loopback or non-http dev URL', () => {
    for (const devUrl of ['http://example.com:5173', 'https://localhost:5173', 'file:///tmp/x.html', 'garbage']) {
      expect(resolveRendererTarget({ mainDir: MAIN_DIR, devUrl, allowDevUrl: true }).dev).toBe(false);
    }
  });
  it('ignores the dev URL in a packaged app', () => {
    expect(resolveRendererTarget({ mainDir: MAIN_DIR, devUrl: 'http://localhost:5173', allowDevUrl: false }).dev).toBe(false);
  });
});

describe('main window', () => {
  it('has the locked-down web preferences and the preload from out/preload', () => {
    const preload = preloadPath(MAIN_DIR);
    expect(preload).toBe(join('/opt', 'Postmottak', 'out', 'preload', 'index.js'));
    expect(mainWindowOptions(preload).webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload,
    });
  });

  it('creates a hidden window, loads the target and shows it when ready', async () => {
    const target = resolveRendererTarget({ mainDir: MAIN_DIR, allowDevUrl: false });
    const win = createMainWindow({ target, preloadPath: preloadPath(MAIN_DIR) }) as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.instances).toEqual([win]);
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: preloadPath(MAIN_DIR) },
    });
    expect(win.loadURL).toHaveBeenCalledWith(target.url);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('logs instead of crashing when the page fails to load', async () => {
    const logger = { log: vi.fn() };
    FakeBrowserWindow.loadError = new Error('ERR_CONNECTION_REFUSED');
    createMainWindow({ target: { url: 'http://localhost:5173/', dev: true }, preloadPath: '/p.js', logger });
    await vi.waitFor(() =>
      expect(logger.log).toHaveBeenCalledWith('error', 'renderer failed to load', { error: 'ERR_CONNECTION_REFUSED' }),
    );
  });
});
