import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { app, dialog, ipcMain, session, shell, type BrowserWindow } from 'electron';
import { createSenderGuard, forwardHubEvents, registerIpcHandlers } from './ipc-handlers';
import { applySessionSecurity, buildCsp, installWebContentsHardening } from './security';
import { createMainWindow, preloadPath, resolveRendererTarget } from './window';
import type { HubOptions } from '../app/hub-options';
import { createHubHost } from '../app/hub-host';
import type { Logger, SecretStore } from '../app/host-types';
import { ERROR_CODES, type HubResult } from '../ipc';
import type { HubLike } from './host.types';

type MaybePromise<T> = T | Promise<T>;

/** What createHub (electron/app/create-hub.ts) receives from this host. */
export interface DesktopHubOptions<C> {
  dataDir: string;
  config: C;
  demo: boolean;
  host: 'electron';
  version: string;
  secrets: SecretStore;
  actor: string;
  logger?: Logger;
  /** #17 item 1: the file the Integrasjoner screen saves to (null: the demo), and how a saved config is put in force. */
  configFile?: string | null;
  reload?: (config: C) => Promise<void>;
  /** #17 item 7: electron-updater, when the config names an update server. */
  updater?: HubOptions['updater'];
}

export interface StartMainDeps<C> {
  /** __dirname of out/main: the renderer and preload are found next to it. */
  mainDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Folder name under the OS app-data folder, shared with the headless host. */
  appDirName: string;
  resolvePaths(opts: { config?: string }, env: NodeJS.ProcessEnv): { dataDir: string; configFile: string | undefined };
  loadConfig(file: string | undefined): MaybePromise<{ config: C; demo: boolean }>;
  createSecrets(config: C, dataDir: string): SecretStore;
  /** The log for this config; dataDir is where the log folder goes when the config names no file (#17 item 5). */
  createLogger?(config: C, dataDir: string): Logger;
  /** #17 item 7: the updater for this config (null: no update server configured). */
  createUpdater?(config: C, ctx: { dataDir: string; logger: Logger }): HubOptions['updater'];
  createHub(opts: DesktopHubOptions<C>): Promise<HubLike>;
  actor?: string;
  /** How long quitting waits for hub.stop() before giving up. */
  stopTimeoutMs?: number;
}

export interface MainHandle {
  hub: HubLike;
  windows: ReadonlySet<BrowserWindow>;
}

export const STARTUP_ERROR_TITLE = 'Postmottak kunne ikke starte';
const SHUTTING_DOWN: HubResult<never> = { ok: false, error: { code: ERROR_CODES.internal, message: 'Postmottak avsluttes.' } };

/** `--config FILE` or `--config=FILE`; the last one wins, as with most CLIs. */
export function configPathFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--config' && argv[i + 1] !== undefined) found = argv[i + 1];
    else if (a.startsWith('--config=')) found = a.slice('--config='.length);
  });
  return found || undefined;
}

export function startupErrorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message.trim() : '';
  return msg || 'Ukjent feil under oppstart.';
}

const osUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    return 'ukjent';
  }
};

const silent: Logger = { log: () => undefined };

/**
 * The desktop app's whole lifecycle. Resolves to the running hub and windows, or null when
 * another instance owns the app or start-up failed (the user has been told; the app exits).
 */
export async function startMain<C>(deps: StartMainDeps<C>): Promise<MainHandle | null> {
  const platform = deps.platform ?? process.platform;
  const stopTimeoutMs = deps.stopTimeoutMs ?? 10_000;

  // Before the lock: the lock lives in userData, and Electron's default folder name
  // ("postmottak") would differ from the headless host's ("Postmottak") on Linux.
  app.setPath('userData', join(app.getPath('appData'), deps.appDirName));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  const target = resolveRendererTarget({
    mainDir: deps.mainDir,
    devUrl: deps.env.ELECTRON_RENDERER_URL,
    allowDevUrl: !app.isPackaged,
  });
  let logger: Logger = silent;
  const windows = new Set<BrowserWindow>();
  const liveWindows = () => [...windows].filter((w) => !w.isDestroyed());
  let hub: HubLike | undefined;
  let ready = false;
  const disposers: (() => void)[] = [];

  installWebContentsHardening(app, {
    appUrl: target.url,
    openExternal: (url) => shell.openExternal(url),
    get logger() {
      return logger;
    },
  });

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({ target, preloadPath: preloadPath(deps.mainDir), logger });
    windows.add(win);
    win.on('closed', () => windows.delete(win));
    return win;
  };

  app.on('second-instance', () => {
    const win = liveWindows()[0];
    if (!win) {
      if (ready) openWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (ready && liveWindows().length === 0) openWindow();
  });

  let stopping: Promise<void> | undefined;
  const stopOnce = (): Promise<void> => {
    stopping ??= (async () => {
      for (const d of disposers.splice(0)) d();
      if (!hub) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.log('warn', 'hub.stop timed out; quitting anyway', { ms: stopTimeoutMs });
          resolve();
        }, stopTimeoutMs);
      });
      try {
        await Promise.race([hub.stop(), timeout]);
      } catch (e) {
        logger.log('error', 'hub.stop failed', { error: e instanceof Error ? e.message : String(e) });
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };
  let stopped = false;
  // Quit waits for the hub to finish its running jobs and close the store, then quits again.
  app.on('before-quit', (event) => {
    if (stopped || !hub) return;
    event.preventDefault();
    if (stopping) return;
    void stopOnce().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  await app.whenReady();
  try {
    applySessionSecurity(session.defaultSession, { csp: buildCsp({ dev: target.dev }) });
    const paths = deps.resolvePaths({ config: configPathFromArgv(deps.argv) }, deps.env);
    const loaded = await deps.loadConfig(paths.configFile);
    mkdirSync(paths.dataDir, { recursive: true, mode: 0o700 });
    const configured = deps.createLogger?.(loaded.config, paths.dataDir);
    logger = configured ?? silent;
    if (deps.env.ELECTRON_RENDERER_URL && !target.dev) {
      logger.log('warn', 'ELECTRON_RENDERER_URL ignored (packaged, or not a loopback http URL)');
    }
    // #17: a handle, not a bare hub: a config saved from the Integrasjoner screen is swapped in without a restart
    const secrets = deps.createSecrets(loaded.config, paths.dataDir);
    const configFile = paths.configFile ? resolve(paths.configFile) : null;
    // #17 item 7: one updater for the app's life, handed to every hub a reload swaps in
    const updater = deps.createUpdater?.(loaded.config, { dataDir: paths.dataDir, logger }) ?? undefined;
    const host = await createHubHost<HubLike, C>({
      config: loaded.config,
      logger,
      create: (config, reload) =>
        deps.createHub({
          dataDir: paths.dataDir,
          config,
          demo: loaded.demo,
          host: 'electron',
          version: app.getVersion(),
          secrets,
          actor: deps.actor ?? osUser(),
          // undefined lets the hub make its own; never hand it the silent stub.
          logger: configured,
          configFile,
          reload,
          updater,
        }),
    });
    hub = host;
    await hub.start();
    const guard = createSenderGuard({
      appUrl: target.url,
      ownsWebContents: (wc) => liveWindows().some((w) => w.webContents === wc),
    });
    const running = hub;
    // While quitting the handler stays and answers with data: a removed handler would make
    // the renderer's pending invoke() reject instead.
    const ipcHub = { invoke: (channel: string, input: unknown) => (stopping ? Promise.resolve(SHUTTING_DOWN) : running.invoke(channel, input)) };
    registerIpcHandlers({ ipcMain, hub: ipcHub, isTrustedSender: guard, logger });
    disposers.push(forwardHubEvents(hub, () => liveWindows().map((w) => w.webContents), logger));
    openWindow();
    ready = true;
    return {
      // the hub in force: a reload swaps it
      get hub() {
        return host.current();
      },
      windows,
    };
  } catch (e) {
    logger.log('error', 'startup failed', { error: startupErrorMessage(e) });
    dialog.showErrorBox(STARTUP_ERROR_TITLE, startupErrorMessage(e));
    await stopOnce();
    stopped = true;
    // exit, not quit: the process reports failure, and nothing is left that needs before-quit.
    app.exit(1);
    return null;
  }
}
