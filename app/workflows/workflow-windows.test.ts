import { describe, expect, it } from 'vitest';

import { timelineSample } from '../audio/mix-laws.ts';
import type { Clip } from '../model/project.ts';
import { type Bpm, type Samples, type Ticks, ticks } from '../timeline/units.ts';
import { layerWindow, mediaSpanUnder, ticksFor } from './workflow-windows.ts';

const at120 = 120 as Bpm;
const t = (value: number) => value as Ticks;

describe('workflow windows', () => {
  it('pads a window the range fills by 1 s each side, never before 0', () => {
    // 120 bpm: 1920 ticks a second, 25 samples a tick.
    const full = layerWindow({ start: t(3840), end: t(7680) }, at120);
    expect(full).toEqual({
      region: { start: 96_000, end: 192_000 },
      window: { start: 48_000, end: 240_000 },
      padded: true,
    });
    expect(layerWindow({ start: t(960), end: t(7680) }, at120).window.start).toBe(0);
    // A range well inside a given window keeps the window as it is.
    const inside = layerWindow({ start: t(3840), end: t(5760) }, at120, {
      start: t(0),
      end: t(9600),
    });
    expect(inside).toMatchObject({ window: { start: 0, end: 240_000 }, padded: false });
  });

  it('maps a timeline span to the media under a trimmed clip, clamped to the clip', () => {
    const clip = { start: t(1920), length: t(3840), sourceOffset: 10_000 as Samples } as Clip;
    // The clip plays media 10000.. from timeline sample 48000, for 96000 samples.
    expect(mediaSpanUnder(clip, { start: 60_000, end: 70_000 }, at120)).toEqual({
      start: 22_000,
      end: 32_000,
    });
    expect(mediaSpanUnder(clip, { start: 0, end: 50_000 }, at120)).toEqual({
      start: 10_000,
      end: 12_000,
    });
    expect(mediaSpanUnder(clip, { start: 200_000, end: 210_000 }, at120)).toBeNull();
  });

  it('finds the longest clip length that stays within the media, at any tempo', () => {
    for (const tempo of [120, 97.3, 61] as Bpm[]) {
      for (const start of [0, 17, 961]) {
        for (const frames of [48_000, 100_001, 4_321]) {
          const length = ticksFor(ticks(start), frames, tempo);
          const span = (n: number) =>
            timelineSample(ticks(start + n), tempo) - timelineSample(ticks(start), tempo);
          expect(span(length)).toBeLessThanOrEqual(frames);
          expect(span(length + 1)).toBeGreaterThan(frames);
        }
      }
    }
  });
});
