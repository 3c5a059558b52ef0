import { describe, expect, it } from 'vitest';

import {
  expectStrictTables,
  insertDrumsTrack,
  useProjectDbAtVersion,
} from '../../../../tests/helpers/project-migration-db.ts';
import { schemaVersion } from '../migrate.ts';

describe('project migration 0002 (view state)', () => {
  const open = useProjectDbAtVersion();

  it('adds a one-row STRICT view table and leaves existing rows alone', () => {
    let db = open(1);
    db.prepare(
      `INSERT INTO project (id, name, tempo, ts_numerator, ts_denominator, sample_rate, created_at, updated_at)
       VALUES ('p', 'Song', 120, 4, 4, 48000, 1, 1)`,
    ).run();
    insertDrumsTrack(db);
    db.close();

    db = open(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT name FROM tracks').pluck().all()).toEqual(['Drums']);
    expect(db.prepare('SELECT count(*) FROM view_state').pluck().get()).toBe(0);
    expectStrictTables(db, ['view_state']);

    const insert = db.prepare('INSERT INTO view_state (id, view, updated_at) VALUES (?, ?, 1)');
    insert.run(1, '{"selection":null,"trackHeights":{}}');
    expect(() => insert.run(2, '{}')).toThrow(/CHECK constraint/);
    expect(() => db.prepare("UPDATE view_state SET view = 'not json' WHERE id = 1").run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });
});
