/**
 * Numbered migrations recorded in PRAGMA user_version. Each runs in its own transaction, which
 * also sets the version, so a crash leaves the database at the last completed migration.
 */
import type Database from 'better-sqlite3';

import { StudioError } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';

export interface Migration {
  /** 1, 2, 3...: the user_version after this migration. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  options: { log: Logger; targetVersion?: number | undefined },
): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration ${migration.name} is numbered ${migration.version}, not ${index + 1}.`,
      );
    }
  });
  const latest = migrations.length;
  const target = options.targetVersion ?? latest;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StudioError(
      'MIGRATION_FAILED',
      `This database was written by a newer Layerline (schema ${current}; this version knows ${latest}).`,
      { current, latest, file: db.name },
    );
  }
  for (const migration of migrations.slice(current, target)) {
    try {
      db.transaction(() => {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
      options.log.info('db.migrated', {
        file: db.name,
        version: migration.version,
        name: migration.name,
      });
    } catch (error) {
      throw new StudioError(
        'MIGRATION_FAILED',
        `Migration ${migration.version} (${migration.name}) failed for ${db.name}.`,
        { version: migration.version, file: db.name },
        { cause: error },
      );
    }
  }
}
