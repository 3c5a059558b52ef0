/** The export dialog's choices and how they become `export.start` options and a plan preview. */
import {
  type AudioFormat,
  defaultExportOptions,
  type ExportOptions,
  type ExportSampleRate,
  type StemLevels,
} from '../../../../app/export/export-options.ts';
import { type ExportPlan, planExport } from '../../../../app/export/export-plan.ts';
import { songTimelineOf } from '../../../../app/export/song-timeline.ts';
import type { TrackId } from '../../../../app/model/ids.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';

export const FORMAT_CHOICES = [
  { id: 'wav-int24', format: { container: 'wav', sampleFormat: 'int24' } },
  { id: 'wav-float32', format: { container: 'wav', sampleFormat: 'float32' } },
  { id: 'wav-int16', format: { container: 'wav', sampleFormat: 'int16' } },
  { id: 'flac-int24', format: { container: 'flac', sampleFormat: 'int24' } },
  { id: 'flac-int16', format: { container: 'flac', sampleFormat: 'int16' } },
  { id: 'mp3-320', format: { container: 'mp3', bitrateKbps: 320 } },
  { id: 'mp3-256', format: { container: 'mp3', bitrateKbps: 256 } },
  { id: 'mp3-192', format: { container: 'mp3', bitrateKbps: 192 } },
  { id: 'mp3-128', format: { container: 'mp3', bitrateKbps: 128 } },
] as const satisfies readonly { id: string; format: AudioFormat }[];

export type FormatChoiceId = (typeof FORMAT_CHOICES)[number]['id'];

export interface ExportForm {
  range: 'song' | 'selection';
  stems: boolean;
  mix: boolean;
  /** Tracks left out of the stems (all others are exported). */
  excluded: ReadonlySet<TrackId>;
  format: FormatChoiceId;
  sampleRate: ExportSampleRate;
  stemLevels: StemLevels;
  normalize: boolean;
  targetLufs: number;
  tempoMap: boolean;
  lyrics: boolean;
  reaper: boolean;
  dawproject: boolean;
  output: 'folder' | 'zip';
}

/** Engineers' defaults; in a browser the export downloads, so it is one zip. */
export function initialExportForm(host: 'electron' | 'server'): ExportForm {
  const defaults = defaultExportOptions();
  return {
    range: 'song',
    stems: defaults.stems,
    mix: defaults.mix,
    excluded: new Set(),
    format: 'wav-int24',
    sampleRate: defaults.sampleRate,
    stemLevels: defaults.stemLevels,
    normalize: false,
    targetLufs: -14,
    tempoMap: defaults.tempoMap,
    lyrics: defaults.lyrics,
    reaper: defaults.projectFiles.reaper,
    dawproject: defaults.projectFiles.dawproject,
    output: host === 'server' ? 'zip' : 'folder',
  };
}

function formatOf(id: FormatChoiceId): AudioFormat {
  return FORMAT_CHOICES.find((choice) => choice.id === id)?.format ?? FORMAT_CHOICES[0].format;
}

export function toExportOptions(
  form: ExportForm,
  snapshot: ProjectSnapshot,
  selection: TimeSelection | null,
): ExportOptions {
  const range: ExportOptions['range'] =
    form.range === 'selection' && selection !== null
      ? { kind: 'selection', start: selection.start, end: selection.end }
      : { kind: 'song' };
  const chosen = snapshot.state.tracks
    .map((track) => track.id)
    .filter((id) => !form.excluded.has(id));
  return {
    range,
    mix: form.mix,
    stems: form.stems,
    trackIds: form.excluded.size === 0 ? null : chosen,
    format: formatOf(form.format),
    sampleRate: form.sampleRate,
    stemLevels: form.stemLevels,
    normalizeMix: form.normalize ? { targetLufs: form.targetLufs } : null,
    tempoMap: form.tempoMap,
    lyrics: form.lyrics,
    projectFiles: { reaper: form.stems && form.reaper, dawproject: form.stems && form.dawproject },
    output: form.output,
  };
}

export type PlanPreview = { ok: true; plan: ExportPlan } | { ok: false; error: unknown };

/** The plan the job will follow, or why the export cannot run, as the dialog shows it. */
export function previewExport(snapshot: ProjectSnapshot, options: ExportOptions): PlanPreview {
  try {
    return {
      ok: true,
      plan: planExport({
        projectName: snapshot.name,
        state: snapshot.state,
        options,
        hasTimedLyrics: songTimelineOf(snapshot.state).lyrics.length > 0,
      }),
    };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Every file name the export will write, in order, for the preview list. */
export function plannedFileNames(plan: ExportPlan): string[] {
  return [
    ...plan.stems.map((stem) => stem.fileName),
    ...[plan.mix, plan.tempoMap, plan.lyrics, plan.reaper, plan.dawproject]
      .filter((file) => file !== null)
      .map((file) => file.fileName),
  ];
}
