/**
 * A stand-in for the `electron` module under Node (no Electron binary exists on build machines).
 * It records what main/electron and the preload do: windows and their options, IPC handlers,
 * protocol handlers, bridge exposures, menus, dialogs, permissions, utility processes.
 *
 *   import { fake } from '../../tests/helpers/fake-electron.ts';
 *   const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
 *   vi.mock('electron', () => hoisted.fake.module);
 *   beforeEach(() => { fake.reset(); });
 *
 * (The hoisted import keeps one instance even across vi.resetModules().)
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

type Fn = (...args: never[]) => unknown;

/** An Electron-style event: listeners may call preventDefault(). */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [field: string]: unknown;
}

export function fakeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  const event: FakeEvent = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeSession {
  permissionRequestHandler: Fn | null = null;
  permissionCheckHandler: Fn | null = null;

  setPermissionRequestHandler(handler: Fn | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Fn | null): void {
    this.permissionCheckHandler = handler;
  }

  /** Runs the request handler and returns what it granted. */
  request(permission: string, details: Record<string, unknown>): boolean {
    const answer: { granted?: boolean } = {};
    const handler = this.permissionRequestHandler as
      ((c: null, p: string, cb: (g: boolean) => void, d: unknown) => void) | null;
    handler?.(null, permission, (granted) => (answer.granted = granted), details);
    if (answer.granted === undefined) {
      throw new Error('The permission request handler never answered.');
    }
    return answer.granted;
  }

  check(permission: string, origin: string, details: Record<string, unknown>): boolean {
    const handler = this.permissionCheckHandler as
      ((c: null, p: string, o: string, d: unknown) => boolean) | null;
    if (handler === null) {
      throw new Error('No permission check handler.');
    }
    return handler(null, permission, origin, details);
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session: FakeSession;
  readonly sent: unknown[][] = [];
  /** Every startDrag item, in order. */
  readonly drags: { file: string; icon: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  constructor(session: FakeSession) {
    super();
    this.session = session;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) {
      throw new Error('Object has been destroyed');
    }
    this.sent.push([channel, ...args]);
  }

  startDrag(item: { file: string; icon: unknown }): void {
    if (this.destroyed) {
      throw new Error('Object has been destroyed');
    }
    this.drags.push(item);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Emits `name` with a preventable event carrying `fields`; true when it was prevented. */
  fire(name: string, fields: Record<string, unknown> = {}, ...args: unknown[]): boolean {
    const event = fakeEvent(fields);
    this.emit(name, event, ...args);
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }

  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }

  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  readonly calls: string[] = [];
  loadedUrl: string | null = null;
  minimized = false;
  destroyed = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(state.defaultSession);
    FakeBrowserWindow.all.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
    this.calls.push('restore');
  }

  show(): void {
    this.calls.push('show');
  }

  focus(): void {
    this.calls.push('focus');
    FakeBrowserWindow.focused = this;
  }

  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly modulePath: string;
  readonly args: string[];
  readonly options: Record<string, unknown>;
  readonly posted: unknown[] = [];
  readonly stdout: PassThrough | null;
  readonly stderr: PassThrough | null;
  killCalls = 0;

  constructor(modulePath: string, args: string[], options: Record<string, unknown>) {
    super();
    this.modulePath = modulePath;
    this.args = args;
    this.options = options;
    const piped = options.stdio === 'pipe';
    this.stdout = piped ? new PassThrough() : null;
    this.stderr = piped ? new PassThrough() : null;
  }

  postMessage(message: unknown): void {
    this.posted.push(structuredClone(message));
  }

  kill(): boolean {
    this.killCalls += 1;
    return true;
  }

  /** Simulates the child ending with an exit code. */
  exit(code: number): void {
    this.emit('exit', code);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Layerline';
  hasLock = true;
  lockRequests = 0;
  quitCalls = 0;
  quitted = false;
  exitCode: number | null = null;
  paths: Record<string, string> = {};
  #ready = false;
  #resolveReady: () => void = () => undefined;
  #whenReady = new Promise<void>((resolve) => (this.#resolveReady = resolve));

  getPath(name: string): string {
    const path = this.paths[name];
    if (path === undefined) {
      throw new Error(`Failed to get '${name}' path`);
    }
    return path;
  }

  getVersion(): string {
    return '0.1.0-test';
  }

  requestSingleInstanceLock(): boolean {
    this.lockRequests += 1;
    return this.hasLock;
  }

  whenReady(): Promise<void> {
    return this.#whenReady;
  }

  isReady(): boolean {
    return this.#ready;
  }

  /** What Electron does once it has initialised. */
  makeReady(): void {
    this.#ready = true;
    this.#resolveReady();
    this.emit('ready');
  }

  quit(): void {
    this.quitCalls += 1;
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) {
      this.quitted = true;
      this.emit('will-quit', fakeEvent());
      this.emit('quit');
    }
  }

  exit(code = 0): void {
    this.exitCode = code;
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: unknown[][] = [];
  answer: unknown = { ok: true, value: null };

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve(this.answer);
  }
}

function freshState() {
  const defaultSession = new FakeSession();
  return {
    defaultSession,
    app: new FakeApp(),
    /** Every registerSchemesAsPrivileged call, with whether the app was ready then. */
    privileged: [] as { schemes: unknown; whenReady: boolean }[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    ipcRenderer: new FakeIpcRenderer(),
    exposed: new Map<string, unknown>(),
    trashed: [] as string[],
    revealed: [] as string[],
    openedExternally: [] as string[],
    nextOpenDialog: { canceled: true, filePaths: [] as string[] },
    openDialogs: [] as { window: unknown; options: Record<string, unknown> }[],
    errorBoxes: [] as [string, string][],
    applicationMenu: null as { template: unknown[] } | null,
    forks: [] as FakeUtilityProcess[],
    /** safeStorage: whether encryption is available and which Linux backend it reports. */
    encryptionAvailable: true,
    storageBackend: 'gnome_libsecret',
    /** What webUtils.getPathForFile answers for a given File object. */
    filePaths: new Map<unknown, string>(),
  };
}

let state = freshState();

const module = {
  get app() {
    return state.app;
  },
  get ipcRenderer() {
    return state.ipcRenderer;
  },
  BrowserWindow: FakeBrowserWindow,
  session: {
    get defaultSession() {
      return state.defaultSession;
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown): void {
      state.privileged.push({ schemes, whenReady: state.app.isReady() });
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
      if (state.protocolHandlers.has(scheme)) {
        throw new Error(`The scheme has been registered: ${scheme}`);
      }
      state.protocolHandlers.set(scheme, handler);
    },
    unhandle(scheme: string): void {
      state.protocolHandlers.delete(scheme);
    },
  },
  ipcMain: {
    handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
      if (state.ipcHandlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      state.ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      state.ipcHandlers.delete(channel);
    },
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      if (state.exposed.has(key)) {
        throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      }
      state.exposed.set(key, api);
    },
  },
  safeStorage: {
    isAsyncEncryptionAvailable: () => Promise.resolve(state.encryptionAvailable),
    getSelectedStorageBackend: () => state.storageBackend,
    /** A reversible stand-in for the OS encryption: a marker plus the bytes reversed. */
    encryptStringAsync: (value: string) =>
      Promise.resolve(
        Buffer.concat([Buffer.from('FAKE-ENC:'), Buffer.from(value, 'utf8').reverse()]),
      ),
    decryptStringAsync: (stored: Buffer) => {
      const marker = Buffer.from('FAKE-ENC:');
      if (!stored.subarray(0, marker.length).equals(marker)) {
        return Promise.reject(new Error('Error while decrypting the ciphertext.'));
      }
      const result = Buffer.from(stored.subarray(marker.length)).reverse().toString('utf8');
      return Promise.resolve({ shouldReEncrypt: false, result });
    },
  },
  nativeImage: {
    createFromDataURL: (dataUrl: string) => ({
      dataUrl,
      isEmpty: () => !dataUrl.startsWith('data:image/'),
    }),
  },
  shell: {
    trashItem(path: string): Promise<void> {
      state.trashed.push(path);
      return Promise.resolve();
    },
    showItemInFolder(path: string): void {
      state.revealed.push(path);
    },
    openExternal(url: string): Promise<void> {
      state.openedExternally.push(url);
      return Promise.resolve();
    },
  },
  dialog: {
    showOpenDialog(first: unknown, second?: unknown) {
      const [window, options] = second === undefined ? [null, first] : [first, second];
      state.openDialogs.push({ window, options: options as Record<string, unknown> });
      return Promise.resolve(state.nextOpenDialog);
    },
    showErrorBox(title: string, content: string): void {
      state.errorBoxes.push([title, content]);
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu(menu: { template: unknown[] } | null): void {
      state.applicationMenu = menu;
    },
  },
  webUtils: {
    getPathForFile(file: unknown): string {
      if (typeof file !== 'object' || file === null) {
        throw new TypeError('Argument must be a File');
      }
      return state.filePaths.get(file) ?? '';
    },
  },
  utilityProcess: {
    fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) {
      const child = new FakeUtilityProcess(modulePath, args, options);
      state.forks.push(child);
      return child;
    },
  },
};

export const fake = {
  /** What `vi.mock('electron', …)` should return. */
  module,
  get state() {
    return state;
  },
  /** Forgets every window, handler and recording; a fresh, not-yet-ready app. */
  reset(): void {
    state = freshState();
    FakeBrowserWindow.all = [];
    FakeBrowserWindow.focused = null;
  },
};
