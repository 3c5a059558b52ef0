/**
 * A track's header beside its lane: colour, name, mute/solo, instrument, volume, pan, order,
 * delete and a height handle. The controls and their labels are the list view's, so every
 * track action works the same in both.
 */
import { memo, useRef } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Track } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';
import { IconDown, IconGrip, IconTrash, IconUp } from '../../ui/icons.tsx';
import { DragOutHandle } from '../export/DragOutHandle.tsx';
import { InstrumentField } from '../project/InstrumentField.tsx';
import { TrackMixer } from '../project/TrackMixer.tsx';
import { useTrackControls, validTrackName } from '../project/use-track-controls.ts';
import type { RowDrag } from '../project/use-track-drag.ts';
import { TrackHeightHandle } from './TrackHeightHandle.tsx';

/** Below this height a header shows only its first row. */
export const COMPACT_TRACK_HEIGHT = 76;

export const TrackHeader = memo(function TrackHeader(props: {
  track: Track;
  index: number;
  count: number;
  height: number;
  onEdit: (edits: EditOp[]) => void;
  drag: RowDrag;
}) {
  const t = useT();
  const { track, index, count, onEdit, drag } = props;
  const colorInputRef = useRef<HTMLInputElement>(null);
  const controls = useTrackControls(track, index, count, onEdit, colorInputRef);
  const n = index + 1;
  const classes = ['track-header'];
  if (props.height < COMPACT_TRACK_HEIGHT) {
    classes.push('is-compact');
  }
  if (drag.dropSide !== null) {
    classes.push(`drop-${drag.dropSide}`);
  }
  return (
    <div
      className={classes.join(' ')}
      role="group"
      aria-label={t('track.label', { n, name: track.name })}
      onKeyDown={controls.onKeyDown}
      {...drag.rowProps}
    >
      <span className="drag-handle" title={t('track.dragHint')} {...drag.handleProps}>
        <IconGrip />
      </span>
      <input
        ref={colorInputRef}
        type="color"
        className="color-swatch"
        aria-label={t('track.color', { n })}
        value={controls.colorShown}
        onChange={(event) => {
          controls.setColorDraft(event.target.value);
        }}
      />
      <CommitInput
        className="track-name"
        label={t('track.name', { n })}
        maxLength={80}
        value={track.name}
        validate={validTrackName}
        onCommit={(name) => {
          controls.update({ name: name.trim() });
        }}
      />
      <InstrumentField
        label={t('track.instrument', { n })}
        instrument={track.instrument}
        onChange={(instrument) => {
          controls.update({ instrument });
        }}
      />
      <TrackMixer track={track} n={n} onUpdate={controls.update} />
      <div className="track-actions">
        <DragOutHandle
          target={{ kind: 'track', trackId: track.id }}
          label={t('track.dragOut', { n })}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={t('track.moveUp', { n })}
          disabled={index === 0}
          onClick={() => {
            controls.move(index - 1);
          }}
        >
          <IconUp />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('track.moveDown', { n })}
          disabled={index === count - 1}
          onClick={() => {
            controls.move(index + 1);
          }}
        >
          <IconDown />
        </button>
        <button
          type="button"
          className="icon-button icon-button-danger"
          aria-label={t('track.delete', { n })}
          onClick={controls.remove}
        >
          <IconTrash />
        </button>
      </div>
      <TrackHeightHandle trackId={track.id} n={n} height={props.height} />
    </div>
  );
});
