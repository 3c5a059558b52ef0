/**
 * The audio rows of one project file (migration 0002): studio-format media, the originals they
 * were imported from, and the provenance of generated audio. Provenance JSON is parsed on read.
 */
import { StudioError } from '../../../app/errors.ts';
import type { MediaHash } from '../../../app/model/ids.ts';
import type { SqliteDatabase } from './database.ts';
import type { MediaRow } from './project-store.ts';

export type AudioOrigin = 'import' | 'generated' | 'render';

export interface AudioRow {
  hash: MediaHash;
  frames: number;
  origin: AudioOrigin;
  /** Free-form JSON (a generation's request, seed and model) or null. */
  provenance: unknown;
  createdAt: number;
}

export interface AudioSourceRow {
  sourceHash: MediaHash;
  audioHash: MediaHash;
  format: string;
  encoding: string | null;
  sampleRate: number;
  channels: number;
}

/** A studio file with its media row (name, bytes) and its sources. */
export interface AudioListing extends AudioRow {
  name: string;
  bytes: number;
  sources: AudioSourceRow[];
}

interface RawAudio {
  hash: string;
  frames: number;
  origin: AudioOrigin;
  provenance: string | null;
  created_at: number;
  name: string;
  bytes: number;
}

interface RawSource {
  source_hash: string;
  audio_hash: string;
  format: string;
  encoding: string | null;
  sample_rate: number;
  channels: number;
}

const toSource = (raw: RawSource): AudioSourceRow => ({
  sourceHash: raw.source_hash as MediaHash,
  audioHash: raw.audio_hash as MediaHash,
  format: raw.format,
  encoding: raw.encoding,
  sampleRate: raw.sample_rate,
  channels: raw.channels,
});

const AUDIO_SELECT = `SELECT a.hash, a.frames, a.origin, a.provenance, a.created_at, m.name, m.bytes
  FROM audio a JOIN media m ON m.hash = a.hash`;

export class ProjectAudioRepo {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /**
   * Records a studio file (and optionally the original it came from) with their media rows, in
   * one transaction. Rows that already exist are kept as they are (content addressing).
   */
  record(
    entry: {
      media: MediaRow[];
      audio: Omit<AudioRow, 'createdAt'>;
      source: AudioSourceRow | null;
    },
    now: number,
  ): void {
    const insertMedia = this.#db.prepare(
      `INSERT INTO media (hash, mime, bytes, name, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (hash) DO NOTHING`,
    );
    this.#db.transaction(() => {
      for (const media of entry.media) {
        insertMedia.run(media.hash, media.mime, media.bytes, media.name, now);
      }
      const { audio, source } = entry;
      this.#db
        .prepare(
          `INSERT INTO audio (hash, frames, origin, provenance, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (hash) DO NOTHING`,
        )
        .run(
          audio.hash,
          audio.frames,
          audio.origin,
          audio.provenance === null ? null : JSON.stringify(audio.provenance),
          now,
        );
      if (source !== null) {
        this.#db
          .prepare(
            `INSERT INTO audio_sources (source_hash, audio_hash, format, encoding, sample_rate,
               channels, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_hash) DO NOTHING`,
          )
          .run(
            source.sourceHash,
            source.audioHash,
            source.format,
            source.encoding,
            source.sampleRate,
            source.channels,
            now,
          );
      }
    })();
  }

  get(hash: MediaHash): AudioListing | null {
    const raw = this.#db.prepare(`${AUDIO_SELECT} WHERE a.hash = ?`).get(hash) as
      RawAudio | undefined;
    return raw === undefined ? null : this.#listing(raw);
  }

  /** The studio file an original was imported as, if it was. */
  bySource(sourceHash: MediaHash): AudioSourceRow | null {
    const raw = this.#db
      .prepare('SELECT * FROM audio_sources WHERE source_hash = ?')
      .get(sourceHash) as RawSource | undefined;
    return raw === undefined ? null : toSource(raw);
  }

  list(): AudioListing[] {
    const rows = this.#db
      .prepare(`${AUDIO_SELECT} ORDER BY a.created_at, a.hash`)
      .all() as RawAudio[];
    return rows.map((raw) => this.#listing(raw));
  }

  #listing(raw: RawAudio): AudioListing {
    let provenance: unknown = null;
    if (raw.provenance !== null) {
      try {
        provenance = JSON.parse(raw.provenance);
      } catch (error) {
        throw new StudioError(
          'STORAGE_FAILED',
          'A stored provenance record is not JSON.',
          undefined,
          {
            cause: error,
          },
        );
      }
    }
    const sources = (
      this.#db
        .prepare('SELECT * FROM audio_sources WHERE audio_hash = ? ORDER BY created_at')
        .all(raw.hash) as RawSource[]
    ).map(toSource);
    return {
      hash: raw.hash as MediaHash,
      frames: raw.frames,
      origin: raw.origin,
      provenance,
      createdAt: raw.created_at,
      name: raw.name,
      bytes: raw.bytes,
      sources,
    };
  }
}
