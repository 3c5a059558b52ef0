import { describe, expect, it } from 'vitest';

import { bpm, PPQN, sampleRate, samples, seconds, ticks } from '../../../../app/timeline/units.ts';
import {
  clampZoom,
  contentSeconds,
  fitZoom,
  MAX_CONTENT_PX,
  pxPerTick,
  pxToTicks,
  ticksToPx,
  zoomAround,
  zoomLimits,
} from './viewport.ts';

const at120 = { pxPerSecond: 100, tempo: bpm(120) };

describe('timeline viewport', () => {
  it('maps ticks to pixels through seconds', () => {
    // At 120 bpm a quarter note is 0.5 s: 50 px at 100 px/s.
    expect(ticksToPx(ticks(PPQN), at120)).toBe(50);
    expect(pxToTicks(50, at120)).toBe(PPQN);
    expect(pxPerTick(at120)).toBeCloseTo(50 / PPQN, 12);
    expect(ticksToPx(ticks(PPQN), { pxPerSecond: 100, tempo: bpm(60) })).toBe(100);
  });

  it('keeps the time under the pointer in place when zooming', () => {
    const before = { pxPerSecond: 100, scrollLeft: 1000 };
    const after = zoomAround(before, 200, 300);
    // 13 s sat 300 px into the view before, and still does.
    expect((after.scrollLeft + 300) / after.pxPerSecond).toBeCloseTo(13, 9);
    expect(zoomAround(before, 10, 0).scrollLeft).toBe(100);
    expect(zoomAround({ pxPerSecond: 100, scrollLeft: 0 }, 50, 200).scrollLeft).toBe(0);
  });

  it('limits zoom so the lanes never grow past what the browser can lay out', () => {
    expect(zoomLimits(seconds(600)).max * 600).toBeLessThanOrEqual(MAX_CONTENT_PX);
    expect(clampZoom(1e9, seconds(60))).toBe(4000);
    expect(clampZoom(0.0001, seconds(60))).toBe(0.5);
  });

  it('fits content to a width and sizes the lanes after the last clip', () => {
    expect(fitZoom(seconds(100), 1000) * 100).toBeLessThan(1000);
    expect(fitZoom(seconds(100), 1000) * 100).toBeGreaterThan(900);
    expect(contentSeconds([], bpm(120), sampleRate(48_000))).toBe(60);
    // A clip ending at 200 s: 200 · 1.1 + 8 = 228 s of lanes.
    const clip = { start: ticks(0), length: ticks(400 * PPQN), sourceOffset: samples(0) };
    expect(contentSeconds([clip], bpm(120), sampleRate(48_000))).toBeCloseTo(228, 9);
  });
});
