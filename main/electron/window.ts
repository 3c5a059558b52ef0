/**
 * The main window and the guards every web contents gets: hardened webPreferences, navigation
 * and window.open denied, permissions denied except audio capture for our own origin.
 */
import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  type Session,
  shell,
  type WebContents,
} from 'electron';

import { errorFields, type Logger } from '../../app/log.ts';
import { originOf } from './schemes.ts';

/** The window's options; pure so the security settings can be asserted. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Layerline',
    show: false,
    backgroundColor: '#15171c',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** External links leave the app only as https, in the user's browser. */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

const guarded = new WeakSet<WebContents>();

/**
 * Denies navigation away from `origin`, every window.open (https links go to the browser) and
 * webview attachment. Idempotent, so both the global hook and createMainWindow may call it.
 */
export function guardWebContents(contents: WebContents, origin: string): void {
  if (guarded.has(contents)) {
    return;
  }
  guarded.add(contents);
  const sameOrigin = (url: string) => originOf(url) === origin;
  contents.on('will-navigate', (event) => {
    if (!sameOrigin(event.url)) {
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!sameOrigin(event.url)) {
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) {
      void shell.openExternal(url);
    }
    return { action: 'deny' };
  });
}

/** Microphone only (for recording), never camera, screen or anything else; our origin only. */
export function hardenSession(session: Session, origin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const types = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = types.length > 0 && types.every((type) => type === 'audio');
    callback(permission === 'media' && audioOnly && originOf(details.requestingUrl) === origin);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return (
      permission === 'media' &&
      details.mediaType === 'audio' &&
      originOf(requestingOrigin) === origin
    );
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  /** What to load (studio-app://app/index.html or the dev server). */
  url: string;
  origin: string;
  log: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  guardWebContents(window.webContents, options.origin);
  hardenSession(window.webContents.session, options.origin);
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadURL(options.url).catch((error: unknown) => {
    options.log.error('window.load_failed', { url: options.url, ...errorFields(error) });
  });
  return window;
}
