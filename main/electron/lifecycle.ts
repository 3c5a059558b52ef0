/**
 * The desktop app's lifecycle: one instance, privileged schemes before ready, then services,
 * protocols, IPC, menu and window; everything disposed (awaited) before the app quits.
 */
import { join } from 'node:path';

import { app, BrowserWindow, dialog, protocol } from 'electron';

import { DisposableStore } from '../../app/lifecycle.ts';
import { errorFields, type Logger } from '../../app/log.ts';
import { createServices } from '../core/compose.ts';
import { tokensForDroppedPaths } from '../core/services/dropped-files.ts';
import { registerAppProtocol } from './app-protocol.ts';
import { electronPorts } from './electron-ports.ts';
import { openFileLog } from './file-log.ts';
import { startIpcRouter } from './ipc-router.ts';
import { registerMediaProtocol } from './media-protocol.ts';
import { installMenu } from './menu.ts';
import { PRIVILEGED_SCHEMES, type StartTarget, startTarget } from './schemes.ts';
import { utilityProcessChannel } from './utility-process-channel.ts';
import { createMainWindow, guardWebContents } from './window.ts';

/** How long quitting waits for services to close before giving up on them. */
const DISPOSE_TIMEOUT_MS = 10_000;

export interface DesktopOptions {
  /** The build output folder holding renderer/ and preload/preload.cjs. */
  outDir: string;
  /** LAYERLINE_DEV_SERVER_URL: load the renderer from a Vite dev server (unpackaged only). */
  devServerUrl?: string | undefined;
  platform?: NodeJS.Platform;
}

export interface DesktopApp {
  /** Settles when startup has finished, or failed and the app is exiting. */
  readonly ready: Promise<void>;
  mainWindow(): BrowserWindow | null;
  /** Settles when everything started has been disposed (after a quit). */
  readonly disposed: Promise<void>;
}

function focus(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) {
    return;
  }
  if (window.isMinimized()) {
    window.restore();
  }
  window.show();
  window.focus();
}

/**
 * The packaged resources folder: electron-builder copies resources/ to
 * `<install>/resources/resources` (extraResources); unpackaged, it is the repo's resources/.
 */
export function resourcesDirFor(packaged: boolean, outDir: string): string {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  return packaged && resourcesPath !== undefined
    ? join(resourcesPath, 'resources')
    : join(outDir, '..', 'resources');
}

async function startServices(
  options: DesktopOptions,
  target: StartTarget,
  store: DisposableStore,
  parent: () => BrowserWindow | null,
): Promise<Logger> {
  const userData = app.getPath('userData');
  const fileLog = openFileLog(join(userData, 'logs'));
  store.addFn(() => fileLog.close());
  const log = fileLog.log;
  log.info('app.starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
    origin: target.origin,
  });
  const resourcesDir = resourcesDirFor(app.isPackaged, options.outDir);
  const services = await createServices(
    {
      dataDir: userData,
      host: 'electron',
      appVersion: app.getVersion(),
      log,
      resourcesDir,
      inference: {
        channel: () =>
          utilityProcessChannel(join(options.outDir, 'main', 'inference-process.js'), {
            serviceName: 'layerline-inference',
            log,
          }),
        contractPath: join(resourcesDir, 'inference', 'io-contract.json'),
      },
    },
    electronPorts(parent),
  );
  store.addFn(() => services.dispose());
  store.addFn(registerAppProtocol(protocol, join(options.outDir, 'renderer')));
  store.addFn(
    registerMediaProtocol(
      protocol,
      (hash) => services.library.resolveMedia(hash),
      target.origin,
      (hash, level) => services.library.resolvePeaks(hash, level),
    ),
  );
  store.addFn(
    startIpcRouter({
      dispatch: services.dispatch,
      events: services.events,
      windows: () => BrowserWindow.getAllWindows(),
      origin: target.origin,
      log,
      droppedFiles: (paths) => tokensForDroppedPaths(services.files, paths),
    }),
  );
  installMenu({
    platform: options.platform ?? process.platform,
    appName: app.name,
    developer: !app.isPackaged,
  });
  return log;
}

/** Starts the app; null when another instance already runs (this one quits). */
export function runDesktopApp(options: DesktopOptions): DesktopApp | null {
  protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const target = startTarget(options.devServerUrl, app.isPackaged);
  const platform = options.platform ?? process.platform;
  const store = new DisposableStore();
  let window: BrowserWindow | null = null;
  let log: Logger | null = null;
  const openWindow = (logger: Logger) =>
    createMainWindow({
      preloadPath: join(options.outDir, 'preload', 'preload.cjs'),
      url: target.url,
      origin: target.origin,
      log: logger,
    });

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, target.origin);
  });
  app.on('second-instance', () => {
    focus(window);
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') {
      app.quit();
    }
  });
  app.on('activate', () => {
    if (log !== null && (window === null || window.isDestroyed())) {
      window = openWindow(log);
    }
  });

  let markDisposed: () => void = () => undefined;
  const disposed = new Promise<void>((resolve) => {
    markDisposed = resolve;
  });
  let quitting = false;
  let mayQuit = false;
  app.on('before-quit', (event) => {
    if (mayQuit) {
      return;
    }
    event.preventDefault();
    if (quitting) {
      return;
    }
    quitting = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref());
    void Promise.race([store.dispose(), timeout])
      .catch((error: unknown) => {
        console.error('Layerline: some resources failed to close.', error);
      })
      .finally(() => {
        mayQuit = true;
        markDisposed();
        app.quit();
      });
  });

  const ready = app
    .whenReady()
    .then(async () => {
      log = await startServices(options, target, store, () => window);
      window = openWindow(log);
    })
    .catch(async (error: unknown) => {
      log?.error('app.start_failed', errorFields(error));
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Layerline could not start', message);
      await store.dispose().catch(() => undefined);
      app.exit(1);
    });

  return { ready, mainWindow: () => window, disposed };
}
