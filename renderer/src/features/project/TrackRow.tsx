/** One track in the list view: name, instrument, colour, mixer controls, order and its clips. */
import { type CSSProperties, type ReactNode, useRef } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Track } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';
import { IconDown, IconGrip, IconTrash, IconUp } from '../../ui/icons.tsx';
import { DragOutHandle } from '../export/DragOutHandle.tsx';
import { InstrumentField } from './InstrumentField.tsx';
import { TrackMixer } from './TrackMixer.tsx';
import { useTrackControls, validTrackName } from './use-track-controls.ts';
import type { RowDrag } from './use-track-drag.ts';

export function TrackRow(props: {
  track: Track;
  index: number;
  count: number;
  /** Shown under the controls: the track's clips. */
  children?: ReactNode;
  onEdit: (edits: EditOp[]) => void;
  drag?: RowDrag;
  /** Another track is soloed and this one is not, so it is silent without being muted. */
  silenced?: boolean;
}) {
  const t = useT();
  const { track, index, count, onEdit, drag } = props;
  const colorInputRef = useRef<HTMLInputElement>(null);
  const controls = useTrackControls(track, index, count, onEdit, colorInputRef);
  const { update, move } = controls;
  const n = index + 1;
  const classes = [
    'track-row',
    track.mute ? 'is-muted' : '',
    track.solo ? 'is-solo' : '',
    props.silenced === true ? 'is-silenced' : '',
  ];
  if (drag?.dropSide !== null && drag?.dropSide !== undefined) {
    classes.push(`drop-${drag.dropSide}`);
  }
  return (
    <li
      className={classes.join(' ')}
      data-testid="track-row"
      data-track-id={track.id}
      aria-label={t('track.label', { n, name: track.name })}
      style={{ '--track-color': track.color } as CSSProperties}
      onKeyDown={controls.onKeyDown}
      {...drag?.rowProps}
    >
      <div className="track-main">
        <span className="drag-handle" title={t('track.dragHint')} {...drag?.handleProps}>
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
            update({ name: name.trim() });
          }}
        />
        <InstrumentField
          label={t('track.instrument', { n })}
          instrument={track.instrument}
          onChange={(instrument) => {
            update({ instrument });
          }}
        />
        <TrackMixer track={track} n={n} onUpdate={update} />
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
              move(index - 1);
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
              move(index + 1);
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
      </div>
      {props.children}
    </li>
  );
}
