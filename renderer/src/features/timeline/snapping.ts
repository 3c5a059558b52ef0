/** Snapping positions to the grid the lanes draw; the modifier key (Alt) bypasses it. */
import { chooseGridStep, type GridStep, snapTicks } from '../../../../app/timeline/grid.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { type Ticks, ticks } from '../../../../app/timeline/units.ts';
import { pxPerTick, type Viewport } from './viewport.ts';

/** The lanes draw grid lines at least this far apart, and snapping uses the same grid. */
export const GRID_MIN_PX = 12;

export function gridStepFor(viewport: Viewport, signature: TimeSignature): GridStep {
  return chooseGridStep(signature, pxPerTick(viewport), GRID_MIN_PX);
}

/** `raw` ticks on the grid when snapping is on and not bypassed; else rounded. */
export function snapPosition(
  raw: number,
  context: { viewport: Viewport; signature: TimeSignature; snap: boolean },
  bypass: boolean,
): Ticks {
  if (!context.snap || bypass) {
    return ticks(Math.max(0, Math.round(raw)));
  }
  return snapTicks(ticks(raw), gridStepFor(context.viewport, context.signature).ticks);
}

/** The modifier that bypasses snapping while dragging. */
export const bypassesSnap = (event: { altKey: boolean }): boolean => event.altKey;
