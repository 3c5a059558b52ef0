/**
 * For the project migration tests: a project database in a fresh temp folder per test, opened at
 * a chosen schema version, plus the seed rows and schema checks those tests share.
 */
import { afterEach, beforeEach, expect } from 'vitest';

import { noopLogger } from '../../app/log.ts';
import { openDatabase, type SqliteDatabase } from '../../main/core/db/database.ts';
import { projectMigrations } from '../../main/core/db/project-migrations/index.ts';
import { makeTempDir, removeDir } from './temp-dir.ts';

/**
 * Registers a temp folder per test (call inside `describe`); the returned function opens that
 * folder's project.sqlite migrated up to `targetVersion`.
 */
export function useProjectDbAtVersion(): (targetVersion: number) => SqliteDatabase {
  let dir = '';
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });
  return (targetVersion) =>
    openDatabase(`${dir}/project.sqlite`, {
      migrations: projectMigrations,
      log: noopLogger,
      targetVersion,
    });
}

/** Inserts a 10-byte WAV media row with `hash`. */
export function insertMediaRow(db: SqliteDatabase, hash: string): void {
  db.prepare(
    "INSERT INTO media (hash, mime, bytes, name, created_at) VALUES (?, 'audio/wav', 10, 'a', 1)",
  ).run(hash);
}

/** Inserts track `t1` named Drums (a schema-1 row). */
export function insertDrumsTrack(db: SqliteDatabase): void {
  db.prepare(
    `INSERT INTO tracks (id, position, name, instrument_class, color, gain_db, pan, mute, solo)
     VALUES ('t1', 0, 'Drums', 'drums', '#ffffff', 0, 0, 0, 0)`,
  ).run();
}

/** Asserts that each named table exists and was created STRICT. */
export function expectStrictTables(db: SqliteDatabase, names: readonly string[]): void {
  const sql = db
    .prepare(
      `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name IN (${names.map(() => '?').join(', ')})`,
    )
    .pluck()
    .all(...names) as string[];
  expect(sql).toHaveLength(names.length);
  expect(sql.every((text) => text.endsWith('STRICT'))).toBe(true);
}
