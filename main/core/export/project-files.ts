/**
 * The companion files of an export, from its plan: the tempo-map MIDI, the LRC and the
 * REAPER and DAWproject projects. Everything is timed from the export's start (time 0 is the
 * first sample of every stem), so positions agree across files.
 */
import type { ExportOptions } from '../../../app/export/export-options.ts';
import type { ExportPlan, PlannedStem } from '../../../app/export/export-plan.ts';
import type { SongTimeline } from '../../../app/export/song-timeline.ts';
import type { ProjectState, Track } from '../../../app/model/project.ts';
import { dbToGain } from '../../../app/timeline/tempo.ts';
import { PPQN, STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import type { DawProjectInput } from './formats/dawproject.ts';
import { writeTempoMapMidi } from './formats/midi-tempo-map.ts';
import type { ReaperProjectInput, ReaperSourceType } from './formats/reaper-project.ts';

/** The exported length in seconds (every audio file is this long). */
export function exportSeconds(plan: ExportPlan): number {
  return plan.outputFrames / plan.sampleRate;
}

/** Marker ticks relative to the export's start, only those inside it. */
function markersInRange(plan: ExportPlan, song: SongTimeline) {
  const length = plan.range.endTicks - plan.range.startTicks;
  return song.markers
    .map((marker) => ({ tick: marker.tick - plan.range.startTicks, name: marker.name }))
    .filter((marker) => marker.tick >= 0 && marker.tick < length);
}

export function tempoMapBytes(plan: ExportPlan, state: ProjectState, song: SongTimeline) {
  const { tempo, timeSignature, key } = state.meta;
  return writeTempoMapMidi({
    name: plan.projectName,
    tempos: [{ tick: 0, bpm: tempo }],
    meters: [{ tick: 0, ...timeSignature }],
    key,
    markers: markersInRange(plan, song),
    endTick: plan.range.endTicks - plan.range.startTicks,
  });
}

/** Marker times in seconds from the export's start. */
function markerSeconds(plan: ExportPlan, state: ProjectState, song: SongTimeline) {
  const secondsPerTick = 60 / (state.meta.tempo * PPQN);
  return markersInRange(plan, song).map((marker) => ({
    seconds: marker.tick * secondsPerTick,
    name: marker.name,
  }));
}

/** A stem's fader in the project files: unity when the stem already carries it. */
function faderOf(track: Track, options: ExportOptions): { volume: number; pan: number } {
  return options.stemLevels === 'preFader'
    ? { volume: dbToGain(track.gainDb), pan: track.pan }
    : { volume: 1, pan: 0 };
}

function stemTracks(plan: ExportPlan, state: ProjectState) {
  return plan.stems.map((stem: PlannedStem) => {
    const track = state.tracks[stem.trackIndex];
    if (track?.id !== stem.trackId) {
      throw new Error(`The plan's stem ${stem.fileName} lost its track.`);
    }
    return { stem, track };
  });
}

const SOURCE_TYPE: Record<ExportPlan['format']['container'], ReaperSourceType> = {
  wav: 'WAVE',
  flac: 'FLAC',
  mp3: 'MP3',
};

export function reaperProjectInput(
  plan: ExportPlan,
  state: ProjectState,
  options: ExportOptions,
  song: SongTimeline,
  savedAt: number,
): ReaperProjectInput {
  const seconds = exportSeconds(plan);
  return {
    tempo: state.meta.tempo,
    meter: state.meta.timeSignature,
    sampleRate: plan.sampleRate,
    markers: markerSeconds(plan, state, song),
    savedAt,
    tracks: stemTracks(plan, state).map(({ stem, track }) => ({
      id: track.id,
      name: track.name,
      file: stem.fileName,
      sourceType: SOURCE_TYPE[plan.format.container],
      positionSeconds: 0,
      lengthSeconds: seconds,
      ...faderOf(track, options),
      mute: track.mute,
      solo: track.solo,
    })),
  };
}

/** Where a stem sits inside the .dawproject container. */
export const dawprojectAudioPath = (fileName: string): string => `audio/${fileName}`;

export function dawProjectInput(
  plan: ExportPlan,
  state: ProjectState,
  options: ExportOptions,
  song: SongTimeline,
  appVersion: string,
): DawProjectInput {
  const seconds = exportSeconds(plan);
  const { tempo, key } = state.meta;
  return {
    application: { name: 'Layerline', version: appVersion },
    title: plan.projectName,
    tempo,
    meter: state.meta.timeSignature,
    markers: markerSeconds(plan, state, song),
    comment: key === null ? `${tempo} bpm` : `${tempo} bpm, ${key.tonic} ${key.mode}`,
    tracks: stemTracks(plan, state).map(({ stem, track }) => ({
      name: track.name,
      color: track.color,
      path: dawprojectAudioPath(stem.fileName),
      sampleRate: plan.sampleRate,
      channels: 2,
      positionSeconds: 0,
      lengthSeconds: seconds,
      ...faderOf(track, options),
      mute: track.mute,
      solo: track.solo,
    })),
  };
}

/** Seconds of the song before the export's start, for shifting lyrics. */
export function exportOffsetSeconds(plan: ExportPlan): number {
  return plan.range.start / STUDIO_SAMPLE_RATE;
}
