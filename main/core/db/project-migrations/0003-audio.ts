import type { Migration } from '../migrate.ts';

/**
 * Audio media (see main/core/media/audio-store.ts). `audio` lists the media files that are in
 * the studio format (48 kHz stereo float32 WAV) — what clips play. `audio_sources` keeps, for
 * each imported original, which studio file it decoded to; the original bytes stay in `media`
 * too, so an import is lossless. Generated audio has no source row and keeps its provenance.
 */
export const m0003Audio: Migration = {
  version: 3,
  name: 'audio',
  up(db) {
    db.exec(`
      CREATE TABLE audio (
        hash TEXT PRIMARY KEY REFERENCES media (hash),
        frames INTEGER NOT NULL CHECK (frames > 0),
        origin TEXT NOT NULL CHECK (origin IN ('import', 'generated', 'render')),
        provenance TEXT CHECK (provenance IS NULL OR json_valid(provenance)),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audio_sources (
        source_hash TEXT PRIMARY KEY REFERENCES media (hash),
        audio_hash TEXT NOT NULL REFERENCES audio (hash),
        format TEXT NOT NULL,
        encoding TEXT,
        sample_rate INTEGER NOT NULL CHECK (sample_rate > 0),
        channels INTEGER NOT NULL CHECK (channels > 0),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX audio_sources_by_audio ON audio_sources (audio_hash);
    `);
  },
};
