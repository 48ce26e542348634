import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../app/host-types';
import { isLoopbackHttpUrl } from './security';

export interface RendererTarget {
  /** The exact URL the window loads; also the reference for isAppUrl. */
  url: string;
  /** Served by the electron-vite dev server rather than from out/renderer. */
  dev: boolean;
}

/**
 * out/renderer/index.html next to out/main, or the dev server's URL. The env var is only
 * honoured when not packaged, and only for loopback http, so it cannot point the app elsewhere.
 */
export function resolveRendererTarget(opts: { mainDir: string; devUrl?: string | undefined; allowDevUrl: boolean }): RendererTarget {
  if (opts.allowDevUrl && opts.devUrl && isLoopbackHttpUrl(opts.devUrl)) {
    return { url: new URL(opts.devUrl).href, dev: true };
  }
  return { url: pathToFileURL(join(opts.mainDir, '..', 'renderer', 'index.html')).href, dev: false };
}

export const preloadPath = (mainDir: string): string => join(mainDir, '..', 'preload', 'index.js');

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Postmottak',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: preloadPath,
    },
  };
}

/** Shown only once painted, so the user never sees a blank white frame. */
export function createMainWindow(opts: { target: RendererTarget; preloadPath: string; logger?: Logger }): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(opts.preloadPath));
  win.once('ready-to-show', () => {
    if (!win.isDestroyed()) win.show();
  });
  win.loadURL(opts.target.url).catch((e: unknown) => {
    opts.logger?.log('error', 'renderer failed to load', { error: e instanceof Error ? e.message : String(e) });
  });
  return win;
}
