/**
 * For unit tests: a StudioClient over the memory transport and the real dispatch (so params and
 * results are checked against the contract), with handlers the test supplies. Calls to any
 * other method fail the call loudly.
 */
import { StudioClient } from '../../../app/contract/client.ts';
import { createDispatch, type Handlers } from '../../../app/contract/dispatch.ts';
import type { EventListener, Transport } from '../../../app/contract/transport.ts';
import { memoryTransport } from '../../../app/contract/transports/memory.ts';
import { StudioError } from '../../../app/errors.ts';
import { noopLogger } from '../../../app/log.ts';
import type { ClipId, MediaHash, ProjectId, TrackId } from '../../../app/model/ids.ts';
import {
  type Clip,
  defaultProjectMeta,
  type ProjectSnapshot,
  type Track,
} from '../../../app/model/project.ts';
import { db, samples, ticks } from '../../../app/timeline/units.ts';

export interface FakeStudio {
  client: StudioClient;
  /** Every call that reached a handler, in order. */
  calls: { method: string; params: unknown }[];
  emit: (event: string, payload: unknown) => void;
  setConnected: (connected: boolean) => void;
  listenerCount: () => number;
}

export function fakeStudio(overrides: Partial<Handlers> = {}): FakeStudio {
  const calls: { method: string; params: unknown }[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, method: string) => (params: unknown, context: unknown) => {
      calls.push({ method, params });
      const handler = (overrides as Record<string, unknown>)[method];
      if (typeof handler !== 'function') {
        throw new StudioError('INTERNAL', `unexpected call to ${method}`);
      }
      return (handler as (p: unknown, c: unknown) => unknown)(params, context);
    },
  });
  const dispatch = createDispatch(handlers, { log: noopLogger });
  const listeners = new Set<EventListener>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const base = memoryTransport(dispatch, {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  });
  const transport: Transport = {
    ...base,
    onConnectionChange: (listener) => {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
  };
  return {
    client: new StudioClient(transport),
    calls,
    emit: (event, payload) => {
      for (const listener of [...listeners]) {
        listener(event, payload);
      }
    },
    setConnected: (connected) => {
      for (const listener of [...connectionListeners]) {
        listener(connected);
      }
    },
    listenerCount: () => listeners.size + connectionListeners.size,
  };
}

export const PROJECT_A = '5dbdaac9-9bf3-4e32-983e-ab7065e492c3' as ProjectId;
export const PROJECT_B = '0b0e6f8e-4a43-4d4e-9a55-3f1f3f1f3f1f' as ProjectId;

let trackCounter = 0;

export function makeTrack(name: string, fields: Partial<Track> = {}): Track {
  trackCounter += 1;
  const suffix = trackCounter.toString(16).padStart(12, '0');
  return {
    id: `7a1c0e2b-1111-4222-8333-${suffix}` as TrackId,
    name,
    instrument: { kind: 'ace', trackClass: 'vocals' },
    color: '#e0685b',
    gainDb: db(0),
    pan: 0,
    mute: false,
    solo: false,
    ...fields,
  };
}

/** Clip number `n` on a track: `start` and `length` in ticks, unfaded, at unity gain. */
export function makeClip(trackId: TrackId, n: number, start: number, length: number): Clip {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as ClipId,
    trackId,
    start: ticks(start),
    length: ticks(length),
    mediaHash: 'a'.repeat(64) as MediaHash,
    sourceOffset: samples(0),
    gainDb: db(0),
    fadeIn: samples(0),
    fadeOut: samples(0),
    name: 'clip',
  };
}

export function makeSnapshot(
  fields: { projectId?: ProjectId; revision?: number; tracks?: Track[] } = {},
): ProjectSnapshot {
  return {
    projectId: fields.projectId ?? PROJECT_A,
    name: 'Demo',
    revision: fields.revision ?? 3,
    state: { meta: defaultProjectMeta(), tracks: fields.tracks ?? [], clips: [] },
    history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
  };
}

/** A promise with its resolve and reject, for handlers that answer when the test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
