import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { noopLogger } from '../../../../app/log.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { openDatabase } from '../database.ts';
import { schemaVersion } from '../migrate.ts';
import { libraryMigrations } from './index.ts';

describe('library migration 0001 (init)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('creates strict tables from an empty database', () => {
    const db = openDatabase(`${dir}/lib.sqlite`, {
      migrations: libraryMigrations,
      log: noopLogger,
      targetVersion: 1,
    });
    expect(schemaVersion(db)).toBe(1);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all() as {
      name: string;
      sql: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(['artifacts', 'jobs', 'projects', 'settings']);
    for (const table of tables) {
      expect(table.sql).toMatch(/STRICT$/);
    }
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('rejects values of the wrong type and statuses outside the set', () => {
    const db = openDatabase(`${dir}/lib.sqlite`, {
      migrations: libraryMigrations,
      log: noopLogger,
      targetVersion: 1,
    });
    const insertProject = db.prepare(
      'INSERT INTO projects (id, name, folder, created_at, updated_at, track_count) VALUES (?, ?, ?, ?, ?, ?)',
    );
    expect(() => insertProject.run('p1', 'Demo', 'p1', 'yesterday', 1, 0)).toThrow(
      /cannot store TEXT value in INTEGER/,
    );
    expect(() => insertProject.run('p1', 'Demo', 'p1', 1, 1, -1)).toThrow(/CHECK constraint/);
    insertProject.run('p1', 'Demo', 'p1', 1, 1, 0);
    expect(() => insertProject.run('p2', 'Other', 'p1', 1, 1, 0)).toThrow(/UNIQUE/);
    const insertJob = db.prepare(
      `INSERT INTO jobs (id, kind, label, status, progress, created_at) VALUES ('j', 'k', 'l', ?, '{}', 1)`,
    );
    expect(() => insertJob.run('paused')).toThrow(/CHECK constraint/);
    insertJob.run('running');
    db.close();
  });

  it('refuses a database written by a newer version', () => {
    const raw = new Database(`${dir}/lib.sqlite`);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() =>
      openDatabase(`${dir}/lib.sqlite`, { migrations: libraryMigrations, log: noopLogger }),
    ).toThrow(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
  });
});
