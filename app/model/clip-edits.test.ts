import { describe, expect, it } from 'vitest';

import { emptyState, makeClip, makeTrack } from '../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../tests/helpers/random.ts';
import { ticksToSamples } from '../timeline/tempo.ts';
import { bpm, PPQN, sampleRate, samples, ticks } from '../timeline/units.ts';
import {
  alignedSourceOffset,
  duplicateClips,
  fitFades,
  MIN_CLIP_TICKS,
  moveClips,
  removeClips,
  setClipFade,
  setClipGain,
  splitClip,
  trimClipEnd,
  trimClipStart,
} from './clip-edits.ts';
import { applyEdits } from './edits.ts';
import type { ClipId } from './ids.ts';
import type { Clip, ProjectState } from './project.ts';

const RATE = sampleRate(48_000);

function stateWith(tempo: number, clips: (s: ProjectState) => Clip[]): ProjectState {
  const random = seededRandom(tempo);
  const track = makeTrack(random, 'T');
  const base: ProjectState = {
    ...emptyState(),
    meta: { ...emptyState().meta, tempo: bpm(tempo) },
    tracks: [track],
  };
  return { ...base, clips: clips(base) };
}

/**
 * Which source sample of which media plays at timeline sample `at` on a track, worked out from
 * first principles: a clip sounds from the sample its start rounds to, up to (not including)
 * the sample its end rounds to, reading its source from `sourceOffset` on.
 */
function heard(state: ProjectState, at: number): string | null {
  const { tempo } = state.meta;
  for (const clip of state.clips) {
    const first = Math.round((clip.start * 60 * RATE) / (PPQN * tempo));
    const last = Math.round(((clip.start + clip.length) * 60 * RATE) / (PPQN * tempo));
    if (at >= first && at < last) {
      return `${clip.mediaHash.slice(0, 4)}@${clip.sourceOffset + at - first}`;
    }
  }
  return null;
}

function expectSameAudio(before: ProjectState, after: ProjectState, from: number, to: number) {
  for (let at = from; at < to; at += 1) {
    if (heard(before, at) !== heard(after, at)) {
      throw new Error(`sample ${at}: ${heard(before, at)} became ${heard(after, at)}`);
    }
  }
}

let idCounter = 0;
const newId = (): ClipId =>
  `00000000-0000-4000-8000-${(++idCounter).toString(16).padStart(12, '0')}` as ClipId;

describe('alignedSourceOffset', () => {
  it('moves the source offset with the left edge', () => {
    const clip = { start: ticks(PPQN), sourceOffset: samples(100) };
    // One beat later at 120 bpm is 24 000 samples later in the source.
    expect(alignedSourceOffset(clip, ticks(2 * PPQN), bpm(120))).toBe(24_100);
    expect(alignedSourceOffset(clip, ticks(PPQN - 4), bpm(120))).toBe(0);
  });
});

describe('splitClip', () => {
  it('plays exactly the same samples after a split, at awkward tempos', () => {
    for (const tempo of [120, 97.3, 141, 59.7]) {
      const random = seededRandom(Math.round(tempo * 10));
      const state = stateWith(tempo, (s) => [
        {
          ...makeClip(random, s.tracks[0]!.id),
          start: ticks(1234),
          length: ticks(9 * PPQN + 17),
          sourceOffset: samples(777),
        },
      ]);
      const clip = state.clips[0]!;
      for (const at of [1234 + MIN_CLIP_TICKS, 1234 + 4 * PPQN + 1, 1234 + 9 * PPQN + 17 - 60]) {
        const after = applyEdits(state, splitClip(state, clip.id, ticks(at), newId())).state;
        expect(after.clips).toHaveLength(2);
        const end = ticksToSamples(ticks(1234 + 9 * PPQN + 17), bpm(tempo), RATE);
        expectSameAudio(state, after, 0, end + 10);
      }
    }
  });

  it('keeps the fade-in on the left part and the fade-out on the right', () => {
    const state = stateWith(120, (s) => [
      {
        ...makeClip(seededRandom(5), s.tracks[0]!.id),
        start: ticks(0),
        length: ticks(8 * PPQN),
        fadeIn: samples(30_000),
        fadeOut: samples(2000),
      },
    ]);
    const clip = state.clips[0]!;
    // At 120 bpm one beat is 24 000 samples: the left part (1 beat) cannot hold the fade-in.
    const after = applyEdits(state, splitClip(state, clip.id, ticks(PPQN), newId())).state;
    const left = after.clips.find((c) => c.id === clip.id)!;
    const right = after.clips.find((c) => c.id !== clip.id)!;
    expect([left.fadeIn, left.fadeOut]).toEqual([24_000, 0]);
    expect([right.fadeIn, right.fadeOut, right.start]).toEqual([0, 2000, PPQN]);
  });

  it('does nothing at or outside the edges', () => {
    const state = stateWith(120, (s) => [
      { ...makeClip(seededRandom(6), s.tracks[0]!.id), start: ticks(960), length: ticks(960) },
    ]);
    const id = state.clips[0]!.id;
    expect(splitClip(state, id, ticks(960), newId())).toEqual([]);
    expect(splitClip(state, id, ticks(1920), newId())).toEqual([]);
    expect(splitClip(state, id, ticks(5000), newId())).toEqual([]);
  });
});

describe('trimming', () => {
  const base = (tempo: number) =>
    stateWith(tempo, (s) => [
      {
        ...makeClip(seededRandom(7), s.tracks[0]!.id),
        start: ticks(4 * PPQN),
        length: ticks(8 * PPQN),
        sourceOffset: samples(10_000),
        fadeIn: samples(0),
        fadeOut: samples(0),
      },
    ]);

  it('keeps the audio in place when the left edge moves either way', () => {
    for (const tempo of [120, 133.7]) {
      const state = base(tempo);
      const id = state.clips[0]!.id;
      for (const target of [4 * PPQN + 333, 6 * PPQN, 4 * PPQN - 5]) {
        const after = applyEdits(state, trimClipStart(state, id, ticks(target))).state;
        const clip = after.clips[0]!;
        expect(clip.start).toBe(target);
        const from = ticksToSamples(ticks(Math.max(target, 4 * PPQN)), bpm(tempo), RATE);
        const to = ticksToSamples(ticks(12 * PPQN), bpm(tempo), RATE);
        expectSameAudio(state, after, from, to);
      }
    }
  });

  it('stops the left edge where the source begins', () => {
    const state = base(120);
    const id = state.clips[0]!.id;
    const after = applyEdits(state, trimClipStart(state, id, ticks(0))).state;
    const clip = after.clips[0]!;
    // 10 000 samples before the old start is the source's first sample: at 120 bpm, 400 ticks.
    expect(clip.start).toBe(4 * PPQN - 400);
    expect(clip.sourceOffset).toBe(0);
    expect(clip.start + clip.length).toBe(12 * PPQN);
  });

  it('never trims below the minimum length and stops the right edge at the source end', () => {
    const state = base(120);
    const id = state.clips[0]!.id;
    const tooFar = applyEdits(state, trimClipStart(state, id, ticks(50 * PPQN))).state.clips[0]!;
    expect(tooFar.length).toBe(MIN_CLIP_TICKS);
    const shortEnd = applyEdits(state, trimClipEnd(state, id, ticks(0))).state.clips[0]!;
    expect(shortEnd.length).toBe(MIN_CLIP_TICKS);
    // A source of 250 000 samples from offset 10 000 leaves 240 000 samples = 10 beats.
    const limits = { sourceLength: samples(250_000) };
    const long = applyEdits(state, trimClipEnd(state, id, ticks(100 * PPQN), limits)).state;
    expect(long.clips[0]!.length).toBe(10 * PPQN);
  });

  it('shortens fades that no longer fit', () => {
    const state = stateWith(120, (s) => [
      {
        ...makeClip(seededRandom(8), s.tracks[0]!.id),
        start: ticks(0),
        length: ticks(4 * PPQN),
        fadeIn: samples(40_000),
        fadeOut: samples(40_000),
      },
    ]);
    const after = applyEdits(state, trimClipEnd(state, state.clips[0]!.id, ticks(2 * PPQN))).state;
    expect([after.clips[0]!.fadeIn, after.clips[0]!.fadeOut]).toEqual([40_000, 8000]);
  });
});

describe('move, duplicate, delete, fades, gain', () => {
  const three = () => {
    const random = seededRandom(9);
    const tracks = [makeTrack(random, 'A'), makeTrack(random, 'B')];
    const state: ProjectState = { ...emptyState(), tracks };
    const clip = (trackIndex: number, start: number, length: number): Clip => ({
      ...makeClip(random, tracks[trackIndex]!.id),
      start: ticks(start),
      length: ticks(length),
    });
    return { ...state, clips: [clip(0, 0, 960), clip(1, 1920, 960), clip(0, 3840, 1920)] };
  };

  it('moves clips across tracks, clamps at zero and skips unchanged ones', () => {
    const state = three();
    const [a, b, c] = state.clips as [Clip, Clip, Clip];
    const edits = moveClips(state, [
      { clipId: a.id, start: ticks(-500), trackId: a.trackId },
      { clipId: b.id, start: ticks(2880), trackId: state.tracks[0]!.id },
      { clipId: c.id, start: c.start, trackId: c.trackId },
    ]);
    expect(edits).toHaveLength(1);
    const after = applyEdits(state, edits).state;
    expect(after.clips.find((x) => x.id === b.id)).toMatchObject({
      start: 2880,
      trackId: state.tracks[0]!.id,
    });
  });

  it('duplicates a block right after itself, keeping its shape', () => {
    const state = three();
    const ids = state.clips.map((clip) => clip.id);
    const { edits, newIds } = duplicateClips(state, ids, newId);
    const after = applyEdits(state, edits).state;
    expect(after.clips).toHaveLength(6);
    // The block spans 0..5760, so every copy lands 5760 ticks later on its own track.
    for (const [i, id] of newIds.entries()) {
      const original = state.clips[i]!;
      expect(after.clips.find((x) => x.id === id)).toMatchObject({
        start: original.start + 5760,
        trackId: original.trackId,
        mediaHash: original.mediaHash,
      });
    }
  });

  it('removes each clip once and ignores unknown ids', () => {
    const state = three();
    const a = state.clips[0]!.id;
    expect(removeClips(state, [a, a, newId()])).toEqual([{ op: 'clip.remove', clipId: a }]);
  });

  it('keeps fades apart and within the clip', () => {
    const state = three();
    const c = state.clips[2]!; // two beats = 48 000 samples at 120 bpm
    let after = applyEdits(state, setClipFade(state, c.id, 'out', 30_000)).state;
    after = applyEdits(after, setClipFade(after, c.id, 'in', 30_000)).state;
    const clip = after.clips.find((x) => x.id === c.id)!;
    expect([clip.fadeIn, clip.fadeOut]).toEqual([18_000, 30_000]);
    expect(fitFades(-3, 10, 5)).toEqual({ fadeIn: 0, fadeOut: 5 });
  });

  it('sets clip gain as one op per changed clip', () => {
    const state = three();
    const ids = state.clips.map((clip) => clip.id);
    const target = state.clips[0]!.gainDb;
    const edits = setClipGain(state, ids, target);
    expect(edits.length).toBe(state.clips.filter((clip) => clip.gainDb !== target).length);
  });
});
