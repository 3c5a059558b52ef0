/** One track's lane: its clips, its part of the time selection, and empty space to drag in. */
import { memo } from 'react';

import type { ClipId } from '../../../../app/model/ids.ts';
import type { Clip, Track } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import type { SampleRate } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ClipView } from './ClipView.tsx';
import { useLaneGestures } from './use-lane-gestures.ts';
import { ticksToPx, type Viewport } from './viewport.ts';

export const TrackLane = memo(function TrackLane(props: {
  track: Track;
  n: number;
  clips: readonly Clip[];
  viewport: Viewport;
  signature: TimeSignature;
  rate: SampleRate;
  selectedClipIds: readonly ClipId[];
  focusedClipId: ClipId | null;
  draggingIds: readonly ClipId[];
  selection: TimeSelection | null;
}) {
  const t = useT();
  const onPointerDown = useLaneGestures();
  const { clips, viewport, selection } = props;
  const inSelection = selection !== null && selection.trackIds.includes(props.track.id);
  const ordered = [...clips].sort((a, b) => a.start - b.start);
  const tabbable =
    ordered.find((clip) => clip.id === props.focusedClipId)?.id ?? ordered[0]?.id ?? null;
  return (
    <div
      className="lane"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('lane.label', { n: props.n, name: props.track.name })}
      data-testid="lane"
      onPointerDown={onPointerDown}
    >
      {inSelection ? (
        <div
          className="lane-selection"
          aria-hidden="true"
          style={{
            left: ticksToPx(selection.start, viewport),
            width: ticksToPx(selection.end, viewport) - ticksToPx(selection.start, viewport),
          }}
        />
      ) : null}
      {ordered.map((clip) => (
        <ClipView
          key={clip.id}
          clip={clip}
          trackName={props.track.name}
          viewport={viewport}
          signature={props.signature}
          rate={props.rate}
          selected={props.selectedClipIds.includes(clip.id)}
          tabbable={clip.id === tabbable}
          dragging={props.draggingIds.includes(clip.id)}
        />
      ))}
    </div>
  );
});
