/**
 * Tiled VAE encode and decode (overlap-discard, spec §8.2). Encode reads the audio window of
 * each tile on demand; decode hands each tile's core samples to a writer, so neither ever holds
 * the whole song's audio. Decoded tiles are checked for NaN/Inf.
 */
import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import type { StereoWindow } from '../audio-io/pcm-file.ts';
import { float32Output, float32Tensor, type RunGraph } from '../runtime/host-tensor.ts';
import { planTiles } from '../sampler/tiles.ts';

export interface VaeShape {
  channels: number;
  /** Samples per latent frame (1920). */
  hop: number;
}

export interface TileOptions {
  chunkFrames: number;
  overlapFrames: number;
}

export type TileProgress = (done: number, total: number) => void;

/** Latents [frames, channels] of the audio `read` gives, for `frames` latent frames. */
export async function encodeAudio(
  run: RunGraph,
  read: (startSample: number, count: number) => Promise<StereoWindow>,
  frames: number,
  shape: VaeShape,
  tiles: TileOptions,
  onTile?: TileProgress,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const { channels, hop } = shape;
  const out = new Float32Array(frames * channels);
  const plan = planTiles(frames, tiles.chunkFrames, tiles.overlapFrames);
  for (const [index, tile] of plan.entries()) {
    throwIfCancelled(signal);
    const windowFrames = tile.windowEnd - tile.windowStart;
    const audio = await read(tile.windowStart * hop, windowFrames * hop);
    const input = new Float32Array(2 * windowFrames * hop);
    input.set(audio.left);
    input.set(audio.right, windowFrames * hop);
    const mean = float32Output(
      await run({ audio: float32Tensor(input, [1, 2, windowFrames * hop]) }, signal),
      'mean',
    );
    if (mean.dims[2] !== windowFrames) {
      throw new StudioError(
        'INFERENCE_FAILED',
        'The VAE encoder returned the wrong number of frames.',
        {
          expected: windowFrames,
          actual: mean.dims[2],
        },
      );
    }
    // mean is [1, channels, windowFrames]; keep the core, transposed to frame-major.
    for (let f = tile.coreStart; f < tile.coreEnd; f += 1) {
      const local = f - tile.windowStart;
      for (let c = 0; c < channels; c += 1) {
        out[f * channels + c] = mean.data[c * windowFrames + local] ?? 0;
      }
    }
    onTile?.(index + 1, plan.length);
  }
  return out;
}

export type DecodedWriter = (
  left: Float32Array,
  right: Float32Array,
  startSample: number,
) => Promise<void>;

/** Decodes one item's latents [frames, channels] tile by tile into `write`, in order. */
export async function decodeLatents(
  run: RunGraph,
  latents: Float32Array,
  frames: number,
  shape: VaeShape,
  tiles: TileOptions,
  write: DecodedWriter,
  onTile?: TileProgress,
  signal?: AbortSignal,
): Promise<void> {
  const { channels, hop } = shape;
  const plan = planTiles(frames, tiles.chunkFrames, tiles.overlapFrames);
  // One output buffer for every tile (the writer copies each core before the next run).
  const longest = Math.max(...plan.map((tile) => tile.windowEnd - tile.windowStart));
  const outputBuffer = new Float32Array(2 * longest * hop);
  for (const [index, tile] of plan.entries()) {
    throwIfCancelled(signal);
    const windowFrames = tile.windowEnd - tile.windowStart;
    const input = new Float32Array(channels * windowFrames);
    for (let f = 0; f < windowFrames; f += 1) {
      const row = (tile.windowStart + f) * channels;
      for (let c = 0; c < channels; c += 1) {
        input[c * windowFrames + f] = latents[row + c] ?? 0;
      }
    }
    const samples = windowFrames * hop;
    const into = { audio: float32Tensor(outputBuffer.subarray(0, 2 * samples), [1, 2, samples]) };
    const audio = float32Output(
      await run({ latents: float32Tensor(input, [1, channels, windowFrames]) }, signal, into),
      'audio',
    );
    if (audio.dims[1] !== 2 || audio.dims[2] !== samples) {
      throw new StudioError('INFERENCE_FAILED', 'The VAE decoder returned the wrong length.', {
        expected: [1, 2, samples],
        actual: audio.dims,
      });
    }
    const front = (tile.coreStart - tile.windowStart) * hop;
    const count = (tile.coreEnd - tile.coreStart) * hop;
    const left = audio.data.subarray(front, front + count);
    const right = audio.data.subarray(samples + front, samples + front + count);
    assertFinite(left, 'decoded audio');
    assertFinite(right, 'decoded audio');
    await write(left, right, tile.coreStart * hop);
    onTile?.(index + 1, plan.length);
  }
}

/** Throws INFERENCE_FAILED when any value is NaN or infinite. */
export function assertFinite(values: Float32Array, what: string): void {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? 0;
    // value − value is 0 for every finite number and NaN for NaN and ±Infinity.
    if (value - value !== 0) {
      throw new StudioError(
        'INFERENCE_FAILED',
        `The model produced invalid numbers (NaN or Inf) in the ${what}.`,
        { what, index: i },
      );
    }
  }
}
