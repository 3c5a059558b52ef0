import { describe, expect, it } from 'vitest';

import { peakLevelFor, slicePeaks, TILE_PX, tileSamplesFor, tilesFor } from './waveform-tiles.ts';

describe('waveform tiles', () => {
  it('picks the coarsest peaks that still give each pixel its own value', () => {
    // 48 kHz at 40 px/s: 1200 samples per pixel; 1024-sample windows give 2 values per 1024.
    expect(peakLevelFor(1200)).toBe(1024);
    expect(peakLevelFor(48_000 / 4000)).toBe(256);
    expect(peakLevelFor(48_000 / 0.5)).toBe(16_384);
    expect(peakLevelFor(2048)).toBe(4096);
  });

  it('covers only the visible part of a clip, plus one tile each side', () => {
    // A clip playing source samples 10 000..510 000; 100 000-sample tiles; the middle visible.
    const tiles = tilesFor({
      sourceOffset: 10_000,
      clipSamples: 500_000,
      mediaSamples: 1_000_000,
      visibleFrom: 240_000,
      visibleTo: 260_000,
      tileSamples: 100_000,
    });
    expect(tiles.map((tile) => tile.index)).toEqual([1, 2, 3]);
    expect(tiles[0]).toEqual({ index: 1, from: 100_000, to: 200_000 });
  });

  it('anchors tiles to the media, so trimming the clip keeps them', () => {
    const base = {
      clipSamples: 300_000,
      mediaSamples: 400_000,
      visibleFrom: 0,
      visibleTo: 1e9,
      tileSamples: 100_000,
    };
    const before = tilesFor({ ...base, sourceOffset: 0 });
    const trimmed = tilesFor({ ...base, sourceOffset: 50_000, clipSamples: 250_000 });
    expect(before.map((tile) => tile.from)).toEqual([0, 100_000, 200_000]);
    expect(trimmed.map((tile) => tile.from)).toEqual([0, 100_000, 200_000]);
    // Tiles end with the media, and nothing is drawn for a clip scrolled out of view.
    expect(tilesFor({ ...base, sourceOffset: 0, clipSamples: 400_000 }).at(-1)).toEqual({
      index: 3,
      from: 300_000,
      to: 400_000,
    });
    expect(
      tilesFor({ ...base, sourceOffset: 0, visibleFrom: 500_000, visibleTo: 600_000 }),
    ).toEqual([]);
  });

  it('slices the [min, max] pairs of the windows that cover a source range', () => {
    const channel = Float32Array.from({ length: 40 }, (_, i) => i);
    // 256-sample windows: samples 512..1024 are window 2 and 3, values 4..7.
    expect([...slicePeaks([channel], 256, 512, 1024)[0]!]).toEqual([4, 5, 6, 7]);
    // A range inside window 1 still gets that whole window.
    expect([...slicePeaks([channel], 256, 300, 400)[0]!]).toEqual([2, 3]);
    // Past the end of the peaks (20 windows = 5120 samples) there is nothing.
    expect([...slicePeaks([channel], 256, 5000, 6000)[0]!]).toEqual([38, 39]);
    expect([...slicePeaks([channel], 256, 6000, 7000)[0]!]).toEqual([]);
  });

  it('makes tiles a whole number of windows near TILE_PX pixels wide', () => {
    // 1200 samples per pixel with 1024-sample windows: TILE_PX · 1200 is a whole 1024ths.
    expect(tileSamplesFor(1200, 1024)).toBe(TILE_PX * 1200);
    expect(tileSamplesFor(1200, 1024) % 1024).toBe(0);
    expect(tileSamplesFor(12, 256) % 256).toBe(0);
    expect(tileSamplesFor(0.01, 256)).toBe(256);
  });
});
