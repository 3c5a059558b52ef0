import { describe, expect, it } from 'vitest';

import type { MediaHash } from '../../../app/model/ids.ts';
import { wavBytes } from '../../../tests/helpers/audio-fixtures.ts';
import {
  CHUNK_FRAMES,
  deinterleave,
  mediaChunks,
  parseStudioWav,
  type RangeFetch,
} from './media-chunks.ts';

const HASH = 'e'.repeat(64) as MediaHash;

/** A studio-format file (48 kHz stereo float32) whose samples say where they are. */
function studioFile(frames: number): Uint8Array {
  const left = Float64Array.from({ length: frames }, (_, i) => (i % 1000) / 1000);
  const right = Float64Array.from({ length: frames }, (_, i) => -((i % 777) / 1000));
  return new Uint8Array(
    wavBytes({ kind: 'float', bits: 32, rate: 48_000, channels: [left, right] }),
  );
}

/** Byte ranges served from memory, counting the reads. */
function served(file: Uint8Array): { read: RangeFetch; reads: [number, number][] } {
  const reads: [number, number][] = [];
  return {
    reads,
    read: (_url, from, to) => {
      reads.push([from, to]);
      const bytes = file.slice(from, Math.min(to, file.length));
      return Promise.resolve({ bytes: bytes.buffer, total: file.length });
    },
  };
}

describe('media chunks', () => {
  it('finds the samples of a studio WAV and refuses anything else', () => {
    const file = studioFile(10);
    const layout = parseStudioWav(new DataView(file.buffer), file.length);
    expect(layout.frames).toBe(10);
    expect(file.length - layout.dataOffset).toBe(80);
    const pcm16 = new Uint8Array(
      wavBytes({
        kind: 'int',
        bits: 16,
        rate: 48_000,
        channels: [new Float64Array(4), new Float64Array(4)],
      }),
    );
    expect(() => parseStudioWav(new DataView(pcm16.buffer), pcm16.length)).toThrow(/studio format/);
    expect(() => parseStudioWav(new DataView(new ArrayBuffer(64)), 64)).toThrow(/not a WAV/);
  });

  it('splits interleaved stereo floats into channels', () => {
    const bytes = new Float32Array([0.5, -0.5, 0.25, -0.25]).buffer;
    const [left, right] = deinterleave(bytes);
    expect([...left]).toEqual([0.5, 0.25]);
    expect([...right]).toEqual([-0.5, -0.25]);
  });

  it('reads exactly the frames of each chunk, the last one short, with one read each', async () => {
    const frames = CHUNK_FRAMES * 2 + 1000;
    const file = studioFile(frames);
    const { read, reads } = served(file);
    const chunks = mediaChunks(() => 'x', read);
    const [left, right] = await chunks.chunk(HASH, 1);
    expect(left.length).toBe(CHUNK_FRAMES);
    // Frame CHUNK_FRAMES + 5 of the file: its left sample is ((2^18 + 5) mod 1000) / 1000.
    expect(left[5]).toBeCloseTo(((CHUNK_FRAMES + 5) % 1000) / 1000, 6);
    expect(right[5]).toBeCloseTo(-(((CHUNK_FRAMES + 5) % 777) / 1000), 6);
    const [tail] = await chunks.chunk(HASH, 2);
    expect(tail.length).toBe(1000);
    expect((await chunks.chunk(HASH, 3))[0].length).toBe(0);
    const before = reads.length;
    await chunks.chunk(HASH, 1);
    expect(reads.length).toBe(before);
  });

  it('keeps only the most recently used chunks', async () => {
    const { read, reads } = served(studioFile(CHUNK_FRAMES * 3));
    const chunks = mediaChunks(() => 'x', read, 2);
    await chunks.chunk(HASH, 0);
    await chunks.chunk(HASH, 1);
    await chunks.chunk(HASH, 2);
    const before = reads.length;
    await chunks.chunk(HASH, 2);
    expect(reads.length).toBe(before);
    await chunks.chunk(HASH, 0);
    expect(reads.length).toBe(before + 1);
  });
});
