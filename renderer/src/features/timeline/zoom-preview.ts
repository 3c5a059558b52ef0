/**
 * Ctrl/⌘+wheel zoom is shown first as a preview: the lanes, the ruler and the playhead are
 * stretched around the pointer by the compositor (the CSS `scale` property), with no React
 * render, layout or repaint per wheel step. The zoom itself is applied once, when the wheel
 * pauses (see useViewportControl), and the preview is cleared in the same frame the new
 * widths are laid out.
 */

/** What a preview stretches: everything drawn along the lanes' time axis. */
const STRETCHED = '.lane, .timeline-ruler, .playhead';

export interface ZoomPreview {
  /** Stretches by `factor` around `originPx` (lane pixels from the lanes' left edge). */
  show: (factor: number, originPx: number) => void;
  clear: () => void;
}

export function zoomPreview(scroller: HTMLElement): ZoomPreview {
  let shown: HTMLElement[] = [];
  return {
    show: (factor, originPx) => {
      if (shown.length === 0) {
        shown = [...scroller.querySelectorAll<HTMLElement>(STRETCHED)];
        for (const element of shown) {
          // Its own layer while stretched: rastered once, then scaled without repainting.
          element.style.willChange = 'scale';
        }
      }
      for (const element of shown) {
        element.style.transformOrigin = `${originPx}px 0`;
        element.style.scale = `${factor} 1`;
      }
    },
    clear: () => {
      for (const element of shown) {
        element.style.transformOrigin = '';
        element.style.scale = '';
        element.style.willChange = '';
      }
      shown = [];
    },
  };
}
