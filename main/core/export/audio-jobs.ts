/**
 * The audio files of an export as jobs: each stem (its track alone, no master processing) and
 * the mix (every audible track), all over the same range, each with its WAV chunks and tags.
 */
import type { ExportPlan } from '../../../app/export/export-plan.ts';
import type { TrackId } from '../../../app/model/ids.ts';
import type { MusicalKey, ProjectState } from '../../../app/model/project.ts';
import { riffInfoChunk, type TextTags } from '../audio/encode/file-tags.ts';
import type { ExportJobDeps, ExportJobInput } from './export-job.ts';
import { acidChunk, bextChunk, type RiffChunk, tonicMidiNote } from './formats/wav-chunks.ts';
import { exportSeconds } from './project-files.ts';

export interface AudioJob {
  role: 'stem' | 'mix';
  fileName: string;
  title: string;
  trackNumber?: { number: number; total: number };
  /** The state to render: for a stem, its track alone, unmuted and unsoloed. */
  state: ProjectState;
  trackIds: readonly TrackId[];
}

/**
 * A stem hears only its own track: mute and every solo are cleared (the project files carry
 * them instead), and pre-fader stems also drop the track's gain and pan.
 */
export function stemRenderState(
  state: ProjectState,
  trackId: TrackId,
  preFader: boolean,
): ProjectState {
  return {
    ...state,
    tracks: state.tracks.map((track) =>
      track.id !== trackId
        ? { ...track, solo: false }
        : {
            ...track,
            mute: false,
            solo: false,
            ...(preFader ? { gainDb: 0 as typeof track.gainDb, pan: 0 } : {}),
          },
    ),
  };
}

export function audioJobs(input: ExportJobInput): AudioJob[] {
  const { plan, state, options } = input;
  const jobs: AudioJob[] = plan.stems.map((stem, i) => ({
    role: 'stem',
    fileName: stem.fileName,
    title: stem.trackName,
    trackNumber: { number: i + 1, total: plan.stems.length },
    state: stemRenderState(state, stem.trackId, options.stemLevels === 'preFader'),
    trackIds: [stem.trackId],
  }));
  if (plan.mix !== null) {
    jobs.push({
      role: 'mix',
      fileName: plan.mix.fileName,
      title: `${plan.projectName} (mix)`,
      state,
      trackIds: state.tracks.map((track) => track.id),
    });
  }
  return jobs;
}

/** "Am", "C#", "Bb": the ID3 TKEY spelling. */
export function keyTag(key: MusicalKey | null): string | null {
  return key === null ? null : `${key.tonic}${key.mode === 'minor' ? 'm' : ''}`;
}

/** bext (with the export's start as TimeReference) and acid (tempo, metre, root) chunks. */
export function wavChunks(
  deps: ExportJobDeps,
  input: ExportJobInput,
  job: AudioJob,
  lufs: number | undefined,
): RiffChunk[] {
  const { plan, state } = input;
  const { tempo, timeSignature, key } = state.meta;
  const bits = plan.format.container === 'wav' ? plan.format.sampleFormat : 'int24';
  const width = { int16: 16, int24: 24, float32: 32 }[bits];
  const timeReference = Math.round((plan.range.start * plan.sampleRate) / 48_000);
  return [
    bextChunk({
      description: `${job.title} - ${plan.projectName}`,
      originator: 'Layerline',
      originatorReference: job.role === 'mix' ? 'mix' : `stem-${job.trackNumber?.number ?? 0}`,
      createdAt: new Date(deps.now()),
      timeReference,
      ...(lufs === undefined ? {} : { loudness: { integratedLufs: lufs } }),
      codingHistory: [`A=PCM,F=${plan.sampleRate},W=${width},M=stereo,T=Layerline`],
    }),
    acidChunk({
      tempo,
      beats: (exportSeconds(plan) * tempo) / 60,
      meter: timeSignature,
      rootNote: key === null ? null : tonicMidiNote(key.tonic),
    }),
  ];
}

/** Title, album, track, BPM, key and comment, for LIST/INFO, Vorbis comments and ID3. */
export function tagFields(plan: ExportPlan, state: ProjectState, job: AudioJob): TextTags {
  const { tempo, key } = state.meta;
  const spelled = keyTag(key);
  return {
    title: job.title,
    album: plan.projectName,
    ...(job.trackNumber === undefined ? {} : { track: job.trackNumber }),
    bpm: tempo,
    ...(spelled === null ? {} : { key: spelled }),
    comment: `Exported by Layerline: ${tempo} bpm${key === null ? '' : `, ${key.tonic} ${key.mode}`}`,
  };
}

/** The LIST/INFO chunk a WAV file carries after its audio (text tags many DAWs show). */
export function wavInfoChunk(plan: ExportPlan, state: ProjectState, job: AudioJob): RiffChunk[] {
  const info = riffInfoChunk(tagFields(plan, state, job));
  return info === null ? [] : [info];
}
