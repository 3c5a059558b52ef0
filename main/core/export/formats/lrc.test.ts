import { describe, expect, it } from 'vitest';

import { lrcTimestamp, writeLrc } from './lrc.ts';

describe('writeLrc', () => {
  it('writes tags, then lines in time order as [mm:ss.xx]', () => {
    const text = writeLrc({
      title: 'My Song',
      artist: 'Me',
      offsetSeconds: 0,
      lengthSeconds: 200.5,
      lines: [
        { start: 75.257, text: 'Second line' },
        { start: 12.5, text: 'First line' },
      ],
    });
    expect(text).toBe(
      '[ti:My Song]\n[ar:Me]\n[length:03:20]\n[re:Layerline]\n[00:12.50]First line\n[01:15.25]Second line\n',
    );
  });

  it('shifts lines to the exported range and drops those outside it', () => {
    const text = writeLrc({
      title: 'Part',
      offsetSeconds: 10,
      lengthSeconds: 20,
      lines: [
        { start: 5, text: 'before' },
        { start: 10, text: 'at start' },
        { start: 29.99, text: 'near end' },
        { start: 30, text: 'after' },
      ],
    });
    expect(text.split('\n').filter((l) => /^\[\d/.test(l))).toEqual([
      '[00:00.00]at start',
      '[00:19.99]near end',
    ]);
  });

  it('keeps every line on one line of the file', () => {
    const text = writeLrc({
      title: 'A\nB',
      offsetSeconds: 0,
      lengthSeconds: 10,
      lines: [
        { start: 1, text: 'two\r\nlines' },
        { start: 2, text: '   ' },
      ],
    });
    expect(text).toContain('[ti:A B]');
    expect(text).toContain('[00:01.00]two lines\n');
    expect(text.split('\n')).toEqual([
      '[ti:A B]',
      '[length:00:10]',
      '[re:Layerline]',
      '[00:01.00]two lines',
      '',
    ]);
  });
});

describe('lrcTimestamp', () => {
  it('formats minutes past an hour and never rounds up', () => {
    expect(lrcTimestamp(0)).toBe('00:00.00');
    expect(lrcTimestamp(59.999)).toBe('00:59.99');
    expect(lrcTimestamp(3725.5)).toBe('62:05.50');
  });
});
