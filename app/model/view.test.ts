import { describe, expect, it } from 'vitest';

import { emptyState, makeTrack } from '../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../tests/helpers/random.ts';
import { bpm, PPQN, sampleRate, ticks } from '../timeline/units.ts';
import type { TrackId } from './ids.ts';
import {
  applyViewPatch,
  DEFAULT_VIEW,
  ProjectView,
  selectionSamples,
  TimeSelection,
  viewForState,
  ViewPatch,
} from './view.ts';

const random = seededRandom(11);
const [a, b] = [makeTrack(random, 'A'), makeTrack(random, 'B')];

describe('project view', () => {
  it('validates selections: ticks, end after start, known shape', () => {
    expect(TimeSelection.safeParse({ start: 0, end: 960, trackIds: [a.id] }).success).toBe(true);
    expect(TimeSelection.safeParse({ start: 960, end: 960, trackIds: [] }).success).toBe(false);
    expect(TimeSelection.safeParse({ start: -1, end: 960, trackIds: [] }).success).toBe(false);
    expect(TimeSelection.safeParse({ start: 0, end: 1.5, trackIds: [] }).success).toBe(false);
    expect(ProjectView.safeParse({ selection: null, trackHeights: { [a.id]: 10 } }).success).toBe(
      false,
    );
  });

  it('patches the selection and the heights; null removes a height', () => {
    const selection = { start: ticks(0), end: ticks(PPQN), trackIds: [a.id] };
    let view = applyViewPatch(
      DEFAULT_VIEW,
      ViewPatch.parse({ selection, trackHeights: { [a.id]: 120, [b.id]: 60 } }),
    );
    expect(view).toEqual({ selection, trackHeights: { [a.id]: 120, [b.id]: 60 } });
    view = applyViewPatch(view, ViewPatch.parse({ trackHeights: { [a.id]: null } }));
    expect(view.trackHeights).toEqual({ [b.id]: 60 });
    expect(view.selection).toEqual(selection);
    view = applyViewPatch(view, { selection: null });
    expect(view.selection).toBeNull();
    expect(DEFAULT_VIEW).toEqual({ selection: null, trackHeights: {} });
  });

  it('forgets tracks the project no longer has', () => {
    const state = { ...emptyState(), tracks: [a] };
    const gone = 'deadbeef-0000-4000-8000-000000000000' as TrackId;
    const view = viewForState(
      {
        selection: { start: ticks(0), end: ticks(10), trackIds: [a.id, gone] },
        trackHeights: { [a.id]: 100, [gone]: 50 },
      },
      state,
    );
    expect(view).toEqual({
      selection: { start: 0, end: 10, trackIds: [a.id] },
      trackHeights: { [a.id]: 100 },
    });
    const orphan = viewForState(
      { selection: { start: ticks(0), end: ticks(10), trackIds: [gone] }, trackHeights: {} },
      state,
    );
    expect(orphan.selection).toBeNull();
    const timeOnly = viewForState(
      { selection: { start: ticks(0), end: ticks(10), trackIds: [] }, trackHeights: {} },
      state,
    );
    expect(timeOnly.selection).not.toBeNull();
  });

  it('gives the selection in samples for the generation workflows', () => {
    // Bars 2..3 at 120 bpm in 4/4: 2 s to 4 s.
    const range = { start: ticks(4 * PPQN), end: ticks(8 * PPQN) };
    expect(selectionSamples(range, bpm(120), sampleRate(48_000))).toEqual({
      start: 96_000,
      end: 192_000,
    });
  });
});
