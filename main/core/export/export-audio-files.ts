/**
 * The audio files of an export: each stem (its track alone, no master processing) and the mix
 * (every audible track), all over the same range and the same length, each with its WAV chunks
 * or tags. Loudness normalisation, when asked for, applies to the mix only.
 */
import { throwIfCancelled } from '../../../app/errors.ts';
import type { ExportFileRole } from '../../../app/export/export-options.ts';
import type { ExportPlan } from '../../../app/export/export-plan.ts';
import type { TrackId } from '../../../app/model/ids.ts';
import type { MusicalKey, ProjectState } from '../../../app/model/project.ts';
import type { JobContext } from '../services/job-registry.ts';
import type { AudioFileTags, StereoBuffer } from './export-audio.ts';
import type { ExportJobDeps, ExportJobInput } from './export-job.ts';
import type { ExportStaging } from './export-staging.ts';
import { acidChunk, bextChunk, type RiffChunk, tonicMidiNote } from './formats/wav-chunks.ts';
import { normalisationGain, samplePeak } from './loudness.ts';
import { exportSeconds } from './project-files.ts';

interface AudioJob {
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

function audioJobs(input: ExportJobInput): AudioJob[] {
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

function wavChunks(
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
      description: `${job.title} — ${plan.projectName}`,
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

function applyGain(buffer: StereoBuffer, gain: number): void {
  for (const channel of buffer.channels) {
    for (let i = 0; i < channel.length; i += 1) {
      channel[i] = (channel[i] ?? 0) * gain;
    }
  }
}

const formatDb = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} dB`;

/** Normalises the mix when asked; returns its loudness for the bext chunk and any notes. */
function finishMix(
  input: ExportJobInput,
  buffer: StereoBuffer,
  notes: string[],
): number | undefined {
  const target = input.options.normalizeMix;
  if (target === null) {
    return undefined;
  }
  const result = normalisationGain(buffer.channels, target.targetLufs);
  if (!Number.isFinite(result.measuredLufs)) {
    notes.push('The mix is silent, so it was not loudness-normalised.');
    return undefined;
  }
  applyGain(buffer, result.gain);
  if (result.peakLimited) {
    notes.push(
      `The mix reached ${result.resultLufs.toFixed(1)} LUFS, not ${target.targetLufs} LUFS: more gain would have clipped it.`,
    );
  }
  return result.resultLufs;
}

function clipNote(job: AudioJob, input: ExportJobInput, buffer: StereoBuffer): string | null {
  const floatWav =
    input.plan.format.container === 'wav' && input.plan.format.sampleFormat === 'float32';
  const peak = samplePeak(buffer.channels);
  if (floatWav || peak <= 1) {
    return null;
  }
  return `${job.fileName} peaks at ${formatDb(20 * Math.log10(peak))} FS and clips in this format; 32-bit float WAV keeps it intact.`;
}

/** Renders, encodes and writes every planned audio file; returns notes for the user. */
export async function writeAudioFiles(
  deps: ExportJobDeps,
  input: ExportJobInput,
  staging: ExportStaging,
  roles: Map<string, ExportFileRole>,
  context: JobContext,
): Promise<string[]> {
  const { plan } = input;
  const { signal } = context;
  const jobs = audioJobs(input);
  const notes: string[] = [];
  for (const [i, job] of jobs.entries()) {
    throwIfCancelled(signal);
    context.progress('encode', i / jobs.length, { step: i, totalSteps: jobs.length });
    const rendered = await deps.audio.render(
      {
        state: job.state,
        trackIds: job.trackIds,
        start: plan.range.start,
        frames: plan.range.end - plan.range.start,
      },
      signal,
    );
    const lufs = job.role === 'mix' ? finishMix(input, rendered, notes) : undefined;
    const note = clipNote(job, input, rendered);
    if (note !== null) {
      notes.push(note);
    }
    const output =
      plan.sampleRate === rendered.sampleRate && rendered.channels[0].length === plan.outputFrames
        ? rendered
        : await deps.audio.resample(rendered, plan.sampleRate, plan.outputFrames, signal);
    const tags = fileTags(deps, input, job, lufs);
    const bytes = await deps.audio.encode(output, plan.format, tags, signal);
    roles.set(job.fileName, job.role);
    await staging.write(job.fileName, bytes, signal);
  }
  context.progress('encode', 1, { step: jobs.length, totalSteps: jobs.length });
  return notes;
}

function fileTags(
  deps: ExportJobDeps,
  input: ExportJobInput,
  job: AudioJob,
  lufs: number | undefined,
): AudioFileTags {
  const { tempo, key } = input.state.meta;
  const plan: ExportPlan = input.plan;
  return {
    title: job.title,
    album: plan.projectName,
    ...(job.trackNumber === undefined ? {} : { trackNumber: job.trackNumber }),
    bpm: tempo,
    key: keyTag(key),
    comment: `Exported by Layerline: ${tempo} bpm${key === null ? '' : `, ${key.tonic} ${key.mode}`}`,
    wavChunks: plan.format.container === 'wav' ? wavChunks(deps, input, job, lufs) : [],
  };
}
