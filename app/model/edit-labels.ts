/** Short names for undo steps ("Undo Rename track"), derived from the ops of a batch. */
import type { EditOp } from './edits.ts';

const TRACK_FIELD_LABELS: Record<string, string> = {
  name: 'Rename track',
  instrument: 'Change instrument',
  color: 'Change track colour',
  gainDb: 'Change track volume',
  pan: 'Change track pan',
  mute: 'Mute track',
  solo: 'Solo track',
};

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
      return (only === undefined ? undefined : TRACK_FIELD_LABELS[only]) ?? 'Change track';
    }
    case 'clip.add':
      return 'Add clip';
    case 'clip.remove':
      return 'Delete clip';
    case 'clip.update':
      return op.patch.trackId === undefined ? 'Edit clip' : 'Move clip';
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
