import { describe, expect, it } from 'vitest';

import {
  buildCaptionPrompt,
  buildLyricPrompt,
  formatInstruction,
  formatMetas,
  taskInstruction,
  VALID_LANGUAGES,
} from './prompt-templates.ts';

describe('caption prompt (spec §3.1, worked example §3.6)', () => {
  it('renders the worked example exactly', () => {
    const prompt = buildCaptionPrompt({
      instruction: taskInstruction('text2music'),
      caption: 'dreamy synth-pop, female vocal, warm pads',
      metas: { bpm: 110, timeSignature: 4, keyScale: 'A minor', durationSeconds: 60 },
    });
    expect(prompt).toBe(
      '# Instruction\nFill the audio semantic mask based on the given conditions:\n\n' +
        '# Caption\ndreamy synth-pop, female vocal, warm pads\n\n' +
        '# Metas\n- bpm: 110\n- timesignature: 4\n- keyscale: A minor\n- duration: 60 seconds\n' +
        '<|endoftext|>\n',
    );
  });

  it('prints N/A for missing metas, 30 s by default and truncates the duration', () => {
    expect(formatMetas({})).toBe(
      '- bpm: N/A\n- timesignature: N/A\n- keyscale: N/A\n- duration: 30 seconds\n',
    );
    expect(formatMetas({ durationSeconds: 88.9, keyScale: 'C major' })).toBe(
      '- bpm: N/A\n- timesignature: N/A\n- keyscale: C major\n- duration: 88 seconds\n',
    );
  });

  it('appends a missing colon to the instruction', () => {
    expect(formatInstruction('Do it')).toBe('Do it:');
    expect(formatInstruction('Do it:')).toBe('Do it:');
  });
});

describe('lyric prompt (spec §3.2)', () => {
  it('renders the language header and end-of-text, unknown when unset', () => {
    expect(buildLyricPrompt({ language: 'en', lyrics: '[Verse 1]\nla' })).toBe(
      '# Languages\nen\n\n# Lyric\n[Verse 1]\nla<|endoftext|>',
    );
    expect(buildLyricPrompt({ lyrics: '[Instrumental]' })).toBe(
      '# Languages\nunknown\n\n# Lyric\n[Instrumental]<|endoftext|>',
    );
  });

  it('knows the 51 language codes', () => {
    expect(VALID_LANGUAGES).toHaveLength(51);
    expect(VALID_LANGUAGES).toContain('yue');
  });
});

describe('task instructions (spec §3.5)', () => {
  it('gives the exact strings, upper-casing track names', () => {
    expect(taskInstruction('repaint')).toBe('Repaint the mask area based on the given conditions:');
    expect(taskInstruction('cover')).toBe(
      'Generate audio semantic tokens based on the given conditions:',
    );
    expect(taskInstruction('extract', ['vocals'])).toBe('Extract the VOCALS track from the audio:');
    expect(taskInstruction('extract')).toBe('Extract the track from the audio:');
    expect(taskInstruction('lego', ['backing_vocals'])).toBe(
      'Generate the BACKING_VOCALS track based on the audio context:',
    );
    expect(taskInstruction('lego')).toBe('Generate the track based on the audio context:');
    expect(taskInstruction('complete', ['drums', 'bass'])).toBe(
      'Complete the input track with DRUMS | BASS:',
    );
    expect(taskInstruction('complete')).toBe('Complete the input track:');
  });
});
