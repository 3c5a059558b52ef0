/**
 * The one IPC entry point: `studio:call` (method, params) → Envelope, answered only for our own
 * windows showing our own origin, and the event fan-out to every live window. Never throws
 * across IPC: every call is answered with an envelope.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';

import {
  IPC_CALL_CHANNEL,
  IPC_DROP_CHANNEL,
  IPC_EVENT_CHANNEL,
} from '../../app/contract/bridge.ts';
import type { Dispatch } from '../../app/contract/dispatch.ts';
import type { EventListener } from '../../app/contract/transport.ts';
import { type Envelope, errorEnvelope } from '../../app/contract/wire.ts';
import { isStudioError } from '../../app/errors.ts';
import { errorFields, type Logger } from '../../app/log.ts';
import { originOf } from './schemes.ts';

export interface IpcRouterOptions {
  dispatch: Dispatch;
  events: { subscribe(listener: EventListener): () => void };
  /** Our windows (BrowserWindow.getAllWindows()); calls from other web contents are refused. */
  windows: () => readonly Electron.BrowserWindow[];
  /** The renderer origin (studio-app://app, or the dev server's). */
  origin: string;
  log: Logger;
  /** Dropped files' paths (from the preload) to tokens; see core/services/dropped-files.ts. */
  droppedFiles?: (paths: unknown) => Promise<unknown>;
}

const liveWindows = (windows: readonly Electron.BrowserWindow[]) =>
  windows.filter((w) => !w.isDestroyed() && !w.webContents.isDestroyed());

function frameUrl(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url ?? '';
  } catch {
    return ''; // the frame went away while the call was in flight
  }
}

/** Starts the router; returns the function that removes the handler and the subscription. */
export function startIpcRouter(options: IpcRouterOptions): () => void {
  const log = options.log.child('ipc');
  const shutdown = new AbortController();

  const isTrusted = (event: IpcMainInvokeEvent): boolean =>
    liveWindows(options.windows()).some((w) => w.webContents === event.sender) &&
    originOf(frameUrl(event)) === options.origin;

  const handle = async (
    event: IpcMainInvokeEvent,
    method: unknown,
    params: unknown,
  ): Promise<Envelope> => {
    if (!isTrusted(event)) {
      log.warn('call.refused', { frameUrl: frameUrl(event).slice(0, 200) });
      return errorEnvelope({ code: 'UNAUTHORIZED', message: 'This page may not call the studio.' });
    }
    if (typeof method !== 'string') {
      return errorEnvelope({ code: 'VALIDATION_FAILED', message: 'The method must be a string.' });
    }
    try {
      return await options.dispatch(method, params, { signal: shutdown.signal });
    } catch (error) {
      log.error('call.crashed', { method: method.slice(0, 80), ...errorFields(error) });
      return errorEnvelope({ code: 'INTERNAL', message: 'The studio failed to answer.' });
    }
  };
  ipcMain.handle(IPC_CALL_CHANNEL, handle);

  const handleDrop = async (event: IpcMainInvokeEvent, paths: unknown): Promise<Envelope> => {
    if (!isTrusted(event) || options.droppedFiles === undefined) {
      log.warn('drop.refused', { frameUrl: frameUrl(event).slice(0, 200) });
      return errorEnvelope({ code: 'UNAUTHORIZED', message: 'This page may not drop files.' });
    }
    try {
      return { ok: true, value: await options.droppedFiles(paths) };
    } catch (error) {
      if (isStudioError(error)) {
        return errorEnvelope(error.toWire());
      }
      log.error('drop.crashed', errorFields(error));
      return errorEnvelope({ code: 'INTERNAL', message: 'The studio failed to take the files.' });
    }
  };
  ipcMain.handle(IPC_DROP_CHANNEL, handleDrop);

  const unsubscribe = options.events.subscribe((name, payload) => {
    for (const window of liveWindows(options.windows())) {
      try {
        window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
      } catch (error) {
        log.warn('event.send_failed', { event: name, ...errorFields(error) });
      }
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_DROP_CHANNEL);
    unsubscribe();
    shutdown.abort();
  };
}
