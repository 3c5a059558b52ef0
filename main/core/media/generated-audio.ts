/**
 * The inference engine's door into the media store. Generated audio is already in the studio
 * format (48 kHz stereo float32), so it is stored bit for bit, with its provenance (request,
 * seed, model versions: any JSON) kept beside it. Reading gives any stored item back as 48 kHz
 * stereo float32, whole or a frame range.
 *
 *   const { media } = await storeGeneratedAudio(session.audio, { left, right }, provenance, {
 *     name: 'Generation 3',
 *   });
 *   const [left, right] = await readStudioAudio(session.audio, media.hash, { start, end });
 */
import { StudioError } from '../../../app/errors.ts';
import type { MediaHash } from '../../../app/model/ids.ts';
import type { AudioMedia } from '../../../app/model/media.ts';
import type { StereoBlock } from '../audio/studio-file.ts';
import type { AudioStore } from './audio-store.ts';

/** Frames per block when streaming an in-memory buffer into the store. */
const BLOCK = 1 << 16;

export interface StereoAudio {
  left: Float32Array;
  right: Float32Array;
}

function* blocksOf(audio: StereoAudio): Generator<StereoBlock> {
  for (let at = 0; at < audio.left.length; at += BLOCK) {
    yield [audio.left.subarray(at, at + BLOCK), audio.right.subarray(at, at + BLOCK)];
  }
}

function checkSamples(audio: StereoAudio): void {
  if (audio.left.length !== audio.right.length) {
    throw new StudioError(
      'VALIDATION_FAILED',
      'Generated audio has channels of different lengths.',
    );
  }
  for (const channel of [audio.left, audio.right]) {
    for (const value of channel) {
      if (!Number.isFinite(value)) {
        throw new StudioError(
          'VALIDATION_FAILED',
          'Generated audio contains NaN or infinite samples.',
        );
      }
    }
  }
}

/**
 * Stores 48 kHz stereo float32 audio from the model with its provenance JSON; returns the
 * media item (its hash is what a clip refers to). Identical audio is stored once and keeps
 * the provenance it was first stored with (`reused` tells).
 */
export async function storeGeneratedAudio(
  store: AudioStore,
  audio: StereoAudio,
  provenance: unknown,
  options: { name: string; signal?: AbortSignal },
): Promise<{ media: AudioMedia; reused: boolean }> {
  checkSamples(audio);
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(provenance ?? null)) as unknown;
  } catch (error) {
    throw new StudioError('VALIDATION_FAILED', 'Provenance must be plain JSON data.', undefined, {
      cause: error,
    });
  }
  return store.storeStudioAudio(
    blocksOf(audio),
    { name: options.name, origin: 'generated', provenance: json },
    options.signal === undefined ? {} : { signal: options.signal },
  );
}

/** Stored audio as 48 kHz stereo float32: whole, or frames [start, end) (silence past the end). */
export async function readStudioAudio(
  store: AudioStore,
  hash: MediaHash,
  range?: { start: number; end: number },
): Promise<StereoAudio> {
  const [left, right] = await store.read(hash, range);
  return { left, right };
}
