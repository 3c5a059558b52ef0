/**
 * One waveform tile: a wavesurfer.js instance drawing a slice of precomputed peaks into a box
 * of the width it was drawn for. While zooming it is stretched (a transform) until the tile
 * is drawn again at the new zoom. Created and destroyed with the component.
 */
import { memo, useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';

import { scheduleTile } from './tile-scheduler.ts';
import { drawEnvelope } from './waveform-draw.ts';

export const WaveTile = memo(function WaveTile(props: {
  peaks: readonly Float32Array[];
  /** Seconds the tile covers (wavesurfer needs a duration with precomputed peaks). */
  seconds: number;
  /** The width the tile is drawn at, and its left edge, in pixels at the drawing zoom. */
  renderWidth: number;
  left: number;
  height: number;
  color: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { peaks, seconds, renderWidth, height, color } = props;
  useEffect(() => {
    const element = container.current;
    if (element === null || renderWidth < 1 || height < 4) {
      return;
    }
    return scheduleTile(() => {
      const wave = WaveSurfer.create({
        container: element,
        peaks: [...peaks],
        duration: Math.max(seconds, 1e-3),
        height,
        waveColor: color,
        progressColor: color,
        cursorWidth: 0,
        renderFunction: drawEnvelope,
        interact: false,
        fillParent: true,
        normalize: false,
        hideScrollbar: true,
        autoScroll: false,
      });
      return () => {
        wave.destroy();
      };
    });
  }, [peaks, seconds, renderWidth, height, color]);
  // Whole pixels that overlap their neighbours by at most one, so no seam shows between tiles.
  const left = Math.floor(props.left);
  const width = Math.max(1, Math.ceil(props.left + renderWidth) - left);
  return (
    <div className="wave-tile" aria-hidden="true" style={{ left, width, height }}>
      <div
        ref={container}
        className="wave-tile-canvas"
        style={{
          width: renderWidth,
          transform: `scaleX(${width / Math.max(1, renderWidth)})`,
        }}
      />
    </div>
  );
});
