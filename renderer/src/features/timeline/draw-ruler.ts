/** Paints one ruler tile: bars and beats above, clock time below (overlays are DOM). */
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { musicalMarks, timeMarks } from './ruler-marks.ts';
import { type Viewport, visibleTicks } from './viewport.ts';

export interface RulerColors {
  background: string;
  line: string;
  strong: string;
  text: string;
  dim: string;
}

export interface RulerPicture {
  viewport: Viewport;
  signature: TimeSignature;
  /** The tile's left edge in lane pixels, and its size. */
  scrollLeft: number;
  width: number;
  height: number;
}

export function readRulerColors(element: Element): RulerColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--bg-1', '#15181d'),
    line: read('--line-strong', '#3a414e'),
    strong: read('--text-2', '#8a92a0'),
    text: read('--text-1', '#b7bdc8'),
    dim: read('--text-2', '#8a92a0'),
  };
}

export function drawRuler(
  ctx: CanvasRenderingContext2D,
  picture: RulerPicture,
  colors: RulerColors,
) {
  const { viewport, scrollLeft, width, height } = picture;
  const half = Math.round(height / 2);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);

  const range = visibleTicks(scrollLeft - 40, width + 80, viewport);
  ctx.font = '11px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'top';
  for (const mark of musicalMarks(range, viewport, picture.signature)) {
    const x = Math.round(mark.x - scrollLeft) + 0.5;
    const top = mark.kind === 'bar' ? 0 : mark.kind === 'beat' ? half * 0.45 : half * 0.7;
    ctx.strokeStyle = mark.kind === 'bar' ? colors.strong : colors.line;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, half);
    ctx.stroke();
    if (mark.label !== null) {
      ctx.fillStyle = mark.kind === 'bar' ? colors.text : colors.dim;
      ctx.fillText(mark.label, x + 3, 3);
    }
  }

  ctx.strokeStyle = colors.line;
  ctx.beginPath();
  ctx.moveTo(0, half + 0.5);
  ctx.lineTo(width, half + 0.5);
  ctx.stroke();
  const fromSeconds = Math.max(0, (scrollLeft - 40) / viewport.pxPerSecond);
  const toSeconds = (scrollLeft + width) / viewport.pxPerSecond;
  ctx.fillStyle = colors.dim;
  for (const mark of timeMarks({ fromSeconds, toSeconds }, viewport.pxPerSecond)) {
    const x = Math.round(mark.x - scrollLeft) + 0.5;
    ctx.strokeStyle = colors.line;
    ctx.beginPath();
    ctx.moveTo(x, height - 5);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.fillText(mark.label, x + 3, half + 4);
  }
}
