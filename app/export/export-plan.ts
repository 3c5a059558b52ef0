/**
 * The export plan: from a project state and the chosen options, which files an export writes,
 * under which names, over which sample range and at which length. Pure, so the dialog can show
 * the same names the job writes. Refuses what cannot give a useful export with a clear
 * VALIDATION_FAILED whose `details.reason` says why.
 */
import { StudioError } from '../errors.ts';
import type { TrackId } from '../model/ids.ts';
import { instrumentLabel } from '../model/instrument.ts';
import type { Clip, ProjectState, Track } from '../model/project.ts';
import { formatBarsBeats } from '../timeline/musical-time.ts';
import { ticksToSamples } from '../timeline/tempo.ts';
import {
  sampleRate as toSampleRate,
  type Samples,
  samples,
  STUDIO_SAMPLE_RATE,
  type Ticks,
  ticks,
} from '../timeline/units.ts';
import type {
  AudioFormat,
  ExportOptions,
  ExportSampleRate,
  SkippedTrack,
} from './export-options.ts';
import { musicalSuffix, projectNamePart, stemBaseName, uniqueFileNames } from './file-names.ts';

/** The longest export, in seconds (two hours): longer ones fail with TOO_LARGE. */
export const MAX_EXPORT_SECONDS = 2 * 60 * 60;

export type PlanRefusal =
  | 'emptyProject'
  | 'noAudio'
  | 'emptySelection'
  | 'silentRange'
  | 'nothingChosen'
  | 'noStems'
  | 'projectFilesNeedStems';

export interface PlannedStem {
  trackId: TrackId;
  trackName: string;
  /** Position in the track list (arrangement order), from 0. */
  trackIndex: number;
  fileName: string;
}

export interface ExportPlan {
  projectName: string;
  /** The folder's name, and the zip's without ".zip". */
  baseName: string;
  /** The exported range on the timeline, in studio samples (48 kHz) and in ticks. */
  range: { start: Samples; end: Samples; startTicks: Ticks; endTicks: Ticks };
  sampleRate: ExportSampleRate;
  /** Frames in every audio file at the output rate: each stem and the mix are this long. */
  outputFrames: number;
  format: AudioFormat;
  stems: PlannedStem[];
  mix: { fileName: string } | null;
  tempoMap: { fileName: string } | null;
  lyrics: { fileName: string } | null;
  reaper: { fileName: string } | null;
  dawproject: { fileName: string } | null;
  skipped: SkippedTrack[];
  notes: string[];
}

export interface PlanInput {
  projectName: string;
  state: ProjectState;
  options: ExportOptions;
  /** Whether the song has timed lyrics (an LRC is written only then). */
  hasTimedLyrics: boolean;
}

const refuse = (reason: PlanRefusal, message: string): StudioError =>
  new StudioError('VALIDATION_FAILED', message, { reason });

export function audioExtension(format: AudioFormat): string {
  return `.${format.container}`;
}

function clipEnd(clip: Clip, state: ProjectState): Samples {
  return ticksToSamples(
    ticks(clip.start + clip.length),
    state.meta.tempo,
    toSampleRate(STUDIO_SAMPLE_RATE),
  );
}

function clipStart(clip: Clip, state: ProjectState): Samples {
  return ticksToSamples(clip.start, state.meta.tempo, toSampleRate(STUDIO_SAMPLE_RATE));
}

/** The exported range in samples and ticks; throws for an empty song or selection. */
function resolveRange(state: ProjectState, options: ExportOptions): ExportPlan['range'] {
  const rate = toSampleRate(STUDIO_SAMPLE_RATE);
  if (options.range.kind === 'selection') {
    const { start, end } = options.range;
    if (end <= start) {
      throw refuse(
        'emptySelection',
        'The selection is empty: choose a range with a length before exporting it.',
      );
    }
    return {
      start: ticksToSamples(start, state.meta.tempo, rate),
      end: ticksToSamples(end, state.meta.tempo, rate),
      startTicks: start,
      endTicks: end,
    };
  }
  const end = Math.max(0, ...state.clips.map((clip) => clipEnd(clip, state)));
  const endTicks = Math.max(0, ...state.clips.map((clip) => clip.start + clip.length));
  return { start: samples(0), end: samples(end), startTicks: ticks(0), endTicks: ticks(endTicks) };
}

/** True when `track` has a clip that sounds somewhere in `range`. */
function hasClipIn(state: ProjectState, track: Track, range: ExportPlan['range']): boolean {
  return state.clips.some(
    (clip) =>
      clip.trackId === track.id &&
      clipStart(clip, state) < range.end &&
      clipEnd(clip, state) > range.start,
  );
}

/** Tracks the mix hears: unmuted, and soloed when any track is soloed. */
export function audibleTracks(tracks: readonly Track[]): Track[] {
  const soloing = tracks.some((track) => track.solo);
  return tracks.filter((track) => !track.mute && (!soloing || track.solo));
}

function checkChoice(options: ExportOptions): void {
  if (!options.mix && !options.stems) {
    throw refuse('nothingChosen', 'Choose the mix, the stems or both to export.');
  }
  const wantsProject = options.projectFiles.reaper || options.projectFiles.dawproject;
  if (wantsProject && !options.stems) {
    throw refuse(
      'projectFilesNeedStems',
      'REAPER and DAWproject files open the stems: export the stems too, or leave the project files out.',
    );
  }
}

function chooseTracks(
  state: ProjectState,
  options: ExportOptions,
  range: ExportPlan['range'],
): { chosen: Track[]; skipped: SkippedTrack[] } {
  if (!options.stems) {
    return { chosen: [], skipped: [] };
  }
  const wanted = options.trackIds === null ? null : new Set<string>(options.trackIds);
  if (wanted !== null) {
    const unknown = [...wanted].find((id) => !state.tracks.some((track) => track.id === id));
    if (unknown !== undefined) {
      throw new StudioError('NOT_FOUND', `No track with id ${unknown} in this project.`, {
        kind: 'track',
        id: unknown,
      });
    }
  }
  const chosen: Track[] = [];
  const skipped: SkippedTrack[] = [];
  for (const track of state.tracks) {
    if (wanted !== null && !wanted.has(track.id)) {
      continue;
    }
    if (hasClipIn(state, track, range)) {
      chosen.push(track);
    } else {
      skipped.push({ trackId: track.id, name: track.name, reason: 'noClips' });
    }
  }
  return { chosen, skipped };
}

function rangeLabel(state: ProjectState, options: ExportOptions): string {
  if (options.range.kind === 'song') {
    return '';
  }
  const signature = state.meta.timeSignature;
  const from = formatBarsBeats(options.range.start, signature);
  const to = formatBarsBeats(options.range.end, signature);
  return `_bars_${from}-${to}`;
}

/** Checks the project and options and lays out every file; throws a clear StudioError. */
export function planExport(input: PlanInput): ExportPlan {
  const { state, options } = input;
  if (state.tracks.length === 0) {
    throw refuse('emptyProject', 'This project has no tracks yet: there is nothing to export.');
  }
  if (state.clips.length === 0) {
    throw refuse('noAudio', 'No track has a clip yet: there is no audio to export.');
  }
  checkChoice(options);
  const range = resolveRange(state, options);
  if (!state.tracks.some((track) => hasClipIn(state, track, range))) {
    throw refuse('silentRange', 'No clip plays in the chosen range: there is nothing to hear.');
  }
  const seconds = (range.end - range.start) / STUDIO_SAMPLE_RATE;
  if (seconds > MAX_EXPORT_SECONDS) {
    throw new StudioError(
      'TOO_LARGE',
      `The export would be ${Math.round(seconds / 60)} minutes long; at most ${MAX_EXPORT_SECONDS / 60} minutes can be exported at once.`,
      { seconds },
    );
  }
  const { chosen, skipped } = chooseTracks(state, options, range);
  if (options.stems && chosen.length === 0 && !options.mix) {
    throw refuse('noStems', 'None of the chosen tracks has a clip in the range.');
  }
  return layOut(input, range, chosen, skipped);
}

interface PlannedNames {
  stems: string[];
  mix: { fileName: string } | null;
  tempoMap: { fileName: string } | null;
  lyrics: { fileName: string } | null;
  reaper: { fileName: string } | null;
  dawproject: { fileName: string } | null;
}

/** Every file's name, unique within the export (ignoring case). */
function fileNames(input: PlanInput, chosen: Track[]): PlannedNames {
  const { state, options } = input;
  const { tempo, key } = state.meta;
  const extension = audioExtension(options.format);
  const project = projectNamePart(input.projectName);
  const suffix = musicalSuffix(tempo, key);
  const stemNames = chosen.map(
    (track, i) =>
      `${stemBaseName({
        index: i,
        count: chosen.length,
        trackName: track.name,
        fallbackName: instrumentLabel(track.instrument),
        tempo,
        key,
      })}${extension}`,
  );
  const mixBase = `${project}_Mix${suffix}`;
  const hasStems = chosen.length > 0;
  const others = [
    options.mix ? `${mixBase}${extension}` : null,
    options.tempoMap ? `${project}${suffix}_TempoMap.mid` : null,
    options.lyrics && input.hasTimedLyrics ? `${options.mix ? mixBase : project}.lrc` : null,
    hasStems && options.projectFiles.reaper ? `${project}.RPP` : null,
    hasStems && options.projectFiles.dawproject ? `${project}.dawproject` : null,
  ];
  const unique = uniqueFileNames([...stemNames, ...others.filter((n) => n !== null)]);
  const nameAt = (i: number): string => {
    const name = unique[i];
    if (name === undefined) {
      throw new StudioError('INTERNAL', 'The export plan lost a file name.');
    }
    return name;
  };
  let next = stemNames.length;
  const take = (name: string | null) => (name === null ? null : { fileName: nameAt(next++) });
  const [mix, tempoMap, lyrics, reaper, dawproject] = others.map(take);
  return {
    stems: stemNames.map((_, i) => nameAt(i)),
    mix: mix ?? null,
    tempoMap: tempoMap ?? null,
    lyrics: lyrics ?? null,
    reaper: reaper ?? null,
    dawproject: dawproject ?? null,
  };
}

function planNotes(input: PlanInput, chosen: Track[], skipped: SkippedTrack[]): string[] {
  const { state, options } = input;
  const notes = skipped.map(
    (track) => `“${track.name}” has no clip in the range, so it has no stem.`,
  );
  if (options.stems && chosen.length === 0) {
    notes.push('No chosen track has a clip in the range, so only the mix was written.');
  }
  if (options.lyrics && !input.hasTimedLyrics) {
    notes.push('The song has no timed lyrics, so no LRC file was written.');
  }
  if (options.mix && audibleTracks(state.tracks).length === 0) {
    notes.push('Every track is muted, so the mix is silent.');
  }
  return notes;
}

function layOut(
  input: PlanInput,
  range: ExportPlan['range'],
  chosen: Track[],
  skipped: SkippedTrack[],
): ExportPlan {
  const { state, options } = input;
  const names = fileNames(input, chosen);
  const frames = range.end - range.start;
  return {
    projectName: input.projectName,
    baseName: `${projectNamePart(input.projectName)}${musicalSuffix(state.meta.tempo, state.meta.key)}${rangeLabel(state, options)}`,
    range,
    sampleRate: options.sampleRate,
    outputFrames: Math.round((frames * options.sampleRate) / STUDIO_SAMPLE_RATE),
    format: options.format,
    stems: chosen.map((track, i) => ({
      trackId: track.id,
      trackName: track.name,
      trackIndex: state.tracks.indexOf(track),
      fileName: names.stems[i] ?? '',
    })),
    mix: names.mix,
    tempoMap: names.tempoMap,
    lyrics: names.lyrics,
    reaper: names.reaper,
    dawproject: names.dawproject,
    skipped,
    notes: planNotes(input, chosen, skipped),
  };
}
