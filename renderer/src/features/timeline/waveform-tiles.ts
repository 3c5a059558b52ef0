/**
 * Waveforms are drawn in tiles anchored to the media (not the clip), so moving or trimming a
 * clip only moves tiles, and only tiles near the visible part of the lanes exist. Each tile
 * takes the slice of precomputed peaks that covers it, at the coarsest stored resolution that
 * still gives every pixel its own value.
 */

/** The peak resolutions the studio stores (samples per [min, max] window). */
export const PEAK_LEVELS = [256, 1024, 4096, 16_384] as const;

/** Pixels of one tile at the zoom it is drawn at. */
export const TILE_PX = 2048;

/**
 * The coarsest level whose values (two per window: min and max) are no wider than a pixel at
 * `samplesPerPx`; the finest one when zoomed in further than that.
 */
export function peakLevelFor(samplesPerPx: number): number {
  let chosen: number = PEAK_LEVELS[0];
  for (const level of PEAK_LEVELS) {
    if (level / 2 <= samplesPerPx) {
      chosen = level;
    }
  }
  return chosen;
}

export interface TileSpec {
  index: number;
  /** Source samples the tile covers, [from, to). */
  from: number;
  to: number;
}

export interface TileQuery {
  /** Where the clip's audio starts in its source, and how many samples it plays. */
  sourceOffset: number;
  clipSamples: number;
  /** Media length in samples (tiles stop there). */
  mediaSamples: number;
  /** The visible part of the clip, in clip samples from its start (may be empty). */
  visibleFrom: number;
  visibleTo: number;
  /** Samples per tile at the drawing zoom. */
  tileSamples: number;
}

/** The tiles that cover the visible part of the clip, with one tile of margin each side. */
export function tilesFor(query: TileQuery): TileSpec[] {
  const { sourceOffset, tileSamples } = query;
  const end = Math.min(query.mediaSamples, sourceOffset + query.clipSamples);
  const from = Math.max(sourceOffset, sourceOffset + query.visibleFrom);
  const to = Math.min(end, sourceOffset + query.visibleTo);
  if (to <= from || tileSamples <= 0) {
    return [];
  }
  const first = Math.max(0, Math.floor(from / tileSamples) - 1);
  const last = Math.min(Math.ceil(end / tileSamples) - 1, Math.floor((to - 1) / tileSamples) + 1);
  const tiles: TileSpec[] = [];
  for (let index = first; index <= last; index += 1) {
    const tileFrom = index * tileSamples;
    const tileTo = Math.min(query.mediaSamples, tileFrom + tileSamples);
    if (tileTo > sourceOffset && tileFrom < end) {
      tiles.push({ index, from: tileFrom, to: tileTo });
    }
  }
  return tiles;
}

/**
 * Samples per tile near TILE_PX pixels at `samplesPerPx`, a whole number of `level` windows,
 * so tiles start and end on window edges and their peaks fit them exactly.
 */
export function tileSamplesFor(samplesPerPx: number, level: number): number {
  return level * Math.max(1, Math.round((TILE_PX * samplesPerPx) / level));
}

/**
 * The peaks of one tile: per channel, the [min, max] pairs of the windows that cover source
 * samples [from, to) at `level` samples per window.
 */
export function slicePeaks(
  channels: readonly Float32Array[],
  level: number,
  from: number,
  to: number,
): Float32Array[] {
  const start = 2 * Math.floor(from / level);
  const stop = 2 * Math.ceil(to / level);
  return channels.map((channel) =>
    channel.subarray(Math.min(start, channel.length), Math.min(stop, channel.length)),
  );
}
