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

/** Lets the user pick files with a native dialog (desktop only). */
export interface FilePicker {
  pick(request: { purpose: 'projectArchive' | 'audio'; multiple: boolean }): Promise<ChosenFile[]>;
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

export interface HostPorts {
  trash: Trash;
  filePicker: FilePicker;
  artifacts: ArtifactOpener;
}
