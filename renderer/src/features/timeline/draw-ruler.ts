/** Paints the ruler canvas: bars and beats above, clock time below, selection and cursor. */
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { musicalMarks, timeMarks } from './ruler-marks.ts';
import { ticksToPx, type Viewport, visibleTicks } from './viewport.ts';

export interface RulerColors {
  background: string;
  line: string;
  strong: string;
  text: string;
  dim: string;
  selection: string;
  loop: string;
  cursor: string;
}

export interface RulerPicture {
  viewport: Viewport;
  signature: TimeSignature;
  scrollLeft: number;
  width: number;
  height: number;
  selection: { start: Ticks; end: Ticks } | null;
  loop: boolean;
  cursor: Ticks;
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
    selection: read('--selection-fill', 'rgb(74 163 223 / 22%)'),
    loop: read('--accent', '#4aa3df'),
    cursor: read('--cursor', '#e9ecf1'),
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

  if (picture.selection !== null) {
    const x0 = ticksToPx(picture.selection.start, viewport) - scrollLeft;
    const x1 = ticksToPx(picture.selection.end, viewport) - scrollLeft;
    ctx.fillStyle = colors.selection;
    ctx.fillRect(x0, 0, x1 - x0, height);
    if (picture.loop) {
      ctx.fillStyle = colors.loop;
      ctx.fillRect(x0, 0, x1 - x0, 3);
    }
  }

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

  const cursorX =
    ticksToSeconds(picture.cursor, viewport.tempo) * viewport.pxPerSecond - scrollLeft;
  if (cursorX >= -6 && cursorX <= width + 6) {
    ctx.fillStyle = colors.cursor;
    ctx.beginPath();
    ctx.moveTo(cursorX - 5, height - 8);
    ctx.lineTo(cursorX + 5, height - 8);
    ctx.lineTo(cursorX, height - 1);
    ctx.closePath();
    ctx.fill();
  }
}
