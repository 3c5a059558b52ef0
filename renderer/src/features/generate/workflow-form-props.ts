/** What every workflow form gets from the panel: the project, the selection, edits. */
import type { EditOp } from '../../../../app/model/edits.ts';
import type { Clip, ProjectSnapshot } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';

export interface WorkflowFormProps {
  snapshot: ProjectSnapshot;
  /** The time selection (ruler or lane drag), if any. */
  selection: TimeSelection | null;
  /** The one selected clip, if exactly one is selected. */
  selectedClip: Clip | null;
  onEdit: (edits: EditOp[], label?: string) => void;
}

/** The range a form works on: the time selection, else the selected clip's span. */
export function workingRange(props: WorkflowFormProps): { start: number; end: number } | null {
  if (props.selection !== null) {
    return { start: props.selection.start, end: props.selection.end };
  }
  const clip = props.selectedClip;
  return clip === null ? null : { start: clip.start, end: clip.start + clip.length };
}
