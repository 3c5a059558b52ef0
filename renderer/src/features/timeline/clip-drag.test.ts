import { describe, expect, it } from 'vitest';

import { applyEdits } from '../../../../app/model/edits.ts';
import type { ClipId, MediaHash, TrackId } from '../../../../app/model/ids.ts';
import { type Clip, defaultProjectMeta, type ProjectState } from '../../../../app/model/project.ts';
import {
  db,
  PPQN,
  type Samples,
  samples,
  type Ticks,
  ticks,
} from '../../../../app/timeline/units.ts';
import { makeTrack } from '../../testing/fake-studio.ts';
import { clampMove, dragEdits, dragLabel, extendOverhang } from './clip-drag.ts';

const tracks = [makeTrack('A'), makeTrack('B'), makeTrack('C')];
const clip = (n: number, track: number, start: number, length = PPQN): Clip => ({
  id: `c1c1c1c1-0000-4000-8000-${String(n).padStart(12, '0')}` as ClipId,
  trackId: tracks[track]!.id,
  start: start as Ticks,
  length: length as Ticks,
  mediaHash: 'b'.repeat(64) as MediaHash,
  sourceOffset: 0 as Samples,
  gainDb: db(0),
  fadeIn: 0 as Samples,
  fadeOut: 0 as Samples,
  name: `Clip ${n}`,
});
const state: ProjectState = {
  meta: defaultProjectMeta(),
  tracks,
  clips: [clip(1, 0, 960), clip(2, 1, 4800), clip(3, 2, 0)],
};
const [one, two] = state.clips as [Clip, Clip, Clip];
const trackOf = (s: ProjectState, id: ClipId): TrackId | undefined =>
  s.clips.find((c) => c.id === id)?.trackId;

describe('clip drags', () => {
  it('keeps a moved selection inside the timeline and the track list', () => {
    const selected = [one.id, two.id];
    expect(clampMove(state, selected, -5000, 0).deltaTicks).toBe(-960);
    expect(clampMove(state, selected, 0, 5).trackDelta).toBe(1);
    expect(clampMove(state, selected, 0, -5).trackDelta).toBe(0);
    expect(clampMove(state, [], 100, 1)).toEqual({ deltaTicks: 0, trackDelta: 0 });
  });

  it('moves every selected clip by the same amount, across tracks', () => {
    const edits = dragEdits(
      { state, selected: [one.id, two.id] },
      { kind: 'move', deltaTicks: 960, trackDelta: 1, copy: false },
    );
    const after = applyEdits(state, edits).state;
    expect(after.clips.find((c) => c.id === one.id)?.start).toBe(1920);
    expect(after.clips.find((c) => c.id === two.id)?.start).toBe(5760);
    expect(trackOf(after, one.id)).toBe(tracks[1]!.id);
    expect(trackOf(after, two.id)).toBe(tracks[2]!.id);
    expect(dragLabel({ kind: 'move', deltaTicks: 1, trackDelta: 0, copy: false }, 2)).toBe(
      'Move clips',
    );
  });

  it('copies instead of moving when asked, with the ids fixed at the start', () => {
    const copyId = 'c0c0c0c0-0000-4000-8000-000000000009' as ClipId;
    const edits = dragEdits(
      { state, selected: [one.id], copyIds: [copyId] },
      { kind: 'move', deltaTicks: 960, trackDelta: 0, copy: true },
    );
    const after = applyEdits(state, edits).state;
    expect(after.clips).toHaveLength(4);
    expect(after.clips.find((c) => c.id === one.id)?.start).toBe(960);
    expect(after.clips.find((c) => c.id === copyId)?.start).toBe(1920);
    // A copy-drag that goes nowhere makes no copy.
    expect(
      dragEdits(
        { state, selected: [one.id], copyIds: [copyId] },
        { kind: 'move', deltaTicks: 0, trackDelta: 0, copy: true },
      ),
    ).toEqual([]);
  });

  it('trims against the source length and sets gain for the whole selection', () => {
    const sourceLength = () => samples(36_000); // 1.5 beats at 120 bpm
    const trimmed = dragEdits(
      { state, selected: [], sourceLength },
      { kind: 'trim-end', clipId: one.id, end: ticks(960 + 10 * PPQN) },
    );
    expect(applyEdits(state, trimmed).state.clips.find((c) => c.id === one.id)?.length).toBe(1440);
    const gain = dragEdits(
      { state, selected: [one.id, two.id] },
      { kind: 'gain', clipId: two.id, gainDb: -3.04 },
    );
    expect(gain).toHaveLength(2);
    expect(gain.every((op) => op.op === 'clip.update' && op.patch.gainDb === -3)).toBe(true);
  });

  describe('extend overhang', () => {
    // The default tempo is 120 BPM at 48 kHz: one beat (PPQN ticks) is 24 000 samples.
    const beatSamples = 24_000;
    const offset = { ...one, sourceOffset: (beatSamples / 2) as Samples };
    const withOffset: ProjectState = { ...state, clips: [offset, two] };

    it('measures how far a left trim reaches before the audio starts', () => {
      expect(
        extendOverhang(
          { state, selected: [] },
          { kind: 'trim-start', clipId: one.id, start: ticks(0) },
        ),
      ).toEqual({
        clipId: one.id,
        side: 'start',
        length: PPQN,
      });
      // Half a beat of audio lies before the visible start: only the rest is an overhang.
      expect(
        extendOverhang(
          { state: withOffset, selected: [] },
          { kind: 'trim-start', clipId: one.id, start: ticks(0) },
        )?.length,
      ).toBe(PPQN / 2);
      expect(
        extendOverhang(
          { state: withOffset, selected: [] },
          { kind: 'trim-start', clipId: one.id, start: ticks(600) },
        ),
      ).toBeNull();
    });

    it('measures how far a right trim reaches past the audio end, given the source length', () => {
      const context = { state, selected: [], sourceLength: () => samples(beatSamples) };
      const drag = { kind: 'trim-end', clipId: one.id, end: ticks(960 + 3 * PPQN) } as const;
      expect(extendOverhang(context, drag)).toEqual({
        clipId: one.id,
        side: 'end',
        length: 2 * PPQN,
      });
      expect(
        extendOverhang({ ...context, sourceLength: () => samples(4 * beatSamples) }, drag),
      ).toBeNull();
      // Without a known source length there is no way to tell.
      expect(extendOverhang({ state, selected: [] }, drag)).toBeNull();
    });

    it('is null for gestures other than trims', () => {
      expect(
        extendOverhang(
          { state, selected: [one.id] },
          { kind: 'move', deltaTicks: -5000, trackDelta: 0, copy: false },
        ),
      ).toBeNull();
      expect(
        extendOverhang({ state, selected: [] }, { kind: 'fade-in', clipId: one.id, length: 9e9 }),
      ).toBeNull();
    });
  });
});
