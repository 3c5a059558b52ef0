/**
 * One waveform tile: a wavesurfer.js instance draws a slice of precomputed peaks into a box of
 * the width it was drawn for, kept as an image. While zooming it is stretched (a transform)
 * until the tile is drawn again at the new zoom. Created and destroyed with the component.
 */
import { memo, useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';

import { scheduleTile } from './tile-scheduler.ts';
import { drawEnvelope } from './waveform-draw.ts';

/**
 * Once wavesurfer has drawn the tile, its canvas is kept as an image and wavesurfer let go.
 * Every canvas on the page is a compositor layer of its own that Chromium copies on each
 * frame it commits (in software compositing: a bitmap copy per canvas per frame, ~4 ms a
 * frame for 30 tiles) and that splits what paints over it (clip handles, fades) into further
 * layers; an image is painted into its lane like any other content and rastered once.
 */
function keepAsImage(
  wave: WaveSurfer,
  element: HTMLElement,
  height: number,
): { cancel: () => void } {
  let cancelled = false;
  let destroyed = false;
  let url: string | null = null;
  wave.once('redrawcomplete', () => {
    const canvases = wave.getWrapper().querySelectorAll('canvas');
    const canvas = canvases[0];
    // One canvas (and its progress copy) per tile at TILE_PX; anything else stays as drawn.
    if (canvas === undefined || canvases.length > 2 || typeof URL.createObjectURL !== 'function') {
      return;
    }
    canvas.toBlob((blob) => {
      if (cancelled || blob === null) {
        return;
      }
      url = URL.createObjectURL(blob);
      const image = new Image(canvas.width, canvas.height);
      image.className = 'wave-tile-image';
      image.style.height = `${height}px`;
      image.alt = '';
      image.src = url;
      image
        .decode()
        .then(() => {
          if (!cancelled) {
            element.replaceChildren(image);
            destroyed = true;
            wave.destroy();
          }
        })
        .catch(() => undefined); // the drawn canvas stays
    });
  });
  return {
    /** Undoes the tile: wavesurfer if it is still there, the image's blob otherwise. */
    cancel: () => {
      cancelled = true;
      if (!destroyed) {
        wave.destroy();
      }
      if (url !== null) {
        URL.revokeObjectURL(url);
      }
    },
  };
}

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
      const keep = keepAsImage(wave, element, height);
      return keep.cancel;
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
