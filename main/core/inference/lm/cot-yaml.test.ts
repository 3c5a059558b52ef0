import { describe, expect, it } from 'vitest';

import { extractLyrics, formatCot, parseCotYaml, parseLmOutput } from './cot-yaml.ts';

describe('CoT YAML (spec §6.2)', () => {
  it('writes the spec example with sorted keys and integer numbers', () => {
    expect(
      formatCot({
        timesignature: '4/4',
        language: 'en',
        keyscale: 'G major',
        duration: 273,
        caption: 'A calm piano melody',
        bpm: 73,
      }),
    ).toBe(
      '<think>\nbpm: 73\ncaption: A calm piano melody\nduration: 273\nkeyscale: G major\n' +
        'language: en\ntimesignature: 4\n</think>',
    );
  });

  it('folds a long caption past 80 columns with a two-space continuation, and parses it back', () => {
    const caption =
      'An energetic synth-pop anthem with shimmering arpeggios, punchy drums, a warm analog bass ' +
      'line and a soaring female vocal';
    const cot = formatCot({ caption, bpm: 120 });
    const lines = cot.split('\n');
    expect(lines[2]?.startsWith('caption: An energetic')).toBe(true);
    expect(lines[3]?.startsWith('  ')).toBe(true);
    // PyYAML breaks at the first space after column 80.
    expect((lines[2] ?? '').length).toBeGreaterThan(80);
    expect((lines[2] ?? '').length).toBeLessThan(95);
    expect(parseLmOutput(cot).metadata.caption).toBe(caption);
  });

  it('quotes values YAML would misread, and unquotes them', () => {
    const cot = formatCot({ caption: "Genre: pop, it's fun" });
    expect(cot).toContain("caption: 'Genre: pop, it''s fun'");
    expect(parseLmOutput(cot).metadata.caption).toBe("Genre: pop, it's fun");
  });

  it('parses numbers, strips a /4 time signature and ignores unknown keys', () => {
    expect(parseCotYaml('bpm: 98\nduration: 30\ntimesignature: 3/4\nmood: sad\n')).toEqual({
      bpm: 98,
      duration: 30,
      timesignature: '3',
    });
  });

  it('extracts lyrics and audio codes', () => {
    const out = parseLmOutput(
      '<think>\nbpm: 90\n</think>\n\n# Lyric\n[Verse]\nhello there\n<|im_end|>',
    );
    expect(out.lyrics).toBe('[Verse]\nhello there');
    expect(
      parseLmOutput('<think>\n</think><|audio_code_5|><|audio_code_63999|>').audioCodes,
    ).toEqual([5, 63_999]);
    expect(extractLyrics('\n# Lyrics\nla la<|endoftext|>')).toBe('la la');
  });
});
