/** preload/index.ts under a fake electron: what it exposes and what reaches ipcRenderer. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  type StudioBridge,
} from '../../app/contract/bridge.ts';
import { EVENT_NAMES, METHOD_NAMES } from '../../app/contract/names.ts';
import { CONTRACT_VERSION } from '../../app/contract/version.ts';
import { fake } from '../helpers/fake-electron.ts';

const hoisted = await vi.hoisted(() => import('../helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

const PRELOAD = fileURLToPath(new URL('../../preload/index.ts', import.meta.url));

async function loadBridge(): Promise<StudioBridge> {
  vi.resetModules();
  await import('../../preload/index.ts');
  return fake.state.exposed.get('studio') as StudioBridge;
}

/** What main would send: (event object, name, payload) on the event channel. */
const deliver = (name: string, payload: unknown) =>
  fake.state.ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: 'ipc' }, name, payload);

beforeEach(() => {
  fake.reset();
});

describe('preload bridge', () => {
  it('exposes exactly window.studio = { call, on, dropFiles, contractVersion }', async () => {
    const bridge = await loadBridge();
    expect([...fake.state.exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'contractVersion', 'dropFiles', 'on']);
    expect(bridge.contractVersion).toBe(CONTRACT_VERSION);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards contract methods to ipcRenderer.invoke on the call channel', async () => {
    const bridge = await loadBridge();
    fake.state.ipcRenderer.answer = { ok: true, value: 'pong' };
    expect(await bridge.call('project.list', { query: 'x' })).toEqual({ ok: true, value: 'pong' });
    expect(fake.state.ipcRenderer.invocations).toEqual([
      [IPC_CALL_CHANNEL, 'project.list', { query: 'x' }],
    ]);
    for (const method of METHOD_NAMES) {
      await bridge.call(method, {});
    }
    expect(fake.state.ipcRenderer.invocations).toHaveLength(METHOD_NAMES.length + 1);
  });

  it('answers unknown methods itself with VALIDATION_FAILED; nothing reaches IPC', async () => {
    const bridge = await loadBridge();
    for (const method of ['fs.readFile', '', 'constructor', '__proto__', 42, null]) {
      const answer = await bridge.call(method as string, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(fake.state.ipcRenderer.invocations).toEqual([]);
  });

  it('delivers only the subscribed event, payload only, and unsubscribes', async () => {
    const bridge = await loadBridge();
    const got: unknown[] = [];
    const off = bridge.on('project.changed', (payload) => got.push(payload));
    expect(fake.state.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    deliver('project.changed', { projectId: 'p', revision: 2 });
    deliver('library.changed', {});
    expect(got).toEqual([{ projectId: 'p', revision: 2 }]);
    off();
    deliver('project.changed', { projectId: 'p', revision: 3 });
    expect(got).toHaveLength(1);
    expect(fake.state.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('keeps one IPC listener for many subscriptions; each unsubscribe removes only its own', async () => {
    const bridge = await loadBridge();
    const got: string[] = [];
    const listener = () => got.push('x');
    const offs = EVENT_NAMES.map((name) => bridge.on(name, listener));
    const again = bridge.on('job.finished', listener);
    expect(fake.state.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    deliver('job.finished', {});
    expect(got).toHaveLength(2);
    again();
    again();
    deliver('job.finished', {});
    expect(got).toHaveLength(3);
    for (const off of offs) {
      off();
    }
    expect(fake.state.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('refuses unknown events and keeps delivering when one listener throws', async () => {
    const bridge = await loadBridge();
    expect(() => bridge.on('ipc.anything', () => undefined)).toThrow(/Unknown event/);
    expect(fake.state.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    vi.useFakeTimers();
    try {
      const got: unknown[] = [];
      bridge.on('job.started', () => {
        throw new Error('listener bug');
      });
      bridge.on('job.started', (payload) => got.push(payload));
      deliver('job.started', { jobId: 'j' });
      expect(got).toEqual([{ jobId: 'j' }]);
      expect(() => vi.runAllTimers()).toThrow('listener bug');
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays small and imports only electron and contract name lists (sandbox-safe)', async () => {
    const source = await readFile(PRELOAD, 'utf8');
    // dropFiles (tokens for dropped files, paths kept out of the page) took it past 80.
    expect(source.split('\n').length).toBeLessThanOrEqual(100);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual([
      'electron',
      '../app/contract/bridge.ts',
      '../app/contract/names.ts',
      '../app/contract/version.ts',
    ]);
  });
});
