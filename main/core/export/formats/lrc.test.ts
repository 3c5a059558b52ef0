import { describe, expect, it } from 'vitest';

import { type LrcInput, lrcTimestamp, writeLrc } from './lrc.ts';

/** Each case: what the song is, and every line of the file written for it. */
const CASES: { name: string; song: LrcInput; lines: string[] }[] = [
  {
    name: 'writes tags, then lines in time order as [mm:ss.xx]',
    song: {
      title: 'My Song',
      artist: 'Me',
      offsetSeconds: 0,
      lengthSeconds: 200.5,
      lines: [
        { start: 75.257, text: 'Second line' },
        { start: 12.5, text: 'First line' },
      ],
    },
    lines: [
      '[ti:My Song]',
      '[ar:Me]',
      '[length:03:20]',
      '[re:Layerline]',
      '[00:12.50]First line',
      '[01:15.25]Second line',
    ],
  },
  {
    name: 'shifts lines to the exported range and drops those outside it',
    song: {
      title: 'Part',
      offsetSeconds: 10,
      lengthSeconds: 20,
      lines: [
        { start: 5, text: 'before' },
        { start: 10, text: 'at start' },
        { start: 29.99, text: 'near end' },
        { start: 30, text: 'after' },
      ],
    },
    lines: [
      '[ti:Part]',
      '[length:00:20]',
      '[re:Layerline]',
      '[00:00.00]at start',
      '[00:19.99]near end',
    ],
  },
  {
    name: 'keeps every line on one line of the file',
    song: {
      title: 'A\nB',
      offsetSeconds: 0,
      lengthSeconds: 10,
      lines: [
        { start: 1, text: 'two\r\nlines' },
        { start: 2, text: '   ' },
      ],
    },
    lines: ['[ti:A B]', '[length:00:10]', '[re:Layerline]', '[00:01.00]two lines'],
  },
];

describe('writeLrc', () => {
  it.each(CASES)('$name', ({ song, lines }) => {
    // Every line ends with a newline, the last one too.
    expect(writeLrc(song)).toBe(lines.map((line) => `${line}\n`).join(''));
  });
});

describe('lrcTimestamp', () => {
  it('formats minutes past an hour and never rounds up', () => {
    expect(lrcTimestamp(0)).toBe('00:00.00');
    expect(lrcTimestamp(59.999)).toBe('00:59.99');
    expect(lrcTimestamp(3725.5)).toBe('62:05.50');
  });
});
