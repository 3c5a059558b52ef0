/**
 * The workflow rows of one project file (migration 0004): clips' takes and versions (part of
 * the project state, written with every edit) and the parameters of each workflow run (so a
 * run can be retried after a restart). JSON columns are parsed with zod on read.
 */

import { StudioError } from '../../../app/errors.ts';
import { ClipTakeList, type ProjectTakes } from '../../../app/model/takes.ts';
import type { SqliteDatabase } from './database.ts';

export interface WorkflowRunRow {
  jobId: string;
  kind: string;
  /** The run's parameters as stored (parse them with the workflow schema). */
  params: unknown;
  createdAt: number;
}

const sameList = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class ProjectWorkflowRepo {
  readonly #db: SqliteDatabase;
  readonly #path: string;

  constructor(db: SqliteDatabase, path: string) {
    this.#db = db;
    this.#path = path;
  }

  /** Every clip's takes; STORAGE_FAILED when a stored list is outside the model. */
  loadTakes(): ProjectTakes {
    const rows = this.#db.prepare('SELECT clip_id, takes FROM clip_takes').all() as {
      clip_id: string;
      takes: string;
    }[];
    const takes: ProjectTakes = {};
    for (const row of rows) {
      const parsed = ClipTakeList.safeParse(JSON.parse(row.takes));
      if (!parsed.success) {
        throw new StudioError('STORAGE_FAILED', `${this.#path} holds takes outside the model.`, {
          clipId: row.clip_id,
        });
      }
      takes[row.clip_id] = parsed.data;
    }
    return takes;
  }

  /** Writes the lists that differ (call inside the edit's transaction). */
  writeTakesDiff(
    before: ProjectTakes | undefined,
    after: ProjectTakes | undefined,
    now: number,
  ): void {
    const old = before ?? {};
    const next = after ?? {};
    const remove = this.#db.prepare('DELETE FROM clip_takes WHERE clip_id = ?');
    for (const clipId of Object.keys(old)) {
      if (!(clipId in next)) {
        remove.run(clipId);
      }
    }
    const upsert = this.#db.prepare(
      `INSERT INTO clip_takes (clip_id, takes, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (clip_id) DO UPDATE SET takes = excluded.takes, updated_at = excluded.updated_at`,
    );
    for (const [clipId, list] of Object.entries(next)) {
      if (!sameList(old[clipId], list)) {
        upsert.run(clipId, JSON.stringify(list), now);
      }
    }
  }

  recordRun(run: WorkflowRunRow): void {
    this.#db
      .prepare('INSERT INTO workflow_runs (job_id, kind, params, created_at) VALUES (?, ?, ?, ?)')
      .run(run.jobId, run.kind, JSON.stringify(run.params), run.createdAt);
  }

  run(jobId: string): WorkflowRunRow | null {
    const row = this.#db
      .prepare('SELECT job_id, kind, params, created_at FROM workflow_runs WHERE job_id = ?')
      .get(jobId) as
      { job_id: string; kind: string; params: string; created_at: number } | undefined;
    if (row === undefined) {
      return null;
    }
    let params: unknown;
    try {
      params = JSON.parse(row.params) as unknown;
    } catch (error) {
      throw new StudioError('STORAGE_FAILED', 'A stored workflow run is not JSON.', undefined, {
        cause: error,
      });
    }
    return { jobId: row.job_id, kind: row.kind, params, createdAt: row.created_at };
  }
}
