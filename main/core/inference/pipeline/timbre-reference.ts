/**
 * The timbre reference's 30 s of audio (spec §3.3): the reference tiled by repetition to at
 * least 30 s, then one 10 s segment from each third, concatenated. The reference cuts the
 * segments at random positions (not reproducible); we take each third's centre, so the same
 * request gives the same result. A silent reference (all |x| < 1e-6) counts as none.
 */
import { type PcmInput, readPcmWindow, type StereoWindow } from '../audio-io/pcm-file.ts';

const SILENT = 1e-6;

/** The 3 × 10 s timbre audio of `reference`, or null when it is silent. `total` = 30 s in samples. */
export async function timbreAudio(
  reference: PcmInput,
  total: number,
): Promise<StereoWindow | null> {
  const length = reference.samples;
  if (length === 0) {
    return null;
  }
  const segment = Math.floor(total / 3);
  const tiled = Math.ceil(total / length) * length;
  const third = tiled / 3;
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  let loud = false;
  for (let k = 0; k < 3; k += 1) {
    const start = Math.floor(k * third + (third - segment) / 2);
    const count = k === 2 ? total - 2 * segment : segment;
    let written = 0;
    while (written < count) {
      const position = (start + written) % length;
      const run = Math.min(count - written, length - position);
      const window = await readPcmWindow(reference, position, run);
      left.set(window.left, k * segment + written);
      right.set(window.right, k * segment + written);
      loud ||=
        window.left.some((v) => Math.abs(v) >= SILENT) ||
        window.right.some((v) => Math.abs(v) >= SILENT);
      written += run;
    }
  }
  return loud ? { left, right } : null;
}
