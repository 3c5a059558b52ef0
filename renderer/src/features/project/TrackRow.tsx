/** One track in the track list: name, instrument, colour, mixer controls, order and its clips. */
import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useState } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Clip, TimeSignature, Track } from '../../../../app/model/project.ts';
import { TrackFields } from '../../../../app/model/project.ts';
import { CommitInput } from '../../ui/CommitInput.tsx';
import { IconDown, IconGrip, IconTrash, IconUp } from '../../ui/icons.tsx';
import { useNativeChange } from '../../ui/use-native-change.ts';
import { DragOutHandle } from '../export/DragOutHandle.tsx';
import { InstrumentField } from './InstrumentField.tsx';
import { TrackClips } from './TrackClips.tsx';
import { TrackMixer, type TrackPatch } from './TrackMixer.tsx';
import type { RowDrag } from './use-track-drag.ts';

const validName = (text: string) => {
  const parsed = TrackFields.shape.name.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

export function TrackRow(props: {
  track: Track;
  index: number;
  count: number;
  clips: readonly Clip[];
  signature: TimeSignature;
  onEdit: (edits: EditOp[]) => void;
  drag?: RowDrag;
  /** Another track is soloed and this one is not, so it is silent without being muted. */
  silenced?: boolean;
}) {
  const { track, index, count, onEdit, drag } = props;
  const colorInput = useRef<HTMLInputElement>(null);
  const [colorDraft, setColorDraft] = useState<string | null>(null);
  const n = index + 1;
  const update = (patch: TrackPatch) => {
    onEdit([{ op: 'track.update', trackId: track.id, patch }]);
  };
  // Reordering moves this row's DOM node, which drops focus; put it back where it was.
  const refocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    refocus.current?.focus();
    refocus.current = null;
  }, [index]);
  const move = (toIndex: number) => {
    if (toIndex >= 0 && toIndex < count && toIndex !== index) {
      refocus.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      onEdit([{ op: 'track.move', trackId: track.id, toIndex }]);
    }
  };
  // The picker reports every hue it passes through; only the final choice is an edit.
  useNativeChange(colorInput, (element) => {
    const color = element.value.toLowerCase();
    setColorDraft(null);
    if (color !== track.color) {
      update({ color });
    }
  });
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(index + (event.key === 'ArrowUp' ? -1 : 1));
    }
  };
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
      aria-label={`Track ${n}: ${track.name}`}
      style={{ '--track-color': track.color } as CSSProperties}
      onKeyDown={onKeyDown}
      {...drag?.rowProps}
    >
      <div className="track-main">
        <span className="drag-handle" title="Drag to reorder (or Alt+↑/↓)" {...drag?.handleProps}>
          <IconGrip />
        </span>
        <input
          ref={colorInput}
          type="color"
          className="color-swatch"
          aria-label={`Colour of track ${n}`}
          value={colorDraft ?? track.color}
          onChange={(event) => {
            setColorDraft(event.target.value);
          }}
        />
        <CommitInput
          className="track-name"
          label={`Name of track ${n}`}
          maxLength={80}
          value={track.name}
          validate={validName}
          onCommit={(name) => {
            update({ name: name.trim() });
          }}
        />
        <InstrumentField
          label={`Instrument of track ${n}`}
          instrument={track.instrument}
          onChange={(instrument) => {
            update({ instrument });
          }}
        />
        <TrackMixer track={track} n={n} onUpdate={update} />
        <div className="track-actions">
          <DragOutHandle
            target={{ kind: 'track', trackId: track.id }}
            label={`Drag track ${n} out`}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Move track ${n} up`}
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
            aria-label={`Move track ${n} down`}
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
            aria-label={`Delete track ${n}`}
            onClick={() => {
              onEdit([{ op: 'track.remove', trackId: track.id }]);
            }}
          >
            <IconTrash />
          </button>
        </div>
      </div>
      <TrackClips clips={props.clips} signature={props.signature} />
    </li>
  );
}
