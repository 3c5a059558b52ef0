/** What the ruler shows for a visible range: bar/beat lines with labels, and clock times. */
import { chooseGridStep, floorToGrid } from '../../../../app/timeline/grid.ts';
import {
  formatBarsBeats,
  ticksPerBar,
  ticksPerBeat,
  type TimeSignature,
} from '../../../../app/timeline/musical-time.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { pxPerTick, ticksToPx, type Viewport } from './viewport.ts';

export interface MusicalMark {
  /** Pixels from the start of the lanes. */
  x: number;
  kind: 'bar' | 'beat' | 'sub';
  label: string | null;
}

export interface TimeMark {
  x: number;
  label: string;
}

/** Lines at the finest division at least `minPx` apart, labels at least `labelPx` apart. */
export function musicalMarks(
  range: { from: number; to: number },
  viewport: Viewport,
  signature: TimeSignature,
  spacing: { minPx: number; labelPx: number } = { minPx: 8, labelPx: 56 },
): MusicalMark[] {
  const density = pxPerTick(viewport);
  const step = chooseGridStep(signature, density, spacing.minPx).ticks;
  const labelStep = chooseGridStep(signature, density, spacing.labelPx).ticks;
  const bar = ticksPerBar(signature);
  const beat = ticksPerBeat(signature);
  const marks: MusicalMark[] = [];
  for (let t: number = floorToGrid(ticks(range.from), step); t <= range.to; t += step) {
    const kind = t % bar === 0 ? 'bar' : t % beat === 0 ? 'beat' : 'sub';
    // Bars read as "5", beats inside them as "5.3", finer lines as "5.3.240".
    const text = kind === 'bar' ? String(t / bar + 1) : formatBarsBeats(ticks(t), signature);
    const label = t % labelStep === 0 ? text : null;
    marks.push({ x: ticksToPx(ticks(t), viewport), kind, label });
  }
  return marks;
}

const TIME_STEPS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600,
];

/** "m:ss", or "m:ss.fff" with as many decimals as the step needs. */
export function formatClock(totalSeconds: number, decimals = 0): string {
  const sign = totalSeconds < 0 ? '-' : '';
  const scale = 10 ** decimals;
  const whole = Math.round(Math.abs(totalSeconds) * scale);
  const minutes = Math.floor(whole / (60 * scale));
  const rest = whole - minutes * 60 * scale;
  const secondsPart = Math.floor(rest / scale);
  const fraction = rest - secondsPart * scale;
  const base = `${sign}${minutes}:${String(secondsPart).padStart(2, '0')}`;
  return decimals === 0 ? base : `${base}.${String(fraction).padStart(decimals, '0')}`;
}

/** Clock labels at a round step at least `minPx` apart. */
export function timeMarks(
  range: { fromSeconds: number; toSeconds: number },
  pxPerSecond: number,
  minPx = 72,
): TimeMark[] {
  const step = TIME_STEPS.find((s) => s * pxPerSecond >= minPx) ?? 600;
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  const marks: TimeMark[] = [];
  const first = Math.max(0, Math.floor(range.fromSeconds / step));
  for (let i = first; i * step <= range.toSeconds + 1e-9; i += 1) {
    const at = i * step;
    marks.push({ x: at * pxPerSecond, label: formatClock(at, decimals) });
  }
  return marks;
}
