/**
 * The list view's clips of one track: a table a screen reader can walk, with each clip's
 * fields, a selection toggle and delete. The same edits as on the timeline.
 */
import { removeClips } from '../../../../app/model/clip-edits.ts';
import { CLIP_EDIT_LABELS } from '../../../../app/model/edit-labels.ts';
import type { EditOp } from '../../../../app/model/edits.ts';
import type { Clip, ProjectState } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { IconTrash } from '../../ui/icons.tsx';
import { ClipFields } from './ClipFields.tsx';
import { useTimeline, useTimelineValue } from './timeline-store.ts';

export function ClipTable(props: {
  clips: readonly Clip[];
  state: ProjectState;
  trackName: string;
  onEdit: (edits: EditOp[], label?: string) => void;
}) {
  const t = useT();
  const timeline = useTimeline();
  const selected = useTimelineValue((s) => s.selectedClipIds);
  if (props.clips.length === 0) {
    return null;
  }
  const ordered = [...props.clips].sort((a, b) => a.start - b.start);
  return (
    <ul className="clip-table" aria-label={t('clipTable.label', { name: props.trackName })}>
      {ordered.map((clip) => {
        const isSelected = selected.includes(clip.id);
        return (
          <li key={clip.id} className={`clip-table-row${isSelected ? ' is-selected' : ''}`}>
            <ClipFields clip={clip} state={props.state} onEdit={props.onEdit} />
            <button
              type="button"
              className="toggle-button"
              aria-pressed={isSelected}
              aria-label={t('clipTable.select', { name: clip.name })}
              onClick={() => {
                timeline.state.set({
                  selectedClipIds: isSelected
                    ? selected.filter((id) => id !== clip.id)
                    : [...selected, clip.id],
                });
              }}
            >
              {t('clipTable.selected')}
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label={t('clipTable.delete', { name: clip.name })}
              onClick={() => {
                props.onEdit(removeClips(props.state, [clip.id]), CLIP_EDIT_LABELS.remove);
              }}
            >
              <IconTrash />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
