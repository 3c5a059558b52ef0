/**
 * The bar above the timeline: add a track, switch between the timeline and the list view,
 * snapping, and zoom (out, in, fit, selection).
 */
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectState } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { OpenWorkflowsButton } from '../generate/WorkflowPanel.tsx';
import { AddTrackForm } from '../project/AddTrackForm.tsx';
import { ImportAudioButton } from './ImportAudioButton.tsx';
import { useTimeline, useTimelineValue } from './timeline-store.ts';
import { ZOOM_STEP } from './viewport.ts';

export function TimelineToolbar(props: {
  state: ProjectState;
  selection: TimeSelection | null;
  onEdit: (edits: EditOp[]) => void;
}) {
  const t = useT();
  const timeline = useTimeline();
  const mode = useTimelineValue((s) => s.mode);
  const snap = useTimelineValue((s) => s.snap);
  const zoom = (factor: number) => {
    timeline.viewport()?.zoomTo(timeline.state.get().pxPerSecond * factor);
  };
  const { tracks } = props.state;
  const soloed = tracks.some((track) => track.solo);
  return (
    <div className="timeline-toolbar">
      <AddTrackForm tracks={tracks} onEdit={props.onEdit} />
      <ImportAudioButton state={props.state} />
      <OpenWorkflowsButton />
      {soloed ? <span className="chip chip-solo">{t('track.soloActive')}</span> : null}
      <div className="section-head-spacer" />
      <div className="segmented" role="radiogroup" aria-label={t('view.mode')}>
        {(['timeline', 'list'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={mode === value}
            className={`segment${mode === value ? ' is-on' : ''}`}
            onClick={() => {
              timeline.state.set({ mode: value });
            }}
          >
            {t(value === 'timeline' ? 'view.timeline' : 'view.list')}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="toggle-button"
        aria-pressed={snap}
        title={t('snap.hint')}
        onClick={() => {
          timeline.state.set({ snap: !snap });
        }}
      >
        {t('snap.label')}
      </button>
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label={t('shortcuts.open')}
        title={`${t('shortcuts.open')} (?)`}
        onClick={() => {
          timeline.state.set({ shortcutsOpen: true });
        }}
      >
        ⌨
      </button>
      <div className="toolbar-group" role="group" aria-label={t('zoom.group')}>
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={mode !== 'timeline'}
          aria-label={t('zoom.out')}
          onClick={() => {
            zoom(1 / ZOOM_STEP);
          }}
        >
          −
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={mode !== 'timeline'}
          aria-label={t('zoom.in')}
          onClick={() => {
            zoom(ZOOM_STEP);
          }}
        >
          +
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={mode !== 'timeline'}
          onClick={() => timeline.viewport()?.zoomToFit()}
        >
          {t('zoom.fit')}
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={mode !== 'timeline' || props.selection === null}
          onClick={() => {
            if (props.selection !== null) {
              timeline.viewport()?.zoomToRange(props.selection.start, props.selection.end);
            }
          }}
        >
          {t('zoom.selection')}
        </button>
      </div>
    </div>
  );
}
