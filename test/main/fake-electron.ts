import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the 'electron' module (the binary cannot run here). Test files mock
 * 'electron' with `electronModule` and inspect/drive the same objects through `fake`.
 */

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeWebFrame('');
  destroyed = false;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | undefined;
  send = vi.fn();
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler = vi.fn((h: (d: { url: string }) => { action: string }) => {
    this.windowOpenHandler = h;
  });
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** Set to make the next windows' loadURL reject, like a dev server that is down. */
  static loadError: Error | undefined;
  webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  visible = false;
  loadURL = vi.fn(async (url: string) => {
    if (FakeBrowserWindow.loadError) throw FakeBrowserWindow.loadError;
    this.webContents.mainFrame.url = url;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  isDestroyed = () => this.destroyed;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  lock = true;
  paths: Record<string, string> = { appData: '/fake/appData', userData: '/fake/appData/postmottak' };
  private resolveReady!: () => void;
  private readyPromise = new Promise<void>((r) => (this.resolveReady = r));
  requestSingleInstanceLock = vi.fn(() => this.lock);
  whenReady = vi.fn(() => this.readyPromise);
  getPath = vi.fn((name: string) => this.paths[name] ?? `/fake/${name}`);
  setPath = vi.fn((name: string, value: string) => {
    this.paths[name] = value;
  });
  getVersion = vi.fn(() => '9.9.9');
  exit = vi.fn();
  /** Like Electron: quit emits before-quit, and only goes on if nobody prevented it. */
  quit = vi.fn(() => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted++;
  });
  quitted = 0;
  ready(): void {
    this.resolveReady();
  }
}

const create = () => ({
  app: new FakeApp(),
  session: {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  ipcRenderer: Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'x' })),
  }),
  contextBridge: { exposeInMainWorld: vi.fn() },
  dialog: { showErrorBox: vi.fn() },
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
    // XOR is enough to prove the value on disk is not the plaintext.
    encryptString: vi.fn((s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a))),
    decryptString: vi.fn((b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8')),
  },
});

type Fakes = ReturnType<typeof create>;

/** The current fakes; reset() replaces them all, so no state or stubbing leaks between tests. */
export const fake: Fakes & { reset(): void } = Object.assign(create(), {
  reset(): void {
    Object.assign(fake, create());
    FakeBrowserWindow.instances = [];
    FakeBrowserWindow.loadError = undefined;
  },
});

/** Getters, so a reset() between tests is seen by modules that imported 'electron' once. */
export const electronModule = {
  get app() {
    return fake.app;
  },
  get session() {
    return { defaultSession: fake.session };
  },
  BrowserWindow: FakeBrowserWindow,
  get ipcMain() {
    return fake.ipcMain;
  },
  get ipcRenderer() {
    return fake.ipcRenderer;
  },
  get contextBridge() {
    return fake.contextBridge;
  },
  get dialog() {
    return fake.dialog;
  },
  get shell() {
    return fake.shell;
  },
  get safeStorage() {
    return fake.safeStorage;
  },
};
