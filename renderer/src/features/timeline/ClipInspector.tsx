/** Under the timeline: the fields of the one selected clip, or what is selected. */
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectState } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import { formatBarsBeats } from '../../../../app/timeline/musical-time.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ClipWorkflowActions } from '../generate/ClipWorkflowActions.tsx';
import { selectedClips } from './clip-drag.ts';
import { ClipFields } from './ClipFields.tsx';
import { useTimelineValue } from './timeline-store.ts';

export function ClipInspector(props: {
  state: ProjectState;
  selection: TimeSelection | null;
  onEdit: (edits: EditOp[], label: string) => void;
}) {
  const t = useT();
  const ids = useTimelineValue((s) => s.selectedClipIds);
  const clips = selectedClips(props.state, ids);
  const signature = props.state.meta.timeSignature;
  const range = props.selection;
  return (
    <section className="inspector" aria-label={t('inspector.title')}>
      {clips.length === 1 && clips[0] !== undefined ? (
        <>
          <ClipFields clip={clips[0]} state={props.state} onEdit={props.onEdit} />
          <ClipWorkflowActions clip={clips[0]} state={props.state} />
        </>
      ) : (
        <p className="inspector-note" role="status">
          {clips.length > 1 ? t('inspector.clips', { count: clips.length }) : t('inspector.none')}
          {range === null
            ? null
            : ` · ${t('inspector.range', {
                start: formatBarsBeats(range.start, signature),
                end: formatBarsBeats(range.end, signature),
                count: range.trackIds.length,
              })}`}
        </p>
      )}
    </section>
  );
}
