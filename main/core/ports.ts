/**
 * What core needs from its host. Each port has an Electron adapter (main/electron), a server
 * adapter (main/server) and a test fake (tests/helpers).
 */
import type { ChosenFile } from './services/file-tokens.ts';

/** Moves a folder somewhere the user can recover it from. */
export interface Trash {
  readonly kind: 'system' | 'folder';
  trash(path: string): Promise<void>;
}

/** What a native dialog picks: files of a kind, or a folder of converted model components. */
export type FilePurpose = 'projectArchive' | 'audio' | 'modelFolder';

/** Lets the user pick files (or, for `modelFolder`, a folder) with a native dialog (desktop only). */
export interface FilePicker {
  pick(request: { purpose: FilePurpose; multiple: boolean }): Promise<ChosenFile[]>;
}

/** Hands a produced file to the user: reveal it (desktop) or give a download URL (server). */
export interface ArtifactOpener {
  open(artifact: {
    artifactId: string;
    path: string;
  }): Promise<{ kind: 'revealed' } | { kind: 'download'; url: string }>;
}

/** A message port to another process (the inference process); see main/core/process. */
export interface Channel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the other side exits for any reason. */
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): () => void;
  /** Ends the other process at once. */
  kill(): void;
}

export type ChannelFactory = () => Channel;

/**
 * Small secrets (a model-source access token): the OS keychain through Electron's safeStorage on
 * the desktop, a file only the user can read (0600) in server mode. Values are never logged.
 */
export interface SecretStore {
  /** Where secrets are kept, in words for the user. */
  readonly description: string;
  get(name: string): Promise<string | null>;
  /** null deletes. */
  set(name: string, value: string | null): Promise<void>;
}

// DAW export
/**
 * Starts a native drag of a file out of the window (desktop: Electron's startDrag), so it can be
 * dropped onto another application. Throws UNAVAILABLE where there is no native drag (server).
 */
export interface DragOut {
  start(file: { path: string }): void;
}

export interface HostPorts {
  trash: Trash;
  filePicker: FilePicker;
  artifacts: ArtifactOpener;
  secrets: SecretStore;
  // DAW export
  dragOut: DragOut;
}
