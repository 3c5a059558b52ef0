/** A fresh track for "Add track": a unique id, a free name and the next default colour. */
import type { TrackId } from '../../../../app/model/ids.ts';
import type { Instrument } from '../../../../app/model/instrument.ts';
import { DEFAULT_TRACK_COLORS, type Track } from '../../../../app/model/project.ts';
import { db } from '../../../../app/timeline/units.ts';
import { instrumentName } from './instrument-name.ts';

/** `base`, or "base 2", "base 3"… whichever no track has yet. */
export function freeTrackName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) {
    return base;
  }
  let n = 2;
  while (names.has(`${base} ${n}`)) {
    n += 1;
  }
  return `${base} ${n}`;
}

export function newTrack(
  instrument: Instrument,
  existing: readonly Track[],
  makeId: () => string = () => crypto.randomUUID(),
): Track {
  return {
    id: makeId() as TrackId,
    name: freeTrackName(
      instrumentName(instrument),
      existing.map((track) => track.name),
    ),
    instrument,
    color: DEFAULT_TRACK_COLORS[existing.length % DEFAULT_TRACK_COLORS.length] ?? '#4aa3df',
    gainDb: db(0),
    pan: 0,
    mute: false,
    solo: false,
  };
}
