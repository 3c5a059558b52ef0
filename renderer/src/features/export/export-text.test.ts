import { afterEach, describe, expect, it } from 'vitest';

import { isStudioError } from '../../../../app/errors.ts';
import { defaultExportOptions, type ExportOptions } from '../../../../app/export/export-options.ts';
import { planExport } from '../../../../app/export/export-plan.ts';
import type { Clip, ProjectState, Track } from '../../../../app/model/project.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { activateLocale } from '../../i18n/active.ts';
import type { Locale } from '../../i18n/locales.ts';
import { makeClip, makeSnapshot, makeTrack } from '../../testing/fake-studio.ts';
import { exportNoteText, formatLabel, refusalText } from './export-text.ts';

afterEach(() => {
  activateLocale('en');
});

const BAR = 4 * 960;

const clip = makeClip;

function state(tracks: Track[], clips: Clip[]): ProjectState {
  return { ...makeSnapshot({ tracks }).state, clips };
}

const drums = makeTrack('Drums');
const bass = makeTrack('Bass');
const withDrums = state([drums, bass], [clip(drums.id, 1, 0, 2 * BAR)]);
const selection = (startBar: number, endBar: number): ExportOptions['range'] => ({
  kind: 'selection',
  start: ticks(startBar * BAR),
  end: ticks(endBar * BAR),
});
const opts = (change: Partial<ExportOptions>): ExportOptions => ({
  ...defaultExportOptions(),
  ...change,
});

/** What the real planner refuses, one case per reason (and the length limit). */
const REFUSED: [string, ProjectState, ExportOptions][] = [
  ['emptyProject', state([], []), opts({})],
  ['noAudio', state([drums], []), opts({})],
  ['nothingChosen', withDrums, opts({ mix: false, stems: false })],
  ['projectFilesNeedStems', withDrums, opts({ stems: false })],
  ['emptySelection', withDrums, opts({ range: selection(1, 1) })],
  ['silentRange', withDrums, opts({ range: selection(4, 5) })],
  ['noStems', withDrums, opts({ mix: false, trackIds: [bass.id] })],
  ['tooLong', state([drums], [clip(drums.id, 2, 0, 10_000 * BAR)]), opts({})],
];

function refusal(reason: string, projectState: ProjectState, options: ExportOptions): unknown {
  try {
    planExport({ projectName: 'Song', state: projectState, options, hasTimedLyrics: false });
  } catch (error) {
    return error;
  }
  throw new Error(`the planner accepted the ${reason} case`);
}

/** Notes the real planner writes: a skipped track, mix only, no timed lyrics, all muted. */
function plannedNotes(): string[] {
  const muted = state(
    [
      { ...drums, mute: true },
      { ...bass, mute: true },
    ],
    [clip(drums.id, 1, 0, 2 * BAR)],
  );
  return [
    ...planExport({ projectName: 'S', state: withDrums, options: opts({}), hasTimedLyrics: false })
      .notes,
    ...planExport({
      projectName: 'S',
      state: muted,
      options: opts({ trackIds: [bass.id], projectFiles: { reaper: false, dawproject: false } }),
      hasTimedLyrics: true,
    }).notes,
  ];
}

const cjk = /[\u3000-\u9fff\uff00-\uffef]/u;

describe('export words', () => {
  it('say every refusal of the planner in English as the planner does, and in ja and zh', () => {
    for (const [reason, projectState, options] of REFUSED) {
      const error = refusal(reason, projectState, options);
      expect(isStudioError(error), reason).toBe(true);
      const english = (error as Error).message;
      expect(refusalText(error), reason).toBe(english);
      for (const locale of ['ja', 'zh'] as Locale[]) {
        activateLocale(locale);
        const text = refusalText(error);
        expect(text, `${locale} ${reason}`).toMatch(cjk);
        activateLocale('en');
      }
    }
    expect(refusalText(new Error('The disk is full'))).toBeNull();
  });

  it('say every note of the planner in English as the planner does, and in Japanese', () => {
    const notes = plannedNotes();
    expect(notes).toHaveLength(5);
    for (const note of notes) {
      expect(exportNoteText(note)).toBe(note);
    }
    activateLocale('ja');
    expect(notes.map(exportNoteText)).toEqual([
      '「Bass」にはこの範囲のクリップがないため、ステムはありません。',
      'この曲にはタイミング付きの歌詞がないため、LRC ファイルは書き出していません。',
      '「Bass」にはこの範囲のクリップがないため、ステムはありません。',
      '選んだトラックのどれにもこの範囲のクリップがないため、ミックスだけを書き出しました。',
      'すべてのトラックがミュートされているため、ミックスは無音です。',
    ]);
    expect(exportNoteText('Something new.')).toBe('Something new.');
  });

  it('name the formats in the active language, leaving the MP3 bit rate as it is', () => {
    expect(formatLabel({ container: 'wav', sampleFormat: 'int16' })).toBe('WAV 16-bit (dithered)');
    expect(formatLabel({ container: 'flac', sampleFormat: 'int16' })).toBe('FLAC 16-bit');
    expect(formatLabel({ container: 'wav', sampleFormat: 'float32' })).toBe('WAV 32-bit float');
    activateLocale('zh');
    expect(formatLabel({ container: 'wav', sampleFormat: 'int24' })).toBe('WAV 24 位');
    expect(formatLabel({ container: 'mp3', bitrateKbps: 320 })).toBe('MP3 320 kbps');
  });
});
