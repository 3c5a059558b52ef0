import { describe, expect, it } from 'vitest';

import { planTiles } from './tiles.ts';

describe('planTiles', () => {
  it('uses one tile when everything fits', () => {
    expect(planTiles(300, 512, 64)).toEqual([
      { coreStart: 0, coreEnd: 300, windowStart: 0, windowEnd: 300 },
    ]);
  });

  it('partitions the frames into cores with clipped context windows', () => {
    const tiles = planTiles(15000, 512, 64);
    expect(tiles).toHaveLength(Math.ceil(15000 / 384));
    let next = 0;
    for (const tile of tiles) {
      expect(tile.coreStart).toBe(next);
      next = tile.coreEnd;
      expect(tile.windowStart).toBe(Math.max(0, tile.coreStart - 64));
      expect(tile.windowEnd).toBe(Math.min(15000, tile.coreEnd + 64));
      expect(tile.windowEnd - tile.windowStart).toBeLessThanOrEqual(512);
    }
    expect(next).toBe(15000);
  });

  it('halves the overlap until the stride is positive', () => {
    const tiles = planTiles(100, 16, 8);
    expect(tiles[0]).toEqual({ coreStart: 0, coreEnd: 8, windowStart: 0, windowEnd: 12 });
    expect(() => planTiles(0, 16, 4)).toThrow(RangeError);
  });
});
