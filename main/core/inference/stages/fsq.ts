/**
 * The FSQ audio tokenizer and detokenizer stages (spec §2.5): 25 Hz latents to 5 Hz codes and
 * back. The tokenizer needs whole groups of `poolWindow` frames; the host pads with the
 * silence latent's rows at the same positions.
 */
import { StudioError } from '../../../../app/errors.ts';
import {
  float32Output,
  float32Tensor,
  int64Output,
  int64Tensor,
  type RunGraph,
} from '../runtime/host-tensor.ts';

export interface LatentShape {
  frames: number;
  channels: number;
}

/** Codes of `latents` [frames, channels]; padded to a multiple of `poolWindow` with silence. */
export async function tokenizeLatents(
  run: RunGraph,
  latents: Float32Array,
  shape: LatentShape,
  silence: Float32Array,
  poolWindow: number,
  signal?: AbortSignal,
): Promise<BigInt64Array> {
  const { frames, channels } = shape;
  const padded = Math.ceil(frames / poolWindow) * poolWindow;
  const input = new Float32Array(padded * channels);
  input.set(latents.subarray(0, frames * channels));
  input.set(silence.subarray(frames * channels, padded * channels), frames * channels);
  const codes = int64Output(
    await run({ latents: float32Tensor(input, [1, padded, channels]) }, signal),
    'indices',
  );
  if (codes.data.length !== padded / poolWindow) {
    throw new StudioError(
      'INFERENCE_FAILED',
      'The audio tokenizer returned the wrong number of codes.',
      {
        expected: padded / poolWindow,
        actual: codes.data.length,
      },
    );
  }
  return codes.data;
}

/** Latents [frames, channels] of `codes` (poolWindow frames each), cut to `frames`. */
export async function detokenizeCodes(
  run: RunGraph,
  codes: BigInt64Array,
  shape: LatentShape,
  poolWindow: number,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const out = float32Output(
    await run({ indices: int64Tensor(codes, [1, codes.length]) }, signal),
    'latents',
  );
  const expected = codes.length * poolWindow * shape.channels;
  if (out.data.length !== expected || shape.frames > codes.length * poolWindow) {
    throw new StudioError('INFERENCE_FAILED', 'The audio detokenizer returned the wrong length.', {
      expected,
      actual: out.data.length,
    });
  }
  return out.data.slice(0, shape.frames * shape.channels);
}
