/** One track in the list view: name, instrument, colour, mixer controls, order and its clips. */
import type { CSSProperties, ReactNode } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Track } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useTrackControlStrip } from './TrackControlStrip.tsx';
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
  const { controls, strip } = useTrackControlStrip(track, index, count, onEdit, drag?.handleProps);
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
      <div className="track-main">{strip}</div>
      {props.children}
    </li>
  );
}
