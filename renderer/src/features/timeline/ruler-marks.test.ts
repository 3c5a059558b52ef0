import { describe, expect, it } from 'vitest';

import { bpm, PPQN } from '../../../../app/timeline/units.ts';
import { formatClock, musicalMarks, timeMarks } from './ruler-marks.ts';

const FOUR_FOUR = { numerator: 4, denominator: 4 };

describe('ruler marks', () => {
  it('labels bars when beats are too close for labels', () => {
    // 120 bpm at 100 px/s: a beat is 50 px, a bar 200 px.
    const marks = musicalMarks(
      { from: 0, to: 8 * PPQN },
      { pxPerSecond: 100, tempo: bpm(120) },
      FOUR_FOUR,
    );
    const labelled = marks.filter((m) => m.label !== null).map((m) => [m.x, m.label]);
    expect(labelled).toEqual([
      [0, '1'],
      [200, '2'],
      [400, '3'],
    ]);
    // Lines every 16th note: the finest division at least 8 px apart (12.5 px).
    expect(marks.filter((m) => m.kind === 'beat')).toHaveLength(6);
    expect(marks[1]?.x).toBe(12.5);
  });

  it('labels beats when zoomed in and starts at the grid line before the range', () => {
    const marks = musicalMarks(
      { from: 1000, to: 2500 },
      { pxPerSecond: 400, tempo: bpm(120) },
      FOUR_FOUR,
    );
    expect(marks[0]!.x).toBeLessThanOrEqual((1000 / PPQN) * 200);
    expect(marks.filter((m) => m.label !== null).map((m) => m.label)).toContain('1.2');
    expect(marks.find((m) => m.label === '1.3')?.kind).toBe('beat');
  });

  it('puts clock labels at round steps', () => {
    const marks = timeMarks({ fromSeconds: 9.5, toSeconds: 13 }, 100);
    expect(marks.map((m) => m.label)).toEqual(['0:09', '0:10', '0:11', '0:12', '0:13']);
    expect(timeMarks({ fromSeconds: 0, toSeconds: 0.3 }, 1000).map((m) => m.label)).toEqual([
      '0:00.0',
      '0:00.1',
      '0:00.2',
      '0:00.3',
    ]);
  });

  it('formats clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65.25, 2)).toBe('1:05.25');
    expect(formatClock(599.9996, 3)).toBe('10:00.000');
    expect(formatClock(-1.5, 1)).toBe('-0:01.5');
  });
});
