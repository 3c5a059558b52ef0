import { describe, expect, it } from 'vitest';

import { formatMessage } from './format-message.ts';

describe('formatMessage', () => {
  it('inserts parameters and leaves unknown ones visible', () => {
    expect(formatMessage('Track {n}: {name}', { n: 2, name: 'Bass' }, 'en')).toBe('Track 2: Bass');
    expect(formatMessage('Hello {who}', {}, 'en')).toBe('Hello {who}');
  });

  it('chooses plural forms by locale, with # as the number', () => {
    const template = '{count, plural, one {# clip} other {# clips}} selected';
    expect(formatMessage(template, { count: 1 }, 'en')).toBe('1 clip selected');
    expect(formatMessage(template, { count: 1200 }, 'en')).toBe('1,200 clips selected');
    // Japanese has only the "other" form.
    expect(formatMessage('{count, plural, other {#個のクリップ}}', { count: 1 }, 'ja')).toBe(
      '1個のクリップ',
    );
    expect(formatMessage('{n, plural, =0 {none} other {#}}', { n: 0 }, 'en')).toBe('none');
  });

  it('keeps parameters inside plural forms', () => {
    expect(
      formatMessage(
        '{count, plural, one {# clip on {track}} other {# clips on {track}}}',
        {
          count: 3,
          track: 'Drums',
        },
        'en',
      ),
    ).toBe('3 clips on Drums');
  });
});
