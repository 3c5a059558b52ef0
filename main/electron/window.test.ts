import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { noopLogger } from '../../app/log.ts';
import { fake, FakeSession, FakeWebContents } from '../../tests/helpers/fake-electron.ts';
import { APP_ORIGIN, APP_START_URL } from './schemes.ts';
import {
  createMainWindow,
  guardWebContents,
  hardenSession,
  isExternalLink,
  mainWindowOptions,
} from './window.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

beforeEach(() => {
  fake.reset();
});

const contents = () => new FakeWebContents(new FakeSession());

describe('main window options', () => {
  it('isolate, sandbox and disable Node in the renderer, with our preload', () => {
    const prefs = mainWindowOptions('/app/out/preload/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('createMainWindow uses them, loads the start URL and guards the window', () => {
    const window = createMainWindow({
      preloadPath: '/p/preload.cjs',
      url: APP_START_URL,
      origin: APP_ORIGIN,
      log: noopLogger,
    });
    const created = fake.module.BrowserWindow.all[0]!;
    expect(created).toBe(window);
    expect(created.options).toEqual(mainWindowOptions('/p/preload.cjs'));
    expect(created.loadedUrl).toBe('studio-app://app/index.html');
    expect(created.webContents.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(created.webContents.windowOpenHandler).not.toBeNull();
    expect(fake.state.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(fake.state.defaultSession.permissionCheckHandler).not.toBeNull();
    created.emit('ready-to-show');
    expect(created.calls).toContain('show');
  });
});

describe('guardWebContents', () => {
  it('allows navigation inside our origin and prevents everything else', () => {
    const wc = contents();
    guardWebContents(wc as unknown as WebContents, APP_ORIGIN);
    expect(wc.fire('will-navigate', { url: 'studio-app://app/index.html#/p/1' })).toBe(false);
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'studio-app://other/index.html',
      'studio-media://media/' + 'a'.repeat(64),
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(wc.fire('will-navigate', { url }), url).toBe(true);
      expect(wc.fire('will-redirect', { url }), url).toBe(true);
    }
  });

  it('treats the dev server origin as ours when that is the origin', () => {
    const wc = contents();
    guardWebContents(wc as unknown as WebContents, 'http://localhost:5173');
    expect(wc.fire('will-navigate', { url: 'http://localhost:5173/x' })).toBe(false);
    expect(wc.fire('will-navigate', { url: 'http://localhost:5174/x' })).toBe(true);
    expect(wc.fire('will-navigate', { url: APP_START_URL })).toBe(true);
  });

  it('denies window.open, sending only https links to the browser', () => {
    const wc = contents();
    guardWebContents(wc as unknown as WebContents, APP_ORIGIN);
    const open = wc.windowOpenHandler!;
    expect(open({ url: 'https://layerline.app/help' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://insecure.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'studio-app://app/index.html' })).toEqual({ action: 'deny' });
    expect(fake.state.openedExternally).toEqual(['https://layerline.app/help']);
  });

  it('prevents webview attachment and is applied once per web contents', () => {
    const wc = contents();
    guardWebContents(wc as unknown as WebContents, APP_ORIGIN);
    guardWebContents(wc as unknown as WebContents, APP_ORIGIN);
    expect(wc.fire('will-attach-webview')).toBe(true);
    expect(wc.listenerCount('will-navigate')).toBe(1);
  });

  it('isExternalLink accepts https only', () => {
    expect(isExternalLink('https://a.example')).toBe(true);
    expect(isExternalLink('http://a.example')).toBe(false);
    expect(isExternalLink('mailto:a@b.c')).toBe(false);
    expect(isExternalLink('::')).toBe(false);
  });
});

describe('hardenSession', () => {
  const session = () => {
    const s = new FakeSession();
    hardenSession(s as unknown as Session, APP_ORIGIN);
    return s;
  };
  const ours = { requestingUrl: 'studio-app://app/index.html', isMainFrame: true };

  it('grants audio-only capture to our origin and nothing else', () => {
    const s = session();
    expect(s.request('media', { ...ours, mediaTypes: ['audio'] })).toBe(true);
    expect(s.request('media', { ...ours, mediaTypes: ['video'] })).toBe(false);
    expect(s.request('media', { ...ours, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(s.request('media', { ...ours, mediaTypes: [] })).toBe(false);
    expect(s.request('media', { ...ours })).toBe(false);
    expect(
      s.request('media', {
        requestingUrl: 'https://evil.example/',
        isMainFrame: true,
        mediaTypes: ['audio'],
      }),
    ).toBe(false);
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'fileSystem',
      'hid',
      'usb',
      'serial',
      'midi',
      'unknown',
    ]) {
      expect(s.request(permission, ours), permission).toBe(false);
      expect(s.request(permission, { ...ours, mediaTypes: ['audio'] }), permission).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    const s = session();
    expect(s.check('media', 'studio-app://app', { mediaType: 'audio', isMainFrame: true })).toBe(
      true,
    );
    expect(s.check('media', 'studio-app://app', { mediaType: 'video', isMainFrame: true })).toBe(
      false,
    );
    expect(
      s.check('media', 'https://evil.example', { mediaType: 'audio', isMainFrame: true }),
    ).toBe(false);
    expect(s.check('geolocation', 'studio-app://app', { isMainFrame: true })).toBe(false);
    expect(s.check('clipboard-read', 'studio-app://app', { isMainFrame: true })).toBe(false);
  });
});
