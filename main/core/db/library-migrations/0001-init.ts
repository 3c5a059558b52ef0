import type { Migration } from '../migrate.ts';

/** The library: which projects exist and where, jobs, artifacts and settings. */
export const m0001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        folder TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        opened_at INTEGER,
        track_count INTEGER NOT NULL DEFAULT 0 CHECK (track_count >= 0)
      ) STRICT;
      CREATE INDEX projects_by_update ON projects (updated_at DESC);

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        project_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
        progress TEXT NOT NULL,
        result TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX jobs_by_creation ON jobs (created_at DESC);

      CREATE TABLE artifacts (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        file_name TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
