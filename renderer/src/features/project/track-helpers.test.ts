import { describe, expect, it } from 'vitest';

import { applyEdit } from '../../../../app/model/edits.ts';
import { defaultProjectMeta } from '../../../../app/model/project.ts';
import type { Ticks } from '../../../../app/timeline/units.ts';
import { makeTrack } from '../../testing/fake-studio.ts';
import { freeTrackName, newTrack } from './new-track.ts';
import { formatGain, formatLength, formatPan } from './track-format.ts';
import { dropIndex } from './track-order.ts';

describe('track readouts', () => {
  it('formats gain in dB with a sign, and the slider floor as -inf', () => {
    expect([6, 0, -0.04, -12.5, -60, -96].map(formatGain)).toEqual([
      '+6.0 dB',
      '0.0 dB',
      '0.0 dB',
      '-12.5 dB',
      '-inf dB',
      '-inf dB',
    ]);
  });

  it('formats pan as L/C/R with a percentage', () => {
    expect([-1, -0.35, 0, 0.004, 0.2, 1].map(formatPan)).toEqual([
      'L 100',
      'L 35',
      'C',
      'C',
      'R 20',
      'R 100',
    ]);
  });

  it('formats lengths in bars, beats and ticks of the time signature', () => {
    const fourFour = { numerator: 4, denominator: 4 };
    const sixEight = { numerator: 6, denominator: 8 };
    expect(formatLength(7680 as Ticks, fourFour)).toBe('2 bars');
    expect(formatLength((3840 + 1920) as Ticks, fourFour)).toBe('1 bar 2 beats');
    expect(formatLength(1200 as Ticks, fourFour)).toBe('1 beat 240 ticks');
    expect(formatLength(2880 as Ticks, sixEight)).toBe('1 bar');
  });
});

describe('dropIndex', () => {
  const order = ['a', 'b', 'c', 'd'];
  const moved = (from: number, target: number, after: boolean) => {
    const tracks = order.map((name) => makeTrack(name));
    const state = { meta: defaultProjectMeta(), tracks, clips: [] };
    const trackId = tracks[from]!.id;
    const toIndex = dropIndex(from, target, after);
    return applyEdit(state, { op: 'track.move', trackId, toIndex }).tracks.map((t) => t.name);
  };

  it('lands where the drop indicator was, whichever way the track travels', () => {
    expect(moved(0, 2, false)).toEqual(['b', 'a', 'c', 'd']);
    expect(moved(0, 2, true)).toEqual(['b', 'c', 'a', 'd']);
    expect(moved(3, 0, false)).toEqual(['d', 'a', 'b', 'c']);
    expect(moved(3, 1, true)).toEqual(['a', 'b', 'd', 'c']);
    expect(moved(1, 1, true)).toEqual(order);
  });
});

describe('newTrack', () => {
  it('names the track after its instrument, avoiding names in use', () => {
    expect(freeTrackName('Drums', ['Bass'])).toBe('Drums');
    expect(freeTrackName('Drums', ['Drums', 'Drums 2'])).toBe('Drums 3');
  });

  it('takes the next default colour and a centred, unity-gain mix', () => {
    const existing = [makeTrack('Drums'), makeTrack('Bass')];
    const track = newTrack({ kind: 'ace', trackClass: 'drums' }, existing, () => 'id');
    expect(track).toMatchObject({
      id: 'id',
      name: 'Drums 2',
      color: '#d9cf4a',
      gainDb: 0,
      pan: 0,
      mute: false,
      solo: false,
    });
  });
});
