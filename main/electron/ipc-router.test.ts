import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../app/contract/bridge.ts';
import type { Dispatch } from '../../app/contract/dispatch.ts';
import { CONTRACT_VERSION } from '../../app/contract/version.ts';
import { noopLogger } from '../../app/log.ts';
import {
  fake,
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
} from '../../tests/helpers/fake-electron.ts';
import { startTestServices, type TestServices } from '../../tests/helpers/services.ts';
import { startIpcRouter } from './ipc-router.ts';
import { APP_ORIGIN } from './schemes.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let env: TestServices;
let dispatched: string[];
let stop: () => void;

const windows = () => FakeBrowserWindow.getAllWindows() as unknown as Electron.BrowserWindow[];

function start(origin = APP_ORIGIN): void {
  const dispatch: Dispatch = (method, params, options) => {
    dispatched.push(method);
    return env.services.dispatch(method, params, options);
  };
  stop = startIpcRouter({
    dispatch,
    events: env.services.events,
    windows,
    origin,
    log: noopLogger,
  });
}

/** Calls the registered handler the way Electron would for `sender` showing `frameUrl`. */
function call(sender: FakeWebContents, frameUrl: string | null, method: unknown, params: unknown) {
  const handler = fake.state.ipcHandlers.get(IPC_CALL_CHANNEL);
  if (handler === undefined) {
    throw new Error('no handler');
  }
  const senderFrame = frameUrl === null ? null : { url: frameUrl };
  return handler({ sender, senderFrame, frameId: 1, processId: 1 }, method, params);
}

beforeEach(async () => {
  fake.reset();
  dispatched = [];
  env = await startTestServices();
});

afterEach(async () => {
  stop();
  await env.cleanup();
});

const hello = { contractVersion: CONTRACT_VERSION };

describe('ipc router', () => {
  it('answers our window on our origin through dispatch', async () => {
    start();
    const window = new FakeBrowserWindow({});
    const answer = await call(
      window.webContents,
      'studio-app://app/index.html',
      'system.hello',
      hello,
    );
    expect(answer).toMatchObject({ ok: true, value: { contractVersion: CONTRACT_VERSION } });
    expect(dispatched).toEqual(['system.hello']);
  });

  it('refuses foreign web contents and foreign frames with UNAUTHORIZED, never dispatching', async () => {
    start();
    const window = new FakeBrowserWindow({});
    const stranger = new FakeWebContents(new FakeSession());
    const refusals = [
      await call(stranger, 'studio-app://app/index.html', 'system.hello', hello),
      await call(window.webContents, 'https://evil.example/', 'system.hello', hello),
      await call(window.webContents, 'studio-app://other/index.html', 'system.hello', hello),
      await call(window.webContents, 'file:///home/user/x.html', 'system.hello', hello),
      await call(window.webContents, 'http://localhost:5173/', 'system.hello', hello),
      await call(window.webContents, null, 'system.hello', hello),
    ];
    for (const answer of refusals) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    window.destroy();
    expect(
      await call(window.webContents, 'studio-app://app/', 'system.hello', hello),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dispatched).toEqual([]);
  });

  it('accepts the dev server origin only when that is the configured origin', async () => {
    start('http://localhost:5173');
    const window = new FakeBrowserWindow({});
    expect(
      await call(window.webContents, 'http://localhost:5173/', 'system.hello', hello),
    ).toMatchObject({ ok: true });
    expect(
      await call(window.webContents, 'studio-app://app/', 'system.hello', hello),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
  });

  it('answers malformed calls with envelopes instead of throwing', async () => {
    start();
    const window = new FakeBrowserWindow({});
    const url = 'studio-app://app/index.html';
    expect(await call(window.webContents, url, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await call(window.webContents, url, 'nope.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await call(window.webContents, url, 'project.get', { projectId: 7 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('turns a dispatch that throws into an INTERNAL envelope', async () => {
    const boom: Dispatch = () => Promise.reject(new Error('boom'));
    stop = startIpcRouter({
      dispatch: boom,
      events: env.services.events,
      windows,
      origin: APP_ORIGIN,
      log: noopLogger,
    });
    const window = new FakeBrowserWindow({});
    expect(
      await call(window.webContents, 'studio-app://app/', 'system.hello', hello),
    ).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('fans events out to every live window, and stops after dispose', async () => {
    start();
    const a = new FakeBrowserWindow({});
    const b = new FakeBrowserWindow({});
    const gone = new FakeBrowserWindow({});
    gone.destroy();
    const window = a.webContents;
    await call(window, 'studio-app://app/', 'project.create', { name: 'Fan-out' });
    const sentA = a.webContents.sent.filter(([channel]) => channel === IPC_EVENT_CHANNEL);
    expect(sentA.map(([, name]) => name)).toContain('library.changed');
    expect(b.webContents.sent).toEqual(a.webContents.sent);
    expect(gone.webContents.sent).toEqual([]);

    const before = env.services.events.listenerCount;
    stop();
    expect(env.services.events.listenerCount).toBe(before - 1);
    expect(fake.state.ipcHandlers.has(IPC_CALL_CHANNEL)).toBe(false);
    const count = a.webContents.sent.length;
    env.services.events.emit('library.changed', {});
    expect(a.webContents.sent.length).toBe(count);
    stop = () => undefined;
  });
});
