/**
 * The sandboxed preload: `window.studio = { call, on, dropFiles, contractVersion }`, no more.
 * Names are allowlisted from the contract; validation happens in main. Bundled to CommonJS.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';

import {
  IPC_CALL_CHANNEL,
  IPC_DROP_CHANNEL,
  IPC_EVENT_CHANNEL,
  type StudioBridge,
} from '../app/contract/bridge.ts';
import { isEventName, isMethodName } from '../app/contract/names.ts';
import { CONTRACT_VERSION } from '../app/contract/version.ts';

type Listener = (payload: unknown) => void;

/** Renderer values are untyped at runtime: show at most 80 characters of a string. */
const shown = (value: unknown): string =>
  typeof value === 'string' ? value.slice(0, 80) : typeof value;

/** One IPC listener for all subscriptions, attached while anyone listens. */
const listeners = new Map<string, Set<Listener>>();

const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
  for (const listener of [...(listeners.get(String(name)) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      setTimeout(() => {
        throw error; // report like any listener error, without starving the others
      });
    }
  }
};

const pathOf = (file: unknown): string => {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
};

const bridge = {
  contractVersion: CONTRACT_VERSION,
  call(method, params) {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: `Unknown method '${shown(method)}'.`,
        },
      });
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params);
  },
  on(event, listener) {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new TypeError(`Unknown event '${shown(event)}'.`);
    }
    if (listeners.size === 0) {
      ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
    const entry: Listener = (payload) => {
      listener(payload);
    };
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && listeners.get(event) === set) {
        listeners.delete(event);
        if (listeners.size === 0) {
          ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
        }
      }
    };
  },
  dropFiles(files) {
    // Paths stay here and in main: the page gets tokens. Non-File values give no path.
    const paths = [...files]
      .slice(0, 256)
      .map(pathOf)
      .filter((path) => path !== '');
    return ipcRenderer.invoke(IPC_DROP_CHANNEL, paths);
  },
} satisfies StudioBridge;

contextBridge.exposeInMainWorld('studio', bridge);
