import { describe, expect, it } from 'vitest';

import {
  expectStrictTables,
  insertMediaRow,
  useProjectDbAtVersion,
} from '../../../../tests/helpers/project-migration-db.ts';
import { schemaVersion } from '../migrate.ts';

describe('project migration 0003 (audio)', () => {
  const open = useProjectDbAtVersion();

  it('upgrades a version-2 file (after 0002) keeping its media rows, and adds STRICT audio tables', () => {
    const v2 = open(2);
    insertMediaRow(v2, 'a'.repeat(64));
    v2.close();
    const db = open(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) FROM media').pluck().get()).toBe(1);
    expectStrictTables(db, ['audio', 'audio_sources']);
    db.close();
  });

  it('ties audio rows to media, sources to audio, and checks origin, frames and provenance', () => {
    const db = open(3);
    const [a, s] = ['a'.repeat(64), 'b'.repeat(64)];
    const insertAudio = db.prepare(
      'INSERT INTO audio (hash, frames, origin, provenance, created_at) VALUES (?, ?, ?, ?, 1)',
    );
    expect(() => insertAudio.run(a, 10, 'import', null)).toThrow(/FOREIGN KEY/);
    insertMediaRow(db, a);
    expect(() => insertAudio.run(a, 0, 'import', null)).toThrow(/CHECK/);
    expect(() => insertAudio.run(a, 10, 'download', null)).toThrow(/CHECK/);
    expect(() => insertAudio.run(a, 10, 'generated', '{not json')).toThrow(/CHECK/);
    insertAudio.run(a, 10, 'generated', '{"seed":1}');
    const insertSource = db.prepare(
      `INSERT INTO audio_sources (source_hash, audio_hash, format, encoding, sample_rate, channels, created_at)
       VALUES (?, ?, 'MP3', NULL, 44100, 2, 1)`,
    );
    expect(() => insertSource.run(s, a)).toThrow(/FOREIGN KEY/);
    insertMediaRow(db, s);
    expect(() => insertSource.run(s, 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    insertSource.run(s, a);
    expect(db.prepare('SELECT audio_hash FROM audio_sources').pluck().get()).toBe(a);
    db.close();
  });
});
