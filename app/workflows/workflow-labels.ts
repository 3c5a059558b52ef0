/** Words for a run: its job label (the jobs tray) and its undo step ("Undo Add layer"). */
import type { ProjectState } from '../model/project.ts';
import { classTrackName } from './placement.ts';
import type { WorkflowParams } from './workflow-params.ts';

/** Undo labels of the workflows (the renderer translates them like the edit labels). */
export const WORKFLOW_UNDO_LABELS = {
  generate: 'Generate',
  addLayer: 'Add layer',
  vocalToBgm: 'Add accompaniment',
  repaint: 'Repaint',
  extend: 'Extend clip',
  extract: 'Extract stems',
  cover: 'Cover',
} as const satisfies Record<WorkflowParams['kind'], string>;

export function placementLabel(params: WorkflowParams): string {
  return WORKFLOW_UNDO_LABELS[params.kind];
}

function quoted(text: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  return `“${clean.length > 32 ? `${clean.slice(0, 31)}…` : clean}”`;
}

function clipName(state: ProjectState, clipId: string): string {
  return quoted(state.clips.find((clip) => clip.id === clipId)?.name ?? 'clip');
}

function sourceName(state: ProjectState, source: { clipId: string } | { trackId: string }): string {
  return 'clipId' in source
    ? clipName(state, source.clipId)
    : quoted(state.tracks.find((track) => track.id === source.trackId)?.name ?? 'track');
}

/** The job's label, e.g. "Add a Drums layer" or "Extract 6 stems from “Song”". */
export function describeRun(params: WorkflowParams, state: ProjectState): string {
  switch (params.kind) {
    case 'generate':
      return params.caption.trim() === ''
        ? 'Generate a song'
        : `Generate ${quoted(params.caption)}`;
    case 'addLayer':
      return `Add a ${classTrackName(params.trackClass)} layer`;
    case 'vocalToBgm':
      return `Accompaniment for ${sourceName(state, params.source)}`;
    case 'repaint':
      return 'clipId' in params.target
        ? `Repaint ${clipName(state, params.target.clipId)}`
        : `Repaint ${params.regions.length === 1 ? 'a region' : `${params.regions.length} regions`}`;
    case 'extend':
      return `Extend ${clipName(state, params.clipId)} (${params.side === 'start' ? 'before' : 'after'})`;
    case 'extract': {
      const count = new Set(params.trackClasses).size;
      const from = 'range' in params.source ? 'the mix' : sourceName(state, params.source);
      return `Extract ${count} stem${count === 1 ? '' : 's'} from ${from}`;
    }
    case 'cover':
      return `Cover of ${sourceName(state, params.source)}`;
  }
}
