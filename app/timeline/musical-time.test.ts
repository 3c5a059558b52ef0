import { describe, expect, it } from 'vitest';

import { formatBarsBeats, parseBarsBeats, ticksPerBar, toBarsBeats } from './musical-time.ts';
import { PPQN, ticks } from './units.ts';

const fourFour = { numerator: 4, denominator: 4 };
const sixEight = { numerator: 6, denominator: 8 };

describe('bars and beats', () => {
  it('counts bars and beats from 1', () => {
    expect(toBarsBeats(ticks(0), fourFour)).toEqual({ bar: 1, beat: 1, tick: 0 });
    expect(toBarsBeats(ticks(4 * PPQN + PPQN + 480), fourFour)).toEqual({
      bar: 2,
      beat: 2,
      tick: 480,
    });
  });

  it('uses the denominator as the beat unit', () => {
    expect(ticksPerBar(sixEight)).toBe(3 * PPQN);
    expect(formatBarsBeats(ticks(3 * PPQN + PPQN / 2), sixEight)).toBe('2.2');
  });

  it('parses what it formats and rejects nonsense', () => {
    for (const t of [0, 480, 960 * 7 + 13, 960 * 4 * 31]) {
      const text = formatBarsBeats(ticks(t), fourFour);
      expect(parseBarsBeats(text, fourFour)).toBe(t);
    }
    expect(parseBarsBeats('3', fourFour)).toBe(8 * PPQN);
    expect(parseBarsBeats('0.1', fourFour)).toBeNull();
    expect(parseBarsBeats('1.5', fourFour)).toBeNull();
    expect(parseBarsBeats('1.1.960', fourFour)).toBeNull();
    expect(parseBarsBeats('abc', fourFour)).toBeNull();
  });
});
