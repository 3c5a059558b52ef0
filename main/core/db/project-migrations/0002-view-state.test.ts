import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { noopLogger } from '../../../../app/log.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { openDatabase } from '../database.ts';
import { schemaVersion } from '../migrate.ts';
import { projectMigrations } from './index.ts';

describe('project migration 0002 (view state)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  const open = (targetVersion: number) =>
    openDatabase(`${dir}/project.sqlite`, {
      migrations: projectMigrations,
      log: noopLogger,
      targetVersion,
    });

  it('adds a one-row STRICT view table and leaves existing rows alone', () => {
    let db = open(1);
    db.prepare(
      `INSERT INTO project (id, name, tempo, ts_numerator, ts_denominator, sample_rate, created_at, updated_at)
       VALUES ('p', 'Song', 120, 4, 4, 48000, 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO tracks (id, position, name, instrument_class, color, gain_db, pan, mute, solo)
       VALUES ('t1', 0, 'Drums', 'drums', '#ffffff', 0, 0, 0, 0)`,
    ).run();
    db.close();

    db = open(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT name FROM tracks').pluck().all()).toEqual(['Drums']);
    expect(db.prepare('SELECT count(*) FROM view_state').pluck().get()).toBe(0);
    const sql = db
      .prepare("SELECT sql FROM sqlite_schema WHERE name = 'view_state'")
      .pluck()
      .get() as string;
    expect(sql.endsWith('STRICT')).toBe(true);

    const insert = db.prepare('INSERT INTO view_state (id, view, updated_at) VALUES (?, ?, 1)');
    insert.run(1, '{"selection":null,"trackHeights":{}}');
    expect(() => insert.run(2, '{}')).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE view_state SET view = 'not json' WHERE id = 1").run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });
});
