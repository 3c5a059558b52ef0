import { describe, expect, it } from 'vitest';

import type { SongDraft } from '../../../../app/model/song-draft.ts';
import {
  checkParams,
  counter,
  DEFAULT_SETTINGS,
  EMPTY_SONG,
  settingsOf,
  songFromDraft,
  songParams,
} from './form-model.ts';

describe('generation forms', () => {
  it('leave empty fields to the model and send what the user set', () => {
    expect(songParams(EMPTY_SONG)).toEqual({
      caption: '',
      lyrics: '',
      instrumental: false,
      metadata: {},
    });
    const song = {
      ...EMPTY_SONG,
      bpm: '96',
      keyScale: 'E minor',
      timeSignature: '3' as const,
      duration: '40',
      language: 'ja' as const,
    };
    expect(songParams(song)).toMatchObject({
      language: 'ja',
      metadata: { bpm: 96, keyScale: 'E minor', timeSignature: 3 },
      durationSeconds: 40,
    });
    expect(songParams({ ...song, instrumental: true, lyrics: '[Verse] la' }).lyrics).toBe('');
  });

  it('turn settings into workflow settings; thinking asks the LM for metadata and language too', () => {
    expect(settingsOf(DEFAULT_SETTINGS)).toEqual({
      batchSize: 1,
      thinking: false,
      useCotMetas: false,
      useCotCaption: false,
      useCotLanguage: false,
    });
    const set = settingsOf({
      ...DEFAULT_SETTINGS,
      modelId: 'dit-base',
      steps: '30',
      guidance: '5',
      seed: '7',
      batch: 12,
      thinking: true,
    });
    expect(set).toMatchObject({
      modelId: 'dit-base',
      steps: 30,
      guidanceScale: 5,
      seeds: [7],
      batchSize: 8,
      thinking: true,
      useCotMetas: true,
      useCotLanguage: true,
    });
    expect(settingsOf({ ...DEFAULT_SETTINGS, thinking: true }, { lm: false }).thinking).toBe(false);
  });

  it('check parameters with the contract schema and name the first problem', () => {
    const bad = checkParams({ kind: 'generate', caption: 'x'.repeat(2001) });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok ? '' : bad.message).toMatch(/^caption/);
    expect(checkParams({ kind: 'generate', caption: 'ok' }).ok).toBe(true);
    expect(counter('abc', 2)).toEqual({ count: 3, over: true });
  });

  it('fill the song fields from an LM draft, keeping only values the model knows', () => {
    const draft: SongDraft = {
      caption: 'ballad',
      lyrics: '[Verse]',
      instrumental: false,
      bpm: 72,
      durationSeconds: 90,
      keyScale: 'F# minor',
      timeSignature: 5,
      language: 'xx',
      genres: null,
    };
    const song = songFromDraft(draft, { ...EMPTY_SONG, language: 'fr' });
    expect(song).toEqual({
      caption: 'ballad',
      lyrics: '[Verse]',
      instrumental: false,
      language: 'fr',
      bpm: '72',
      keyScale: 'F# minor',
      timeSignature: '',
      duration: '90',
    });
  });
});
