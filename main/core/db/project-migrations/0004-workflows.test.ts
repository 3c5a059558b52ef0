import { describe, expect, it } from 'vitest';

import {
  expectStrictTables,
  insertDrumsTrack,
  insertMediaRow,
  useProjectDbAtVersion,
} from '../../../../tests/helpers/project-migration-db.ts';
import { schemaVersion } from '../migrate.ts';

describe('project migration 0004 (workflows)', () => {
  const open = useProjectDbAtVersion();

  it('upgrades a version-3 file keeping its clips, and adds STRICT takes and runs tables', () => {
    const v3 = open(3);
    insertMediaRow(v3, 'a'.repeat(64));
    insertDrumsTrack(v3);
    v3.prepare(
      `INSERT INTO clips (id, track_id, start_ticks, length_ticks, media_hash, source_offset, gain_db, fade_in, fade_out, name)
       VALUES ('c1', 't1', 0, 960, ?, 0, 0, 0, 0, 'c')`,
    ).run('a'.repeat(64));
    v3.close();
    const db = open(4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT count(*) FROM clips').pluck().get()).toBe(1);
    expectStrictTables(db, ['clip_takes', 'workflow_runs']);
    db.close();
  });

  it('holds takes as a JSON list (kept when the clip goes) and run parameters as JSON', () => {
    const db = open(4);
    const insertTakes = db.prepare(
      'INSERT INTO clip_takes (clip_id, takes, updated_at) VALUES (?, ?, 1)',
    );
    expect(() => insertTakes.run('c1', '{"not":"a list"}')).toThrow(/CHECK/);
    expect(() => insertTakes.run('c1', '[broken')).toThrow(/CHECK/);
    // No clip c1 exists: the list does not depend on the clip row.
    insertTakes.run('c1', '[]');
    const insertRun = db.prepare(
      "INSERT INTO workflow_runs (job_id, kind, params, created_at) VALUES (?, 'repaint', ?, 1)",
    );
    expect(() => insertRun.run('j1', 'nope')).toThrow(/CHECK/);
    insertRun.run('j1', '{"clipId":"c1"}');
    expect(db.prepare('SELECT count(*) FROM workflow_runs').pluck().get()).toBe(1);
    db.close();
  });
});
