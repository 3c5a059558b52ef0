/**
 * A project's audio: import, generated audio, reading and peaks. The storage scheme:
 *
 * - Every media file lives content-addressed in `media/<sha256>` with a `media` row.
 * - What clips play is a **studio file**: 48 kHz stereo float32 WAV (audio/studio-file.ts),
 *   listed in `audio`. Its hash is the media hash clients use.
 * - An import also keeps the **original bytes** (its own media row) and an `audio_sources`
 *   row linking it to its studio file, so nothing the user gave us is lost to resampling.
 * - Generated audio is already in the studio format: stored losslessly as float32, with its
 *   provenance JSON in `audio.provenance`.
 * - Peaks are a cache (`cache/peaks/<hash>`), rebuilt from the studio file when missing.
 *
 * Writes go to temp files in the media folder, are fsynced, hashed and renamed into place;
 * the rows follow in one transaction. A failure or cancel removes every temp and every file
 * the operation placed, so it leaves no media file and no row behind.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { Logger } from '../../../app/log.ts';
import type { MediaHash } from '../../../app/model/ids.ts';
import type { AudioMedia } from '../../../app/model/media.ts';
import {
  decodePeaks,
  encodePeaks,
  PeakBuilder,
  type PeakLevel,
  type Peaks,
  type PeaksJson,
  peaksJson,
} from '../audio/peaks.ts';
import { type StereoBlock, STUDIO_MIME, StudioAudioReader } from '../audio/studio-file.ts';
import type { AudioListing, AudioOrigin, AudioSourceRow } from '../db/project-audio-repo.ts';
import type { MediaRow, ProjectStore } from '../db/project-store.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { type MediaStore, sha256File } from './media-store.ts';
import { type StudioTemp, writeStudioTemp } from './studio-temp.ts';

export const PEAKS_FOLDER = join('cache', 'peaks');

/** Longest studio file we store: 2^30 frames, about 6 h 12 min at 48 kHz (8 GiB). */
export const MAX_STUDIO_FRAMES = 2 ** 30;

export function toAudioMedia(listing: AudioListing): AudioMedia {
  return {
    hash: listing.hash,
    name: listing.name,
    frames: listing.frames,
    bytes: listing.bytes,
    origin: listing.origin,
    sources: listing.sources.map((s) => ({
      hash: s.sourceHash,
      format: s.format,
      encoding: s.encoding,
      sampleRate: s.sampleRate,
      channels: s.channels,
    })),
    createdAt: listing.createdAt,
  };
}

export interface AudioStoreDeps {
  projectDir: string;
  store: ProjectStore;
  media: MediaStore;
  log: Logger;
  now: () => number;
}

/** A stored original waiting to be committed with its studio file. */
export interface PendingSource {
  temp: string;
  row: MediaRow;
  source: Omit<AudioSourceRow, 'audioHash'>;
}

export class AudioStore {
  readonly #deps: AudioStoreDeps;
  readonly #log: Logger;
  /** Commits run one at a time, so "did this file exist before me?" stays true. */
  #commits: Promise<unknown> = Promise.resolve();
  #swept: Promise<void> | null = null;

  constructor(deps: AudioStoreDeps) {
    this.#deps = deps;
    this.#log = deps.log.child('audio');
  }

  get media(): MediaStore {
    return this.#deps.media;
  }

  /** Removes temp files a crash left behind (once per process and project). */
  ready(): Promise<void> {
    this.#swept ??= this.#deps.media.sweepTemps().then((removed) => {
      if (removed > 0) {
        this.#log.warn('audio.temps_removed', { removed });
      }
    });
    return this.#swept;
  }

  list(): AudioMedia[] {
    return this.#deps.store.audio.list().map(toAudioMedia);
  }

  /** The studio item with this hash; NOT_FOUND when the project has none. */
  get(hash: MediaHash): AudioMedia {
    const listing = this.#deps.store.audio.get(hash);
    if (listing === null) {
      throw new StudioError('NOT_FOUND', 'This project has no such audio.', { hash });
    }
    return toAudioMedia(listing);
  }

  /** The studio item an original file was already imported as, if any. */
  findBySource(sourceHash: MediaHash): AudioMedia | null {
    const source = this.#deps.store.audio.bySource(sourceHash);
    return source === null ? null : this.get(source.audioHash);
  }

  /**
   * Stores studio-format audio (48 kHz stereo float32) given in memory or as a stream, e.g. a
   * generation's output. Identical audio is stored once; the first provenance is kept.
   */
  async storeStudioAudio(
    audio: AsyncIterable<StereoBlock> | Iterable<StereoBlock>,
    meta: { name: string; origin: AudioOrigin; provenance: unknown },
    options: { signal?: AbortSignal; onFrames?: (frames: number) => void } = {},
  ): Promise<{ media: AudioMedia; reused: boolean }> {
    await this.ready();
    const studio = await writeStudioTemp(this.#deps.media, audio, {
      maxFrames: MAX_STUDIO_FRAMES,
      ...options,
    });
    return this.commit(studio, null, meta, options.signal);
  }

  /**
   * Moves a finished studio temp (and optionally its original) into the store and records
   * them. On any failure the temps and the files this call placed are removed.
   */
  async commit(
    studio: StudioTemp,
    pending: PendingSource | null,
    meta: { name: string; origin: AudioOrigin; provenance: unknown },
    signal?: AbortSignal,
  ): Promise<{ media: AudioMedia; reused: boolean }> {
    const run = async () => {
      const media = this.#deps.media;
      const placed: MediaHash[] = [];
      try {
        throwIfCancelled(signal);
        const hash = await sha256File(studio.temp, signal);
        const existed = this.#deps.store.audio.get(hash) !== null;
        if (await media.adopt(studio.temp, hash)) {
          placed.push(hash);
        }
        if (pending !== null && (await media.adopt(pending.temp, pending.row.hash))) {
          placed.push(pending.row.hash);
        }
        await this.#writePeaks(hash, studio.peaks);
        throwIfCancelled(signal);
        this.#deps.store.audio.record(
          {
            media: [
              { hash, mime: STUDIO_MIME, bytes: studio.bytes, name: meta.name },
              ...(pending === null ? [] : [pending.row]),
            ],
            audio: {
              hash,
              frames: studio.frames,
              origin: meta.origin,
              provenance: meta.provenance,
            },
            source: pending === null ? null : { ...pending.source, audioHash: hash },
          },
          this.#deps.now(),
        );
        return { media: this.get(hash), reused: existed };
      } catch (error) {
        for (const hash of placed) {
          await media.remove(hash);
        }
        throw error;
      } finally {
        await media.releaseTemp(studio.temp);
        if (pending !== null) {
          await media.releaseTemp(pending.temp);
        }
      }
    };
    const result = this.#commits.then(run, run);
    this.#commits = result.catch(() => undefined);
    return result;
  }

  /** Opens a stored studio file for random-access reads (close it when done). */
  async openReader(hash: MediaHash): Promise<StudioAudioReader> {
    this.get(hash);
    return StudioAudioReader.open(this.#deps.media.pathOf(hash));
  }

  /**
   * Stored audio as 48 kHz stereo float32: all of it, or frames [start, end). Frames past the
   * end of the media read as silence.
   */
  async read(hash: MediaHash, range?: { start: number; end: number }): Promise<StereoBlock> {
    const reader = await this.openReader(hash);
    try {
      const start = range?.start ?? 0;
      const end = range?.end ?? reader.frames;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
        throw new StudioError(
          'VALIDATION_FAILED',
          'A sample range is [start, end) with 0 <= start <= end.',
        );
      }
      return await reader.read(start, end - start);
    } finally {
      await reader.close();
    }
  }

  /** The peaks of a studio item, from the cache or rebuilt from the file. */
  async peaks(hash: MediaHash): Promise<Peaks> {
    const item = this.get(hash);
    const path = join(this.#deps.projectDir, PEAKS_FOLDER, hash);
    try {
      const peaks = decodePeaks(new Uint8Array(await readFile(path)));
      if (peaks.frames === item.frames) {
        return peaks;
      }
    } catch {
      // Missing or damaged cache: rebuild below.
    }
    this.#log.info('audio.peaks_rebuild', { hash });
    const builder = new PeakBuilder();
    const reader = await this.openReader(hash);
    try {
      const step = 1 << 18;
      for (let at = 0; at < reader.frames; at += step) {
        const [left, right] = await reader.read(at, Math.min(step, reader.frames - at));
        builder.push(left, right);
      }
    } finally {
      await reader.close();
    }
    const peaks = builder.finish();
    await this.#writePeaks(hash, peaks);
    return peaks;
  }

  async peaksJson(hash: MediaHash, samplesPerPeak?: PeakLevel): Promise<PeaksJson> {
    return peaksJson(await this.peaks(hash), samplesPerPeak);
  }

  async #writePeaks(hash: MediaHash, peaks: Peaks): Promise<void> {
    try {
      await writeFileAtomic(join(this.#deps.projectDir, PEAKS_FOLDER, hash), encodePeaks(peaks));
    } catch (error) {
      // A cache: the next request rebuilds it.
      this.#log.warn('audio.peaks_write_failed', { hash, error: String(error) });
    }
  }
}
