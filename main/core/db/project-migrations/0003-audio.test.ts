import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { noopLogger } from '../../../../app/log.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { openDatabase, type SqliteDatabase } from '../database.ts';
import { schemaVersion } from '../migrate.ts';
import { projectMigrations } from './index.ts';

describe('project migration 0003 (audio)', () => {
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
  const media = (db: SqliteDatabase, hash: string) =>
    db
      .prepare(
        "INSERT INTO media (hash, mime, bytes, name, created_at) VALUES (?, 'audio/wav', 10, 'a', 1)",
      )
      .run(hash);

  it('upgrades a version-2 file (after 0002) keeping its media rows, and adds STRICT audio tables', () => {
    const v2 = open(2);
    media(v2, 'a'.repeat(64));
    v2.close();
    const db = open(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) FROM media').pluck().get()).toBe(1);
    const tables = db
      .prepare("SELECT sql FROM sqlite_schema WHERE name IN ('audio', 'audio_sources')")
      .pluck()
      .all() as string[];
    expect(tables).toHaveLength(2);
    expect(tables.every((sql) => sql.endsWith('STRICT'))).toBe(true);
    db.close();
  });

  it('ties audio rows to media, sources to audio, and checks origin, frames and provenance', () => {
    const db = open(3);
    const [a, s] = ['a'.repeat(64), 'b'.repeat(64)];
    const insertAudio = db.prepare(
      'INSERT INTO audio (hash, frames, origin, provenance, created_at) VALUES (?, ?, ?, ?, 1)',
    );
    expect(() => insertAudio.run(a, 10, 'import', null)).toThrow(/FOREIGN KEY/);
    media(db, a);
    expect(() => insertAudio.run(a, 0, 'import', null)).toThrow(/CHECK/);
    expect(() => insertAudio.run(a, 10, 'download', null)).toThrow(/CHECK/);
    expect(() => insertAudio.run(a, 10, 'generated', '{not json')).toThrow(/CHECK/);
    insertAudio.run(a, 10, 'generated', '{"seed":1}');
    const insertSource = db.prepare(
      `INSERT INTO audio_sources (source_hash, audio_hash, format, encoding, sample_rate, channels, created_at)
       VALUES (?, ?, 'MP3', NULL, 44100, 2, 1)`,
    );
    expect(() => insertSource.run(s, a)).toThrow(/FOREIGN KEY/);
    media(db, s);
    expect(() => insertSource.run(s, 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    insertSource.run(s, a);
    expect(db.prepare('SELECT audio_hash FROM audio_sources').pluck().get()).toBe(a);
    db.close();
  });
});
