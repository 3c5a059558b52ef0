/**
 * The project library: project folders under `<dataDir>/projects`, indexed in the library
 * database. Creates, lists, opens, renames, duplicates and deletes projects, and routes edits.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError } from '../../../app/errors.ts';
import { errorFields, type Logger } from '../../../app/log.ts';
import type { EditOp } from '../../../app/model/edits.ts';
import type { MediaHash, ProjectId } from '../../../app/model/ids.ts';
import {
  defaultProjectMeta,
  type MusicalKey,
  type ProjectMeta,
  type ProjectSnapshot,
  type ProjectSummary,
  type TimeSignature,
} from '../../../app/model/project.ts';
import type { ProjectView, ViewPatch } from '../../../app/model/view.ts';
import type { PeakLevel, PeaksJson } from '../audio/peaks.ts';
import type { LibraryDb, ProjectRecord } from '../db/library-db.ts';
import { ProjectStore } from '../db/project-store.ts';
import { commitRename } from '../fs/atomic.ts';
import { MEDIA_FOLDER } from '../media/media-store.ts';
import type { Trash } from '../ports.ts';
import type { EventBus } from './event-bus.ts';
import { type ChangeResult, PROJECT_FILE, ProjectSession } from './project-session.ts';

/** Open projects kept in memory at once; the least recently used one closes first. */
const MAX_OPEN = 8;
export const STAGING_PREFIX = '.staging-';

export interface CreateProject {
  name: string;
  tempo?: number | undefined;
  timeSignature?: TimeSignature | undefined;
  key?: MusicalKey | null | undefined;
}

export interface ProjectLibraryDeps {
  dataDir: string;
  db: LibraryDb;
  events: EventBus;
  trash: Trash;
  log: Logger;
  now: () => number;
}

const summary = (record: ProjectRecord): ProjectSummary => ({
  projectId: record.projectId,
  name: record.name,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  openedAt: record.openedAt,
  trackCount: record.trackCount,
});

export class ProjectLibrary {
  readonly projectsDir: string;
  readonly #deps: ProjectLibraryDeps;
  readonly #log: Logger;
  readonly #sessions = new Map<ProjectId, ProjectSession>();

  constructor(deps: ProjectLibraryDeps) {
    this.#deps = deps;
    this.#log = deps.log.child('library');
    this.projectsDir = join(deps.dataDir, 'projects');
  }

  get log(): Logger {
    return this.#log;
  }

  now(): number {
    return this.#deps.now();
  }

  /** Cleans what a crash left behind and re-registers project folders the index lost. */
  async init(): Promise<void> {
    await mkdir(this.projectsDir, { recursive: true });
    const entries = await readdir(this.projectsDir, { withFileTypes: true });
    for (const entry of entries.filter(
      (e) => e.isDirectory() && e.name.startsWith(STAGING_PREFIX),
    )) {
      await rm(join(this.projectsDir, entry.name), { recursive: true, force: true });
      this.#log.warn('library.staging_removed', { folder: entry.name });
    }
    const known = new Set(this.#deps.db.projects.list().map((record) => record.folder));
    for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
      if (!known.has(entry.name)) {
        this.#adopt(entry.name);
      }
    }
    for (const record of this.#deps.db.projects.list()) {
      if (!(await isFile(join(this.projectsDir, record.folder, PROJECT_FILE)))) {
        this.#deps.db.projects.delete(record.projectId);
        this.#log.warn('library.missing_removed', {
          projectId: record.projectId,
          folder: record.folder,
        });
      }
    }
  }

  #adopt(folder: string): void {
    try {
      const store = ProjectStore.open(join(this.projectsDir, folder, PROJECT_FILE), this.#log);
      try {
        const info = store.info();
        if (this.#deps.db.projects.get(info.id) !== null) {
          this.#log.warn('library.adopt_duplicate_id', { folder, projectId: info.id });
          return;
        }
        this.#deps.db.projects.insert({
          projectId: info.id,
          name: info.name,
          folder,
          createdAt: info.createdAt,
          updatedAt: info.updatedAt,
          openedAt: null,
          trackCount: store.loadState().tracks.length,
        });
        this.#log.info('library.adopted', { folder, projectId: info.id });
      } finally {
        store.close();
      }
    } catch (error) {
      this.#log.warn('library.adopt_failed', { folder, ...errorFields(error) });
    }
  }

  list(query?: string): ProjectSummary[] {
    return this.#deps.db.projects.list(query).map(summary);
  }

  record(projectId: ProjectId): ProjectRecord {
    const record = this.#deps.db.projects.get(projectId);
    if (record === null) {
      throw new StudioError('NOT_FOUND', 'That project is not in the library.', { projectId });
    }
    return record;
  }

  /** A new staging folder for a project being assembled; rename it in with `register`. */
  async stagingFolder(): Promise<string> {
    const dir = join(this.projectsDir, `${STAGING_PREFIX}${randomUUID()}`);
    await mkdir(join(dir, MEDIA_FOLDER), { recursive: true });
    return dir;
  }

  /** Moves a finished staging folder into the library under the project's id. */
  async register(
    staging: string,
    info: { projectId: ProjectId; name: string; trackCount: number },
  ): Promise<ProjectSummary> {
    const folder = info.projectId;
    await commitRename(staging, join(this.projectsDir, folder));
    const now = this.#deps.now();
    const record: ProjectRecord = {
      ...info,
      folder,
      createdAt: now,
      updatedAt: now,
      openedAt: null,
    };
    this.#deps.db.projects.insert(record);
    this.#deps.events.emit('library.changed', {});
    return summary(record);
  }

  async create(request: CreateProject): Promise<ProjectSummary> {
    const projectId = randomUUID() as ProjectId;
    const meta: ProjectMeta = {
      ...defaultProjectMeta(),
      ...(request.tempo === undefined ? {} : { tempo: request.tempo as ProjectMeta['tempo'] }),
      ...(request.timeSignature === undefined ? {} : { timeSignature: request.timeSignature }),
      ...(request.key === undefined ? {} : { key: request.key }),
    };
    const staging = await this.stagingFolder();
    try {
      ProjectStore.create(
        join(staging, PROJECT_FILE),
        { id: projectId, name: request.name, meta, now: this.#deps.now() },
        this.#log,
      ).close();
      const created = await this.register(staging, {
        projectId,
        name: request.name,
        trackCount: 0,
      });
      this.#log.info('project.created', { projectId });
      return created;
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  /** The open session of a project, opening it if needed. */
  session(projectId: ProjectId): ProjectSession {
    const open = this.#sessions.get(projectId);
    if (open !== undefined) {
      this.#sessions.delete(projectId);
      this.#sessions.set(projectId, open);
      return open;
    }
    const record = this.record(projectId);
    const session = ProjectSession.open(
      join(this.projectsDir, record.folder),
      this.#log,
      this.#deps.now,
    );
    this.#sessions.set(projectId, session);
    this.#deps.db.projects.touch(projectId, { openedAt: this.#deps.now() });
    for (const [id, old] of this.#sessions) {
      if (this.#sessions.size <= MAX_OPEN) {
        break;
      }
      old.close();
      this.#sessions.delete(id);
    }
    return session;
  }

  snapshot(projectId: ProjectId): ProjectSnapshot {
    return this.session(projectId).snapshot();
  }

  rename(projectId: ProjectId, name: string): ProjectSummary {
    const now = this.#deps.now();
    this.session(projectId).rename(name, now);
    this.#deps.db.projects.rename(projectId, name, now);
    this.#changed(projectId, this.session(projectId).revision);
    return summary(this.record(projectId));
  }

  applyEdits(
    projectId: ProjectId,
    baseRevision: number,
    ops: EditOp[],
    label?: string,
  ): ChangeResult {
    const now = this.#deps.now();
    return this.#afterChange(
      projectId,
      this.session(projectId).applyEdits(baseRevision, ops, label, now),
      now,
    );
  }

  undo(projectId: ProjectId): ChangeResult {
    const now = this.#deps.now();
    return this.#afterChange(projectId, this.session(projectId).undo(now), now);
  }

  redo(projectId: ProjectId): ChangeResult {
    const now = this.#deps.now();
    return this.#afterChange(projectId, this.session(projectId).redo(now), now);
  }

  // timeline: view state (selection, track heights); not an edit, so no revision or history.
  view(projectId: ProjectId): ProjectView {
    return this.session(projectId).view();
  }

  setView(projectId: ProjectId, patch: ViewPatch): ProjectView {
    const view = this.session(projectId).setView(patch, this.#deps.now());
    this.#deps.events.emit('project.viewChanged', { projectId, view });
    return view;
  }

  #afterChange(projectId: ProjectId, result: ChangeResult, now: number): ChangeResult {
    this.#deps.db.projects.touch(projectId, { updatedAt: now, trackCount: result.trackCount });
    this.#changed(projectId, result.revision);
    return result;
  }

  #changed(projectId: ProjectId, revision: number): void {
    this.#deps.events.emit('project.changed', { projectId, revision });
    this.#deps.events.emit('library.changed', {});
  }

  async duplicate(projectId: ProjectId, name?: string): Promise<ProjectSummary> {
    const source = this.session(projectId);
    const newId = randomUUID() as ProjectId;
    const newName = name ?? copyName(source.name);
    const staging = await this.stagingFolder();
    try {
      await source.store.backupTo(join(staging, PROJECT_FILE));
      for (const media of source.store.listMedia()) {
        await linkOrCopy(source.media.pathOf(media.hash), join(staging, MEDIA_FOLDER, media.hash));
      }
      const copy = ProjectStore.open(join(staging, PROJECT_FILE), this.#log);
      try {
        copy.reidentify(newId, newName, this.#deps.now());
      } finally {
        copy.close();
      }
      return await this.register(staging, {
        projectId: newId,
        name: newName,
        trackCount: source.state.tracks.length,
      });
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  async delete(projectId: ProjectId): Promise<{ trash: 'system' | 'folder' }> {
    const record = this.record(projectId);
    this.#close(projectId);
    const dir = join(this.projectsDir, record.folder);
    try {
      await this.#deps.trash.trash(dir);
    } catch (error) {
      throw new StudioError(
        'STORAGE_FAILED',
        'Could not move the project to the trash.',
        undefined,
        { cause: error },
      );
    }
    this.#deps.db.projects.delete(projectId);
    this.#deps.events.emit('library.changed', {});
    this.#log.info('project.deleted', { projectId, trash: this.#deps.trash.kind });
    return { trash: this.#deps.trash.kind };
  }

  /** Finds a stored media file by hash in the library's projects (open ones first). */
  resolveMedia(hash: MediaHash): { path: string; mime: string; bytes: number } | null {
    const session = this.#sessionHolding((s) => s.store.media(hash) !== null);
    const row = session?.store.media(hash) ?? null;
    return session === null || row === null
      ? null
      : { path: session.media.pathOf(row.hash), mime: row.mime, bytes: row.bytes };
  }

  /** The waveform peaks of a studio audio item, by hash, from whichever project holds it. */
  async resolvePeaks(hash: MediaHash, samplesPerPeak: PeakLevel | null): Promise<PeaksJson | null> {
    const session = this.#sessionHolding((s) => s.store.audio.get(hash) !== null);
    return session === null ? null : session.audio.peaksJson(hash, samplesPerPeak ?? undefined);
  }

  /** The first project (open ones first) for which `holds` is true. */
  #sessionHolding(holds: (session: ProjectSession) => boolean): ProjectSession | null {
    const open = [...this.#sessions.keys()];
    const rest = this.#deps.db.projects
      .list()
      .map((r) => r.projectId)
      .filter((id) => !open.includes(id));
    for (const projectId of [...open, ...rest]) {
      let session: ProjectSession;
      try {
        session = this.session(projectId);
      } catch {
        continue;
      }
      if (holds(session)) {
        return session;
      }
    }
    return null;
  }

  #close(projectId: ProjectId): void {
    this.#sessions.get(projectId)?.close();
    this.#sessions.delete(projectId);
  }

  dispose(): void {
    for (const session of this.#sessions.values()) {
      session.close();
    }
    this.#sessions.clear();
  }
}

function copyName(name: string): string {
  const base = name.length > 110 ? name.slice(0, 110) : name;
  return `${base} (copy)`;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Media files are immutable, so a hard link is a safe and instant copy. */
async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch {
    await copyFile(source, target);
  }
}
