import type { Migration } from '../migrate.ts';

/**
 * The generation workflows (main/core/workflows):
 *
 * - `clip_takes`: a clip's takes and versions (app/model/takes.ts) as one JSON list. Part of
 *   the project state, written by edits like clips are. No foreign key to `clips`: removing a
 *   clip keeps its list, so undoing the removal gets both back.
 * - `workflow_runs`: what each workflow job was asked to do (its parameters), keyed by the
 *   job, so a failed or interrupted run can be retried after a restart and a result traced
 *   back to its request.
 */
export const m0004Workflows: Migration = {
  version: 4,
  name: 'workflows',
  up(db) {
    db.exec(`
      CREATE TABLE clip_takes (
        clip_id TEXT PRIMARY KEY,
        takes TEXT NOT NULL CHECK (json_valid(takes) AND json_type(takes) = 'array'),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE workflow_runs (
        job_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        params TEXT NOT NULL CHECK (json_valid(params)),
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
