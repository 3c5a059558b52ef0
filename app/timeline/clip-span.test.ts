import { describe, expect, it } from 'vitest';

import { alignedSourceOffset, clipSampleLength, clipSpan } from './clip-span.ts';
import { bpm, PPQN, sampleRate, samples, ticks } from './units.ts';

const RATE = sampleRate(48_000);

describe('clipSpan', () => {
  it('places a clip by rounding each edge on its own', () => {
    // At 97 bpm one tick is 60·48000/(960·97) = 30.93 samples.
    const clip = { start: ticks(1), length: ticks(1), sourceOffset: samples(5) };
    expect(clipSpan(clip, bpm(97), RATE)).toEqual({ start: 31, end: 62, sourceStart: 5 });
    expect(clipSampleLength(clip, bpm(97), RATE)).toBe(31);
  });

  it('makes clips that touch in ticks touch in samples', () => {
    for (const tempo of [97, 123.4, 200]) {
      let end = 0;
      for (let start = 0; start < 50 * PPQN; start += 777) {
        const span = clipSpan(
          { start: ticks(start), length: ticks(777), sourceOffset: samples(0) },
          bpm(tempo),
          RATE,
        );
        if (start > 0) {
          expect(span.start).toBe(end);
        }
        end = span.end;
      }
    }
  });

  it('moves the source offset with the left edge', () => {
    const clip = { start: ticks(PPQN), length: ticks(PPQN), sourceOffset: samples(100) };
    expect(alignedSourceOffset(clip, ticks(2 * PPQN), bpm(120), RATE)).toBe(24_100);
    expect(alignedSourceOffset(clip, ticks(PPQN - 4), bpm(120), RATE)).toBe(0);
  });
});
