/**
 * A track's controls, the same wherever the track is shown (the list view's rows, the
 * timeline's track headers): grip, colour, name, instrument, mixer, drag-out, order and
 * delete. The caller puts them in its own element, which takes their keyboard handler
 * (Alt+↑/↓ anywhere in the row) and, for a header, its own layout.
 */
import { type HTMLAttributes, type ReactNode, type RefObject, useRef } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Track } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';
import { IconDown, IconGrip, IconTrash, IconUp } from '../../ui/icons.tsx';
import { DragOutHandle } from '../export/DragOutHandle.tsx';
import { InstrumentField } from './InstrumentField.tsx';
import { TrackMixer } from './TrackMixer.tsx';
import { type TrackControls, useTrackControls, validTrackName } from './use-track-controls.ts';

/** The row's controls and their elements, for a track at `index` of `count`. */
export function useTrackControlStrip(
  track: Track,
  index: number,
  count: number,
  onEdit: (edits: EditOp[]) => void,
  /** The grip's drag props (reorder by drag), when the row can be dragged. */
  handleProps: HTMLAttributes<HTMLSpanElement> | undefined,
): { controls: TrackControls; strip: ReactNode } {
  const colorInputRef = useRef<HTMLInputElement>(null);
  const controls = useTrackControls(track, index, count, onEdit, colorInputRef);
  const strip = (
    <TrackControlStrip
      track={track}
      index={index}
      count={count}
      controls={controls}
      colorInputRef={colorInputRef}
      handleProps={handleProps}
    />
  );
  return { controls, strip };
}

function TrackControlStrip(props: {
  track: Track;
  index: number;
  count: number;
  controls: TrackControls;
  colorInputRef: RefObject<HTMLInputElement | null>;
  handleProps: HTMLAttributes<HTMLSpanElement> | undefined;
}) {
  const t = useT();
  const { track, index, count, controls, colorInputRef, handleProps } = props;
  const n = index + 1;
  return (
    <>
      <span className="drag-handle" title={t('track.dragHint')} {...handleProps}>
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
        <MoveButton
          label={t('track.moveUp', { n })}
          to={index - 1}
          count={count}
          controls={controls}
        >
          <IconUp />
        </MoveButton>
        <MoveButton
          label={t('track.moveDown', { n })}
          to={index + 1}
          count={count}
          controls={controls}
        >
          <IconDown />
        </MoveButton>
        <button
          type="button"
          className="icon-button icon-button-danger"
          aria-label={t('track.delete', { n })}
          onClick={controls.remove}
        >
          <IconTrash />
        </button>
      </div>
    </>
  );
}

/** Up or down one place; disabled at the end it would leave. */
function MoveButton(props: {
  label: string;
  to: number;
  count: number;
  controls: TrackControls;
  children: ReactNode;
}) {
  const { to, count, controls } = props;
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={props.label}
      disabled={to < 0 || to >= count}
      onClick={() => {
        controls.move(to);
      }}
    >
      {props.children}
    </button>
  );
}
