import { describe, expect, it } from 'vitest';

import { clipSpan } from '../../../../app/audio/mix-laws.ts';
import { applyEdits } from '../../../../app/model/edits.ts';
import type { ClipId, MediaHash, TrackId } from '../../../../app/model/ids.ts';
import { defaultProjectMeta, type ProjectState } from '../../../../app/model/project.ts';
import { bpm, ticks } from '../../../../app/timeline/units.ts';
import { makeTrack } from '../../testing/fake-studio.ts';
import {
  clipNameFor,
  clipTicksFor,
  guessInstrument,
  importEdits,
  importTargets,
} from './audio-drop.ts';

const tracks = [makeTrack('Vocals'), makeTrack('Drums')];
const state: ProjectState = { meta: defaultProjectMeta(), tracks, clips: [] };
const media = { hash: 'c'.repeat(64) as MediaHash, name: 'Bass DI.flac', frames: 96_000 };
let n = 0;
const ids = {
  clip: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` as ClipId,
  track: () => `11111111-0000-4000-8000-${String(++n).padStart(12, '0')}` as TrackId,
};

describe('placing imported audio', () => {
  it('fills the drop track and those below it, then new tracks', () => {
    expect(importTargets(state, 1, 3)).toEqual([
      { kind: 'track', trackId: tracks[1]!.id },
      { kind: 'new' },
      { kind: 'new' },
    ]);
    expect(importTargets(state, -1, 1)).toEqual([{ kind: 'new' }]);
  });

  it('names clips and guesses the instrument from the file name', () => {
    expect(clipNameFor('Lead Vox.final.wav')).toBe('Lead Vox.final');
    expect(clipNameFor('.wav')).toBe('Audio');
    expect(guessInstrument('Lead Vox.wav')).toEqual({ kind: 'ace', trackClass: 'vocals' });
    expect(guessInstrument('BGV stack.mp3')).toEqual({ kind: 'ace', trackClass: 'backing_vocals' });
    expect(guessInstrument('take 3.wav')).toEqual({ kind: 'custom', label: 'Audio' });
  });

  it('makes the clip exactly as long as the audio allows, never longer', () => {
    // 96 000 frames at 120 bpm are exactly 4 beats.
    expect(clipTicksFor(state, ticks(0), 96_000)).toBe(3840);
    const odd = { ...state, meta: { ...state.meta, tempo: bpm(97.3) } };
    for (const at of [0, 1, 777, 12_345]) {
      const length = clipTicksFor(odd, ticks(at), 96_000);
      const span = (l: number) =>
        clipSpan({ start: ticks(at), length: ticks(l), sourceOffset: 0 as never }, bpm(97.3));
      expect(span(length).length).toBeLessThanOrEqual(96_000);
      expect(span(length + 1).length).toBeGreaterThan(96_000);
    }
  });

  it('adds a new track and the clip as one batch when dropped below the tracks', () => {
    const { edits, trackId } = importEdits(state, { kind: 'new' }, media, ticks(1920), ids);
    const after = applyEdits(state, edits).state;
    expect(after.tracks).toHaveLength(3);
    expect(after.tracks[2]).toMatchObject({
      id: trackId,
      instrument: { kind: 'ace', trackClass: 'bass' },
    });
    expect(after.clips[0]).toMatchObject({ trackId, start: 1920, length: 3840, name: 'Bass DI' });
  });
});
