/**
 * The desktop bridge: what the preload exposes as `window.studio`, and nothing more.
 * Both sides import the channel names from here.
 */
import type { Envelope } from './wire.ts';

/** ipcRenderer.invoke channel for calls: (method, params) → Envelope. */
export const IPC_CALL_CHANNEL = 'studio:call';
/** webContents.send channel for events: (event, payload). */
export const IPC_EVENT_CHANNEL = 'studio:event';

export interface StudioBridge {
  /** The contract version the preload was built with. */
  readonly contractVersion: number;
  call(method: string, params: unknown): Promise<Envelope>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
