import type { Migration } from '../migrate.ts';

/** A project file: metadata, media references, tracks, clips, undo history and the edit log. */
export const m0001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE project (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tempo REAL NOT NULL CHECK (tempo BETWEEN 20 AND 400),
        ts_numerator INTEGER NOT NULL,
        ts_denominator INTEGER NOT NULL,
        key_tonic TEXT,
        key_mode TEXT CHECK (key_mode IN ('major', 'minor')),
        sample_rate INTEGER NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE media (
        hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE tracks (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        instrument_class TEXT,
        instrument_label TEXT,
        color TEXT NOT NULL,
        gain_db REAL NOT NULL,
        pan REAL NOT NULL CHECK (pan BETWEEN -1 AND 1),
        mute INTEGER NOT NULL CHECK (mute IN (0, 1)),
        solo INTEGER NOT NULL CHECK (solo IN (0, 1)),
        CHECK ((instrument_class IS NULL) <> (instrument_label IS NULL))
      ) STRICT;

      CREATE TABLE clips (
        id TEXT PRIMARY KEY,
        track_id TEXT NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
        start_ticks INTEGER NOT NULL CHECK (start_ticks >= 0),
        length_ticks INTEGER NOT NULL CHECK (length_ticks > 0),
        media_hash TEXT NOT NULL REFERENCES media (hash),
        source_offset INTEGER NOT NULL CHECK (source_offset >= 0),
        gain_db REAL NOT NULL,
        fade_in INTEGER NOT NULL CHECK (fade_in >= 0),
        fade_out INTEGER NOT NULL CHECK (fade_out >= 0),
        name TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clips_by_track ON clips (track_id);
      CREATE INDEX clips_by_media ON clips (media_hash);

      CREATE TABLE history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        label TEXT NOT NULL,
        forward TEXT NOT NULL,
        inverse TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE edit_log (
        revision INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
        history_seq INTEGER REFERENCES history (seq) ON DELETE SET NULL,
        ops TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
