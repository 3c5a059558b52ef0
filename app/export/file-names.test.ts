import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../tests/helpers/random.ts';
import {
  isPortableFileName,
  keyNamePart,
  musicalSuffix,
  projectNamePart,
  safeNamePart,
  stemBaseName,
  tempoNamePart,
  trackNumber,
  uniqueFileNames,
} from './file-names.ts';

describe('stem names', () => {
  it('reads like an engineer names stems: number, name, tempo, key', () => {
    const name = stemBaseName({
      index: 0,
      count: 8,
      trackName: 'Drums',
      fallbackName: 'Drums',
      tempo: 120,
      key: { tonic: 'A', mode: 'minor' },
    });
    expect(`${name}.wav`).toBe('01_Drums_120bpm_Amin.wav');
  });

  it('numbers in arrangement order, wider from 100 tracks', () => {
    expect(trackNumber(0, 9)).toBe('01');
    expect(trackNumber(11, 12)).toBe('12');
    expect(trackNumber(4, 120)).toBe('005');
  });

  it('spells tempo and key compactly, leaving the key out when unknown', () => {
    expect(tempoNamePart(92.5)).toBe('92.5bpm');
    expect(tempoNamePart(128.004)).toBe('128bpm');
    expect(keyNamePart({ tonic: 'C#', mode: 'major' })).toBe('C#maj');
    expect(keyNamePart({ tonic: 'Bb', mode: 'minor' })).toBe('Bbmin');
    expect(musicalSuffix(90, null)).toBe('_90bpm');
  });

  it('falls back to the instrument, then "Track", when a name has nothing usable', () => {
    const base = { index: 2, count: 3, tempo: 100, key: null };
    expect(stemBaseName({ ...base, trackName: '???', fallbackName: 'Backing vocals' })).toBe(
      '03_Backing_vocals_100bpm',
    );
    expect(stemBaseName({ ...base, trackName: '***', fallbackName: '...' })).toBe(
      '03_Track_100bpm',
    );
  });
});

describe('safeNamePart', () => {
  it('turns spaces and punctuation into single underscores', () => {
    expect(safeNamePart('Lead Vocal (dry)')).toBe('Lead_Vocal_dry');
    expect(safeNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeNamePart('  ..hidden.. ')).toBe('hidden');
    expect(safeNamePart('Bass - DI')).toBe('Bass_-_DI');
  });

  it('keeps letters of every script, composed (NFC)', () => {
    expect(safeNamePart('Cafe\u0301 Chœur')).toBe('Café_Chœur');
    expect(safeNamePart('ドラム')).toBe('ドラム');
  });

  it('never yields a Windows device name', () => {
    expect(safeNamePart('CON')).toBe('CON_');
    expect(safeNamePart('lpt1')).toBe('lpt1_');
    expect(safeNamePart('Console')).toBe('Console');
  });

  it('cuts long names without leaving a trailing separator', () => {
    const cut = safeNamePart(`${'x'.repeat(47)} tail`);
    expect(cut).toBe('x'.repeat(47));
    expect(projectNamePart('!!!')).toBe('Untitled');
  });

  it('gives portable file names for any input', () => {
    const random = seededRandom(7);
    const alphabet = [
      'a',
      'Z',
      '0',
      '9',
      ' ',
      '-',
      '_',
      '.',
      '#',
      '/',
      '\\',
      ':',
      '*',
      '?',
      '"',
      '<',
      '>',
      '|',
      '\t',
      '\u0000',
      'é',
      'ß',
      '中',
      '\u0301',
      '(',
      ')',
      '[',
      ']',
      '%',
      '&',
      '+',
      ',',
      ';',
      '=',
      '@',
      '!',
      '~',
      '`',
      "'",
      '^',
      '$',
    ];
    for (let i = 0; i < 500; i += 1) {
      const text = Array.from({ length: random.int(0, 70) }, () => random.pick(alphabet)).join('');
      const name = `${stemBaseName({
        index: i % 12,
        count: 12,
        trackName: text,
        fallbackName: 'Synth',
        tempo: random.int(20, 400),
        key: random.bool() ? null : { tonic: 'F#', mode: 'minor' },
      })}.wav`;
      expect(isPortableFileName(name), name).toBe(true);
      expect(name).not.toMatch(/\s/);
    }
  });
});

describe('uniqueFileNames', () => {
  it('renames later duplicates, ignoring case as Windows and macOS do', () => {
    expect(uniqueFileNames(['Song.RPP', 'a.wav', 'A.wav', 'a.wav', 'b'])).toEqual([
      'Song.RPP',
      'a.wav',
      'A_2.wav',
      'a_3.wav',
      'b',
    ]);
  });
});

describe('isPortableFileName', () => {
  it('rejects names some OS refuses', () => {
    for (const bad of ['', 'a:b', 'nul.wav', 'end.', ' start', 'x\u0000y', 'e\u0301']) {
      expect(isPortableFileName(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isPortableFileName('01_Drums_120bpm_C#maj.wav')).toBe(true);
  });
});
