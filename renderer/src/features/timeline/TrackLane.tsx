/** One track's lane: its clips, its part of the time selection, and empty space to drag in. */
import { type CSSProperties, type KeyboardEvent, memo } from 'react';

import type { ClipId } from '../../../../app/model/ids.ts';
import type { Clip, Track } from '../../../../app/model/project.ts';
import type { TimeSelection } from '../../../../app/model/view.ts';
import type { TimeSignature } from '../../../../app/timeline/musical-time.ts';
import type { SampleRate } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ClipView } from './ClipView.tsx';
import { ClipWaveform, waveColorFor } from './ClipWaveform.tsx';
import { ImportGhost } from './ImportGhost.tsx';
import { type PendingImport, useTimeline } from './timeline-store.ts';
import { useLaneGestures } from './use-lane-gestures.ts';
import { ticksToPx, type Viewport } from './viewport.ts';

/**
 * Listbox keys on a focused clip: ←/→ go to the neighbouring clip on the lane, ↑/↓ to the
 * nearest clip on the lane above or below, Enter selects (Ctrl/⌘+Enter adds or removes).
 */
function moveClipFocus(
  event: KeyboardEvent<HTMLDivElement>,
  timeline: ReturnType<typeof useTimeline>,
) {
  const current = event.target;
  if (!(current instanceof HTMLElement) || current.getAttribute('role') !== 'option') {
    return;
  }
  if (event.altKey || event.shiftKey) {
    return;
  }
  const id = current.dataset['clipId'];
  const focus = (next: Element | null | undefined) => {
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
      timeline.state.set({ focusedClipId: (next.dataset['clipId'] ?? null) as never });
    }
  };
  const options = [...event.currentTarget.querySelectorAll('[role="option"]')];
  const at = options.indexOf(current);
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    focus(options[at + (event.key === 'ArrowLeft' ? -1 : 1)]);
  } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    const row = event.currentTarget.closest('li');
    const sibling = event.key === 'ArrowUp' ? row?.previousElementSibling : row?.nextElementSibling;
    const x = current.getBoundingClientRect().left;
    const candidates = [...(sibling?.querySelectorAll('[role="option"]') ?? [])];
    const nearest = candidates.sort(
      (a, b) =>
        Math.abs(a.getBoundingClientRect().left - x) - Math.abs(b.getBoundingClientRect().left - x),
    )[0];
    focus(nearest);
  } else if (event.key === 'Enter' && id !== undefined) {
    event.preventDefault();
    const { selectedClipIds } = timeline.state.get();
    const clipId = id as (typeof selectedClipIds)[number];
    const toggled = selectedClipIds.includes(clipId)
      ? selectedClipIds.filter((x) => x !== clipId)
      : [...selectedClipIds, clipId];
    timeline.state.set({
      selectedClipIds: event.ctrlKey || event.metaKey ? toggled : [clipId],
      focusedClipId: clipId,
    });
  }
}

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
  /** Where a file dragged over this lane would land, in lane pixels. */
  dropAt: number | null;
  imports: readonly PendingImport[];
  /** Media lengths in frames by hash (waveforms wait for them). */
  frames: ReadonlyMap<string, number>;
  rowTop: number;
  rowHeight: number;
  /** Width and grid spacing (they change with the zoom). */
  laneStyle: CSSProperties;
}) {
  const t = useT();
  const onPointerDown = useLaneGestures();
  const timeline = useTimeline();
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
      style={props.laneStyle}
      onPointerDown={onPointerDown}
      onKeyDown={(event) => {
        moveClipFocus(event, timeline);
      }}
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
      {props.dropAt === null ? null : (
        <div className="drop-marker" style={{ left: props.dropAt }}>
          {t('import.dropHere')}
        </div>
      )}
      {props.imports.map((pending) => (
        <ImportGhost key={pending.id} pending={pending} left={ticksToPx(pending.at, viewport)} />
      ))}
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
        >
          {props.frames.has(clip.mediaHash) ? (
            <ClipWaveform
              clip={clip}
              tempo={viewport.tempo}
              clipLeft={ticksToPx(clip.start, viewport)}
              pxPerSecond={viewport.pxPerSecond}
              mediaFrames={props.frames.get(clip.mediaHash) ?? 0}
              height={Math.max(0, props.rowHeight - 24)}
              color={waveColorFor(props.track.color)}
              rowTop={props.rowTop}
              rowHeight={props.rowHeight}
            />
          ) : null}
        </ClipView>
      ))}
    </div>
  );
});
