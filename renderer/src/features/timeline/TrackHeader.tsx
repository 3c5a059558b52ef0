/**
 * A track's header beside its lane: colour, name, mute/solo, instrument, volume, pan, order,
 * delete and a height handle. The controls are the list view's (TrackControlStrip), so every
 * track action works the same in both.
 */
import { memo } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import type { Track } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useTrackControlStrip } from '../project/TrackControlStrip.tsx';
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
  const { controls, strip } = useTrackControlStrip(track, index, count, onEdit, drag.handleProps);
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
      {strip}
      <TrackHeightHandle trackId={track.id} n={n} height={props.height} />
    </div>
  );
});
