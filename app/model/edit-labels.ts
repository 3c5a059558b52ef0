/** Short names for undo steps ("Undo Rename track"), derived from the ops of a batch. */
import type { EditOp } from './edits.ts';

/** Labels the timeline gives its clip gestures (project.applyEdits' `label`). */
export const CLIP_EDIT_LABELS = {
  move: 'Move clip',
  moveMany: 'Move clips',
  copy: 'Copy clips',
  trim: 'Trim clip',
  split: 'Split clip',
  duplicate: 'Duplicate clips',
  remove: 'Delete clips',
  fade: 'Change fade',
  gain: 'Change clip gain',
  rename: 'Rename clip',
  importAudio: 'Import audio',
} as const;

const TRACK_FIELD_LABELS = {
  name: 'Rename track',
  instrument: 'Change instrument',
  color: 'Change track colour',
  gainDb: 'Change track volume',
  pan: 'Change track pan',
  mute: 'Mute track',
  solo: 'Solo track',
} as const;

/** Every label describeEdits can give one op (the keys of the renderer's translations). */
export const OP_LABELS = [
  'Change project settings',
  'Add track',
  'Delete track',
  'Reorder tracks',
  'Change track',
  'Add clip',
  'Delete clip',
  'Edit clip',
  'Move clip',
  'Change takes',
  ...Object.values(TRACK_FIELD_LABELS),
] as const;

function labelOf(op: EditOp): string {
  switch (op.op) {
    case 'project.setMeta':
      return 'Change project settings';
    case 'track.add':
      return 'Add track';
    case 'track.remove':
      return 'Delete track';
    case 'track.move':
      return 'Reorder tracks';
    case 'track.update': {
      const fields = Object.keys(op.patch).filter(
        (key) => op.patch[key as keyof typeof op.patch] !== undefined,
      );
      const only = fields.length === 1 ? fields[0] : undefined;
      const fieldLabels: Record<string, string> = TRACK_FIELD_LABELS;
      return (only === undefined ? undefined : fieldLabels[only]) ?? 'Change track';
    }
    case 'clip.add':
      return 'Add clip';
    case 'clip.remove':
      return 'Delete clip';
    case 'clip.update':
      return op.patch.trackId === undefined ? 'Edit clip' : 'Move clip';
    case 'clip.setTakes':
      return 'Change takes';
  }
}

/** One label for a batch: the op's own when they agree, else a count. */
export function describeEdits(ops: readonly EditOp[]): string {
  const labels = [...new Set(ops.map(labelOf))];
  if (labels.length === 1 && labels[0] !== undefined) {
    return labels[0];
  }
  return `${ops.length} changes`;
}
