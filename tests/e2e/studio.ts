/**
 * Shared e2e plumbing: the real server host on a fixed port with its own data folder (so a
 * restart comes back where the page expects it), and page helpers written the way a user works.
 */
import { expect, type Locator, type Page } from '@playwright/test';

import { freePort } from '../helpers/free-port.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

export interface Studio {
  readonly url: string;
  /** The server's data folder (tests that open it themselves stop the server first). */
  readonly dataDir: string;
  /** Stops the server (SIGTERM) and starts it again on the same port and data folder. */
  restart(): Promise<void>;
  /** Kills the server (SIGKILL: no shutdown at all, as a crash or power loss would). */
  killServer(): Promise<void>;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  dispose(): Promise<void>;
}

export async function launchStudio(
  options: {
    env?: NodeJS.ProcessEnv;
    /** Fills the data folder before the server first starts (e.g. installs model packs). */
    prepare?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<Studio> {
  const dataDir = await makeTempDir('layerline-e2e-');
  await options.prepare?.(dataDir);
  const port = await freePort();
  const env = options.env ?? {};
  let server: ServerProcess | null = await startServerProcess({ dataDir, port, env });
  const url = server.url;
  const startServer = async () => {
    server = await startServerProcess({ dataDir, port, env });
  };
  const stopServer = async () => {
    await server?.stop();
    server = null;
  };
  const killServer = async () => {
    await server?.kill();
    server = null;
  };
  return {
    url,
    dataDir,
    startServer,
    stopServer,
    killServer,
    restart: async () => {
      await stopServer();
      await startServer();
    },
    dispose: async () => {
      await stopServer();
      await removeDir(dataDir);
    },
  };
}

export async function openLibrary(page: Page, studio: Studio): Promise<void> {
  await page.goto(`${studio.url}/#/`);
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
}

/** Creates a project through the dialog; the studio then opens it. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/#\/project\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel('Project name')).toHaveValue(name);
}

export function trackRows(page: Page): Locator {
  return page.getByTestId('track-row');
}

/** Adds a track of one of the 12 instrument classes, by its label ("Drums"). */
export async function addTrack(page: Page, instrument: string): Promise<void> {
  const before = await trackRows(page).count();
  await page.getByLabel('Instrument of the new track').selectOption({ label: instrument });
  await page.getByRole('button', { name: 'Add track', exact: true }).click();
  await expect(trackRows(page)).toHaveCount(before + 1);
}

/** The names of all tracks, top to bottom. */
export async function trackNames(page: Page): Promise<string[]> {
  const rows = trackRows(page);
  const names: string[] = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    names.push(await page.getByLabel(`Name of track ${i + 1}`, { exact: true }).inputValue());
  }
  return names;
}

export async function expectTrackNames(page: Page, names: string[]): Promise<void> {
  await expect(trackRows(page)).toHaveCount(names.length);
  await expect.poll(() => trackNames(page)).toEqual(names);
}

/** Renames track `n` (1-based) the way a user does: type, then Enter. */
export async function renameTrack(page: Page, n: number, name: string): Promise<void> {
  const field = page.getByLabel(`Name of track ${n}`, { exact: true });
  await field.fill(name);
  await field.press('Enter');
}

/** The open project's id, from the page's hash route. */
export function currentProjectId(page: Page): string {
  const id = /#\/project\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (id === undefined) {
    throw new Error(`not on a project page: ${page.url()}`);
  }
  return id;
}

/** Calls the server directly (not through the page): what it has stored right now. */
export async function rpc(studio: Studio, method: string, params: unknown): Promise<unknown> {
  const response = await fetch(`${studio.url}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!envelope.ok) {
    throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`);
  }
  return envelope.value;
}

export interface StoredTrack {
  name: string;
  mute: boolean;
  solo: boolean;
  gainDb: number;
  pan: number;
}

/** The tracks the server has stored for a project, in order. */
export async function storedTracks(studio: Studio, projectId: string): Promise<StoredTrack[]> {
  const snapshot = (await rpc(studio, 'project.get', { projectId })) as {
    state: { tracks: StoredTrack[] };
  };
  return snapshot.state.tracks.map(({ name, mute, solo, gainDb, pan }) => ({
    name,
    mute,
    solo,
    gainDb,
    pan,
  }));
}

export async function storedTrackNames(studio: Studio, projectId: string): Promise<string[]> {
  return (await storedTracks(studio, projectId)).map((track) => track.name);
}
