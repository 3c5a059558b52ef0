/**
 * The library database: projects (where their folders are), jobs, artifacts and settings.
 * Repositories here are the only writers of its rows.
 */
import { z } from 'zod';

import { JobProgress, type JobState, JobStatus } from '../../../app/contract/jobs.ts';
import { WireError } from '../../../app/contract/wire.ts';
import type { WireError as WireErrorType } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import type { ArtifactId, JobId, ProjectId } from '../../../app/model/ids.ts';
import type { ProjectSummary } from '../../../app/model/project.ts';
import { integrityCheck, openDatabase, type SqliteDatabase } from './database.ts';
import { libraryMigrations } from './library-migrations/index.ts';

export interface ProjectRecord extends ProjectSummary {
  /** Folder name under the library's projects directory. */
  folder: string;
}

interface ProjectRow {
  id: string;
  name: string;
  folder: string;
  created_at: number;
  updated_at: number;
  opened_at: number | null;
  track_count: number;
}

const toRecord = (row: ProjectRow): ProjectRecord => ({
  projectId: row.id as ProjectId,
  name: row.name,
  folder: row.folder,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  openedAt: row.opened_at,
  trackCount: row.track_count,
});

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class ProjectRepo {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  insert(record: ProjectRecord): void {
    this.#db
      .prepare(
        `INSERT INTO projects (id, name, folder, created_at, updated_at, opened_at, track_count)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.projectId,
        record.name,
        record.folder,
        record.createdAt,
        record.updatedAt,
        record.openedAt,
        record.trackCount,
      );
  }

  get(id: string): ProjectRecord | null {
    const row = this.#db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as
      ProjectRow | undefined;
    return row === undefined ? null : toRecord(row);
  }

  /** Most recently updated first; `query` matches names case-insensitively. */
  list(query?: string): ProjectRecord[] {
    const rows =
      query === undefined || query.trim() === ''
        ? this.#db.prepare('SELECT * FROM projects ORDER BY updated_at DESC, name').all()
        : this.#db
            .prepare(
              `SELECT * FROM projects WHERE name LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, name`,
            )
            .all(likePattern(query.trim()));
    return (rows as ProjectRow[]).map(toRecord);
  }

  rename(id: string, name: string, now: number): void {
    this.#db
      .prepare('UPDATE projects SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, now, id);
  }

  touch(id: string, fields: { updatedAt?: number; openedAt?: number; trackCount?: number }): void {
    this.#db
      .prepare(
        `UPDATE projects SET updated_at = coalesce(?, updated_at), opened_at = coalesce(?, opened_at),
           track_count = coalesce(?, track_count) WHERE id = ?`,
      )
      .run(fields.updatedAt ?? null, fields.openedAt ?? null, fields.trackCount ?? null, id);
  }

  delete(id: string): void {
    this.#db.prepare('DELETE FROM projects WHERE id = ?').run(id);
  }
}

interface JobRow {
  id: string;
  kind: string;
  label: string;
  project_id: string | null;
  status: string;
  progress: string;
  result: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

const jsonOrNull = (text: string | null): unknown => {
  if (text === null) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const STORED_JOB = z.object({
  status: JobStatus,
  progress: JobProgress,
  error: WireError.nullable(),
});

export class JobRepo {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  insert(job: JobState): void {
    this.#db
      .prepare(
        `INSERT INTO jobs (id, kind, label, project_id, status, progress, result, error, created_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL)`,
      )
      .run(
        job.jobId,
        job.kind,
        job.label,
        job.projectId,
        job.status,
        JSON.stringify(job.progress),
        job.createdAt,
      );
  }

  saveProgress(jobId: JobId, progress: JobState['progress']): void {
    this.#db
      .prepare('UPDATE jobs SET progress = ? WHERE id = ?')
      .run(JSON.stringify(progress), jobId);
  }

  finish(job: JobState): void {
    this.#db
      .prepare(
        'UPDATE jobs SET status = ?, progress = ?, result = ?, error = ?, finished_at = ? WHERE id = ?',
      )
      .run(
        job.status,
        JSON.stringify(job.progress),
        job.result === null ? null : JSON.stringify(job.result),
        job.error === null ? null : JSON.stringify(job.error),
        job.finishedAt,
        job.jobId,
      );
  }

  /** Jobs still marked running belong to a process that died: they failed. */
  failInterrupted(error: WireErrorType, now: number): number {
    return this.#db
      .prepare(
        `UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE status = 'running'`,
      )
      .run(JSON.stringify(error), now).changes;
  }

  get(jobId: string): JobState | null {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as
      JobRow | undefined;
    return row === undefined ? null : this.#toState(row);
  }

  recent(limit: number): JobState[] {
    const rows = this.#db
      .prepare('SELECT * FROM jobs ORDER BY created_at DESC, id LIMIT ?')
      .all(limit);
    return (rows as JobRow[]).flatMap((row) => {
      const state = this.#toState(row);
      return state === null ? [] : [state];
    });
  }

  #toState(row: JobRow): JobState | null {
    const parsed = STORED_JOB.safeParse({
      status: row.status,
      progress: jsonOrNull(row.progress),
      error: jsonOrNull(row.error),
    });
    if (!parsed.success) {
      return null;
    }
    return {
      jobId: row.id as JobId,
      kind: row.kind as JobState['kind'],
      label: row.label,
      projectId: row.project_id as ProjectId | null,
      status: parsed.data.status,
      progress: parsed.data.progress,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      result: jsonOrNull(row.result),
      error: parsed.data.error,
    };
  }
}

export interface ArtifactRecord {
  artifactId: ArtifactId;
  path: string;
  fileName: string;
  bytes: number;
}

export class ArtifactRepo {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  insert(record: ArtifactRecord, now: number): void {
    this.#db
      .prepare(
        'INSERT INTO artifacts (id, path, file_name, bytes, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(record.artifactId, record.path, record.fileName, record.bytes, now);
  }

  get(id: string): ArtifactRecord | null {
    const row = this.#db
      .prepare('SELECT id, path, file_name, bytes FROM artifacts WHERE id = ?')
      .get(id) as { id: string; path: string; file_name: string; bytes: number } | undefined;
    return row === undefined
      ? null
      : {
          artifactId: row.id as ArtifactId,
          path: row.path,
          fileName: row.file_name,
          bytes: row.bytes,
        };
  }
}

export interface LibraryDb {
  projects: ProjectRepo;
  jobs: JobRepo;
  artifacts: ArtifactRepo;
  transaction<T>(work: () => T): T;
  integrityCheck(): string;
  close(): void;
}

export function openLibraryDb(
  path: string,
  log: Logger,
  options: { targetVersion?: number } = {},
): LibraryDb {
  const db = openDatabase(path, { migrations: libraryMigrations, log, ...options });
  return {
    projects: new ProjectRepo(db),
    jobs: new JobRepo(db),
    artifacts: new ArtifactRepo(db),
    transaction: (work) => db.transaction(work).immediate(),
    integrityCheck: () => integrityCheck(db),
    close: () => {
      if (db.open) {
        db.close();
      }
    },
  };
}
