import { describe, expect, it } from 'vitest';

import { useProjectDbAtVersion } from '../../../../tests/helpers/project-migration-db.ts';
import { schemaVersion } from '../migrate.ts';

describe('project migration 0001 (init)', () => {
  const openAt = useProjectDbAtVersion();
  const open = () => openAt(1);

  it('creates the project tables, all STRICT', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(1);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual([
      'clips',
      'edit_log',
      'history',
      'media',
      'project',
      'tracks',
    ]);
    expect(tables.every((t) => t.sql.endsWith('STRICT'))).toBe(true);
    db.close();
  });

  it('enforces foreign keys, cascades track deletion and checks instruments', () => {
    const db = open();
    const hash = 'b'.repeat(64);
    db.prepare(
      "INSERT INTO media (hash, mime, bytes, name, created_at) VALUES (?, 'audio/wav', 10, 'a.wav', 1)",
    ).run(hash);
    const insertTrack = db.prepare(
      `INSERT INTO tracks (id, position, name, instrument_class, instrument_label, color, gain_db, pan, mute, solo)
       VALUES (?, 0, 'T', ?, ?, '#ffffff', 0, 0, 0, 0)`,
    );
    expect(() => insertTrack.run('t0', null, null)).toThrow(/CHECK constraint/);
    expect(() => insertTrack.run('t0', 'drums', 'Drums')).toThrow(/CHECK constraint/);
    insertTrack.run('t1', 'drums', null);
    const insertClip = db.prepare(
      `INSERT INTO clips (id, track_id, start_ticks, length_ticks, media_hash, source_offset, gain_db, fade_in, fade_out, name)
       VALUES (?, ?, 0, 960, ?, 0, 0, 0, 0, 'c')`,
    );
    expect(() => insertClip.run('c0', 'missing', hash)).toThrow(/FOREIGN KEY/);
    expect(() => insertClip.run('c0', 't1', 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    insertClip.run('c1', 't1', hash);
    db.prepare("DELETE FROM tracks WHERE id = 't1'").run();
    expect(db.prepare('SELECT count(*) FROM clips').pluck().get()).toBe(0);
    db.close();
  });

  it('keeps the edit log when history rows are dropped', () => {
    const db = open();
    db.prepare(
      "INSERT INTO history (label, forward, inverse, created_at) VALUES ('x', '[]', '[]', 1)",
    ).run();
    db.prepare(
      "INSERT INTO edit_log (revision, kind, history_seq, ops, applied_at) VALUES (1, 'edit', 1, '[]', 1)",
    ).run();
    db.prepare('DELETE FROM history').run();
    expect(db.prepare('SELECT history_seq FROM edit_log').pluck().get()).toBeNull();
    expect(() =>
      db
        .prepare(
          "INSERT INTO edit_log (revision, kind, ops, applied_at) VALUES (2, 'rewrite', '[]', 1)",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});
