/**
 * Decodes each item's latents into its WAV file, tile by tile. For repaint with
 * `preserveSource`, samples outside the region are the source's own samples, cross-faded into
 * the decoded audio just inside the region's borders, so the untouched part is bit-exact.
 */
import { join } from 'node:path';

import { type PcmInput, readPcmWindow } from '../audio-io/pcm-file.ts';
import { MAX_WRITES_IN_FLIGHT, WavFloatWriter } from '../audio-io/wav-float-writer.ts';
import type { RunGraph } from '../runtime/host-tensor.ts';
import { decodeLatents, type TileOptions, type VaeShape } from '../stages/vae-codec.ts';
import type { GeneratedItem } from './generation-plan.ts';

export interface SpliceSpec {
  source: PcmInput;
  /** Where source sample 0 sits in the output. */
  offset: number;
  /** The generated span in output samples [start, end). */
  start: number;
  end: number;
  /** Cross-fade length in samples, inside the span. */
  crossfade: number;
}

export interface DecodeItemsInput {
  run: RunGraph;
  latents: Float32Array;
  seeds: readonly number[];
  frames: number;
  outputSamples: number;
  sampleRate: number;
  shape: VaeShape;
  tiles: TileOptions;
  outputDir: string;
  splice: SpliceSpec | null;
  onTile: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Weight of the decoded audio at output sample s (1 inside, 0 outside, linear ramps inside). */
function decodedWeight(s: number, splice: SpliceSpec): number {
  if (s < splice.start || s >= splice.end) {
    return 0;
  }
  const edge = Math.min(s - splice.start, splice.end - 1 - s);
  return edge < splice.crossfade ? (edge + 1) / (splice.crossfade + 1) : 1;
}

async function spliceInto(
  left: Float32Array,
  right: Float32Array,
  at: number,
  splice: SpliceSpec,
): Promise<void> {
  const count = left.length;
  if (at >= splice.start + splice.crossfade && at + count <= splice.end - splice.crossfade) {
    return; // Entirely generated.
  }
  const source = await readPcmWindow(splice.source, at - splice.offset, count);
  for (let i = 0; i < count; i += 1) {
    const w = decodedWeight(at + i, splice);
    if (w < 1) {
      left[i] = w * (left[i] ?? 0) + (1 - w) * (source.left[i] ?? 0);
      right[i] = w * (right[i] ?? 0) + (1 - w) * (source.right[i] ?? 0);
    }
  }
}

export async function decodeItems(input: DecodeItemsInput): Promise<GeneratedItem[]> {
  const { frames, shape } = input;
  const perItem = frames * shape.channels;
  const items: GeneratedItem[] = [];
  let tilesDone = 0;
  for (const [index, seed] of input.seeds.entries()) {
    const path = join(input.outputDir, `item-${index}.wav`);
    // With a splice, only the generated span may be rescaled against clipping.
    const span =
      input.splice === null ? null : { start: input.splice.start, end: input.splice.end };
    const writer = await WavFloatWriter.create(path, input.outputSamples, input.sampleRate, span);
    // File writes run while the next tiles decode (a few in flight, oldest awaited first).
    const writing: Promise<void>[] = [];
    try {
      await decodeLatents(
        input.run,
        input.latents.subarray(index * perItem, (index + 1) * perItem),
        frames,
        shape,
        input.tiles,
        async (left, right, at) => {
          // The decoded tile is a view into ORT's output; splice into copies.
          const l = input.splice === null ? left : left.slice();
          const r = input.splice === null ? right : right.slice();
          if (input.splice !== null) {
            await spliceInto(l, r, at, input.splice);
          }
          while (writing.length >= MAX_WRITES_IN_FLIGHT) {
            await writing.shift();
          }
          writing.push(writer.write(l, r));
        },
        (_done, total) => {
          tilesDone += 1;
          input.onTile(tilesDone, total * input.seeds.length);
        },
        input.signal,
      );
      await Promise.all(writing);
      const written = await writer.finish();
      items.push({
        index,
        seed,
        path,
        samples: written.samples,
        sampleRate: input.sampleRate,
        peak: written.peak,
        normalized: written.normalized,
      });
    } catch (error) {
      await Promise.allSettled(writing);
      await writer.abort();
      throw error;
    }
  }
  return items;
}
