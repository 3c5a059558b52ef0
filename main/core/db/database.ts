/**
 * Opening SQLite files: WAL, foreign keys, a busy timeout, and numbered migrations.
 * This folder is the only code that imports better-sqlite3.
 */
import Database from 'better-sqlite3';

import { StudioError } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import { migrate, type Migration } from './migrate.ts';

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  migrations: readonly Migration[];
  log: Logger;
  /** FULL makes every commit durable against power loss, not only against a crash. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Stop migrating at this version (tests of a single migration). */
  targetVersion?: number;
}

/** Opens (creating if needed) and migrates a database. Throws STORAGE_FAILED or MIGRATION_FAILED. */
export function openDatabase(path: string, options: OpenOptions): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new StudioError('STORAGE_FAILED', `Cannot open the database ${path}.`, undefined, {
      cause: error,
    });
  }
  try {
    migrate(db, options.migrations, { log: options.log, targetVersion: options.targetVersion });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** `PRAGMA integrity_check` as text: "ok" when the file is sound. */
export function integrityCheck(db: SqliteDatabase): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).join('\n');
}

/** True for SQLite's foreign-key constraint failure. */
export function isForeignKeyError(error: unknown): boolean {
  return (
    error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  );
}
