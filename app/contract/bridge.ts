/**
 * The desktop bridge: what the preload exposes as `studio` on the page's global object, and nothing more.
 * Both sides import the channel names from here.
 */
import type { Envelope } from './wire.ts';

/** ipcRenderer.invoke channel for calls: (method, params) → Envelope. */
export const IPC_CALL_CHANNEL = 'studio:call';
/** webContents.send channel for events: (event, payload). */
export const IPC_EVENT_CHANNEL = 'studio:event';
/**
 * ipcRenderer.invoke channel for dropped files: (paths) → Envelope of DroppedFile[]. Only the
 * preload sends it, with paths it got from webUtils.getPathForFile; the page never sees them.
 */
export const IPC_DROP_CHANNEL = 'studio:drop';

/** What a drop gives the renderer: a token per file, never its path. */
export interface DroppedFile {
  file: string;
  name: string;
  bytes: number;
}

export interface StudioBridge {
  /** The contract version the preload was built with. */
  readonly contractVersion: number;
  call(method: string, params: unknown): Promise<Envelope>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * Files dropped on the window (DataTransfer.files) to file tokens: Envelope of DroppedFile[].
   * Anything that is not a file on disk (a folder, a web image) is left out.
   */
  dropFiles(files: readonly unknown[]): Promise<Envelope>;
}
