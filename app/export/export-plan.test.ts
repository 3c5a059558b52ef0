import { describe, expect, it } from 'vitest';

import { makeClip, makeTrack } from '../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../tests/helpers/random.ts';
import { isStudioError, type StudioError } from '../errors.ts';
import { defaultProjectMeta, type ProjectState, type Track } from '../model/project.ts';
import { defaultExportOptions, type ExportOptions } from './export-options.ts';
import { planExport, type PlanInput } from './export-plan.ts';

const random = seededRandom(11);

function track(name: string, patch: Partial<Track> = {}): Track {
  return { ...makeTrack(random, name), mute: false, solo: false, ...patch };
}

/** 120 bpm 4/4 in A minor: one beat (960 ticks) is 0.5 s = 24 000 samples. */
function song(): { state: ProjectState; drums: Track; bass: Track; empty: Track } {
  const drums = track('Drums');
  const bass = track('Bass', { mute: true });
  const empty = track('Pads');
  const clip = (trackId: string, start: number, length: number) => ({
    ...makeClip(random, trackId),
    start,
    length,
  });
  const state = {
    meta: { ...defaultProjectMeta(), key: { tonic: 'A', mode: 'minor' } },
    tracks: [drums, bass, empty],
    clips: [clip(drums.id, 0, 4 * 960), clip(bass.id, 8 * 960, 8 * 960)],
  } as ProjectState;
  return { state, drums, bass, empty };
}

function input(state: ProjectState, patch: Partial<ExportOptions> = {}): PlanInput {
  return {
    projectName: 'My Song',
    state,
    options: { ...defaultExportOptions(), ...patch },
    hasTimedLyrics: false,
  };
}

function refusal(run: () => unknown): StudioError {
  try {
    run();
  } catch (error) {
    if (isStudioError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the plan to refuse');
}

describe('planExport', () => {
  it('lays out stems in arrangement order, the mix, tempo map and project files', () => {
    const { state, drums, bass, empty } = song();
    const plan = planExport(input(state));
    expect(plan.stems.map((s) => [s.fileName, s.trackId])).toEqual([
      ['01_Drums_120bpm_Amin.wav', drums.id],
      ['02_Bass_120bpm_Amin.wav', bass.id],
    ]);
    expect(plan.mix?.fileName).toBe('My_Song_Mix_120bpm_Amin.wav');
    expect(plan.tempoMap?.fileName).toBe('My_Song_120bpm_Amin_TempoMap.mid');
    expect(plan.reaper?.fileName).toBe('My_Song.RPP');
    expect(plan.dawproject?.fileName).toBe('My_Song.dawproject');
    expect(plan.baseName).toBe('My_Song_120bpm_Amin');
    expect(plan.skipped).toEqual([{ trackId: empty.id, name: 'Pads', reason: 'noClips' }]);
    expect(plan.notes.join(' ')).toContain('“Pads” has no clip');
  });

  it('spans the whole song from 0 to the end of the last clip, for every file alike', () => {
    const plan = planExport(input(song().state));
    // The bass clip ends at beat 16: 16 × 24 000 samples.
    expect(plan.range).toEqual({ start: 0, end: 384_000, startTicks: 0, endTicks: 16 * 960 });
    expect(plan.outputFrames).toBe(384_000);
  });

  it('resamples the length exactly for 44.1 kHz', () => {
    const plan = planExport(input(song().state, { sampleRate: 44_100 }));
    expect(plan.outputFrames).toBe(352_800); // 8 s × 44 100
  });

  it('exports a selection and names it by bars', () => {
    const { state, drums } = song();
    const plan = planExport(
      input(state, { range: { kind: 'selection', start: 960 as never, end: (3 * 960) as never } }),
    );
    expect(plan.range).toEqual({ start: 24_000, end: 72_000, startTicks: 960, endTicks: 2880 });
    expect(plan.outputFrames).toBe(48_000);
    expect(plan.baseName).toBe('My_Song_120bpm_Amin_bars_1.2-1.4');
    // Only the drums play between beats 2 and 4.
    expect(plan.stems.map((s) => s.trackId)).toEqual([drums.id]);
    expect(plan.skipped.map((s) => s.name)).toEqual(['Bass', 'Pads']);
  });

  it('writes stems only of the chosen tracks, still numbered in arrangement order', () => {
    const { state, bass } = song();
    const plan = planExport(input(state, { trackIds: [bass.id], mix: false }));
    expect(plan.stems.map((s) => s.fileName)).toEqual(['01_Bass_120bpm_Amin.wav']);
    expect(plan.stems[0]?.trackIndex).toBe(1);
    expect(plan.mix).toBeNull();
  });

  it('adds an LRC beside the mix only when the song has timed lyrics', () => {
    const { state } = song();
    expect(planExport(input(state)).lyrics).toBeNull();
    expect(planExport(input(state)).notes.join(' ')).toContain('no timed lyrics');
    const withLyrics = planExport({ ...input(state), hasTimedLyrics: true });
    expect(withLyrics.lyrics?.fileName).toBe('My_Song_Mix_120bpm_Amin.lrc');
  });

  it('uses the format and keeps names unique when track names collide', () => {
    const { state } = song();
    const twins = { ...state, tracks: state.tracks.map((t) => ({ ...t, name: 'Same' })) };
    const plan = planExport(
      input(twins, { format: { container: 'flac', sampleFormat: 'int24' }, mix: false }),
    );
    expect(plan.stems.map((s) => s.fileName)).toEqual([
      '01_Same_120bpm_Amin.flac',
      '02_Same_120bpm_Amin.flac',
    ]);
  });

  it('notes a silent mix when every track is muted', () => {
    const { state } = song();
    const muted = { ...state, tracks: state.tracks.map((t) => ({ ...t, mute: true })) };
    expect(planExport(input(muted)).notes).toContain('Every track is muted, so the mix is silent.');
  });
});

describe('planExport refuses what would give a useless export', () => {
  const reasonOf = (run: () => unknown) => {
    const error = refusal(run);
    return [error.code, (error.details as { reason?: string } | undefined)?.reason];
  };

  it('an empty project', () => {
    const state = { meta: defaultProjectMeta(), tracks: [], clips: [] };
    expect(reasonOf(() => planExport(input(state)))).toEqual(['VALIDATION_FAILED', 'emptyProject']);
  });

  it('a project whose tracks have no clips', () => {
    const state = { meta: defaultProjectMeta(), tracks: [track('A')], clips: [] };
    expect(reasonOf(() => planExport(input(state)))).toEqual(['VALIDATION_FAILED', 'noAudio']);
  });

  it('a selection of zero length', () => {
    const range = { kind: 'selection', start: 960, end: 960 } as ExportOptions['range'];
    expect(reasonOf(() => planExport(input(song().state, { range })))).toEqual([
      'VALIDATION_FAILED',
      'emptySelection',
    ]);
  });

  it('a selection where nothing plays', () => {
    const range = { kind: 'selection', start: 100 * 960, end: 104 * 960 } as ExportOptions['range'];
    expect(reasonOf(() => planExport(input(song().state, { range })))).toEqual([
      'VALIDATION_FAILED',
      'silentRange',
    ]);
  });

  it('only a track without clips, and no mix', () => {
    const { state, empty } = song();
    expect(reasonOf(() => planExport(input(state, { trackIds: [empty.id], mix: false })))).toEqual([
      'VALIDATION_FAILED',
      'noStems',
    ]);
  });

  it('neither mix nor stems, or project files without stems', () => {
    const { state } = song();
    expect(reasonOf(() => planExport(input(state, { mix: false, stems: false })))).toEqual([
      'VALIDATION_FAILED',
      'nothingChosen',
    ]);
    expect(reasonOf(() => planExport(input(state, { stems: false })))).toEqual([
      'VALIDATION_FAILED',
      'projectFilesNeedStems',
    ]);
  });

  it('an unknown track id', () => {
    const unknown = track('Ghost').id;
    expect(reasonOf(() => planExport(input(song().state, { trackIds: [unknown] })))[0]).toBe(
      'NOT_FOUND',
    );
  });

  it('an export longer than two hours', () => {
    const { state, drums } = song();
    const long = { ...state, clips: [{ ...state.clips[0]!, trackId: drums.id, length: 2 ** 24 }] };
    expect(reasonOf(() => planExport(input(long as ProjectState)))[0]).toBe('TOO_LARGE');
  });
});
