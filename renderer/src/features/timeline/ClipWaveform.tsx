/**
 * A clip's waveform: the tiles (waveform-tiles.ts) that cover what is visible of it, drawn from
 * the media's precomputed peaks. Tiles follow the scroll position without re-rendering the
 * clip; they are drawn again only when their set or the settled zoom changes.
 */
import { memo, useMemo } from 'react';

import { clipSpan } from '../../../../app/audio/mix-laws.ts';
import type { Clip } from '../../../../app/model/project.ts';
import type { Bpm } from '../../../../app/timeline/units.ts';
import { useStoreValue, useTimeline, useTimelineValue } from './timeline-store.ts';
import { usePeaks } from './use-peaks.ts';
import { peakLevelFor, slicePeaks, tileSamplesFor, tilesFor } from './waveform-tiles.ts';
import { WaveTile } from './WaveTile.tsx';

const RATE = 48_000;

/** The track colour lifted towards white, for waveforms on the clip's tinted background. */
export function waveColorFor(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const mix = (channel: number) => Math.round(channel + (255 - channel) * 0.45);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map(mix);
  return `rgb(${r} ${g} ${b} / 85%)`;
}

function sliceOnce(cache: Map<number, Float32Array[]>, index: number, make: () => Float32Array[]) {
  let slice = cache.get(index);
  if (slice === undefined) {
    slice = make();
    cache.set(index, slice);
  }
  return slice;
}

export const ClipWaveform = memo(function ClipWaveform(props: {
  clip: Clip;
  tempo: Bpm;
  /** The clip's left edge in lane pixels at the current zoom. */
  clipLeft: number;
  pxPerSecond: number;
  mediaFrames: number;
  height: number;
  color: string;
  /** The lane's top in content pixels (for vertical culling). */
  rowTop: number;
  rowHeight: number;
}) {
  const timeline = useTimeline();
  const renderPxPerSecond = useTimelineValue((s) => s.renderPxPerSecond);
  const renderScroll = useTimelineValue((s) => s.renderScroll);
  const level = peakLevelFor(RATE / renderPxPerSecond);
  const peaks = usePeaks(props.clip.mediaHash, level);
  // Slices are kept per tile, so a tile's wavesurfer is created once per zoom and data.
  const slices = useMemo(
    () => ({ data: peaks.data, zoom: renderPxPerSecond, tiles: new Map<number, Float32Array[]>() }),
    [peaks.data, renderPxPerSecond],
  );
  const span = clipSpan(props.clip, props.tempo);
  const { pxPerSecond, clipLeft } = props;
  // While zooming, tiles stay what was visible when they were drawn (they stretch); they are
  // worked out again from the live scroll position once the zoom settles.
  const zooming = pxPerSecond !== renderPxPerSecond;
  // Which part of the clip is on screen, as a key: the tiles change only when it does.
  const visible = useStoreValue(timeline.scroll, (s) => {
    // Rows a screen above or below are drawn too, so vertical scrolling finds them ready.
    const rowVisible =
      props.rowTop < s.scrollTop + 2 * s.height &&
      props.rowTop + props.rowHeight > s.scrollTop - s.height;
    if (!rowVisible) {
      return '';
    }
    const tileSeconds = tileSamplesFor(RATE / renderPxPerSecond, level) / RATE;
    const view = zooming ? renderScroll : s;
    const zoom = zooming ? renderPxPerSecond : pxPerSecond;
    const left = zooming ? (clipLeft / pxPerSecond) * renderPxPerSecond : clipLeft;
    const from = Math.max(0, (view.scrollLeft - left) / zoom);
    const to = (view.scrollLeft + view.lanesWidth - left) / zoom;
    if (to <= 0 || from * RATE >= span.length) {
      return '';
    }
    return `${Math.floor(from / tileSeconds)}:${Math.floor(to / tileSeconds)}`;
  });
  if (peaks.data === undefined || visible === '') {
    return null;
  }
  const [first, last] = visible.split(':').map(Number) as [number, number];
  const tileSamples = tileSamplesFor(RATE / renderPxPerSecond, level);
  const tiles = tilesFor({
    sourceOffset: span.sourceOffset,
    clipSamples: span.length,
    mediaSamples: Math.min(props.mediaFrames, peaks.data.frames),
    visibleFrom: first * tileSamples,
    visibleTo: (last + 1) * tileSamples,
    tileSamples,
  });
  const data = peaks.data;
  // Tiles sit at the zoom they were drawn at; while zooming, one transform stretches them all.
  const stretch = pxPerSecond / renderPxPerSecond;
  return (
    <div
      className="clip-wave"
      style={stretch === 1 ? undefined : { transform: `scaleX(${stretch})` }}
    >
      {tiles.map((tile) => {
        const samplesIn = tile.to - tile.from;
        return (
          <WaveTile
            key={`${level}-${renderPxPerSecond}-${tile.index}`}
            peaks={sliceOnce(slices.tiles, tile.index, () =>
              slicePeaks(data.channels, data.samplesPerPeak, tile.from, tile.to),
            )}
            seconds={samplesIn / RATE}
            renderWidth={Math.max(1, Math.round((samplesIn / RATE) * renderPxPerSecond))}
            left={((tile.from - span.sourceOffset) / RATE) * renderPxPerSecond}
            height={props.height}
            color={props.color}
          />
        );
      })}
    </div>
  );
});
