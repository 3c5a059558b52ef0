/**
 * The multitrack timeline: a ruler over track rows (header + lane), in one scroll container
 * whose sticky ruler and headers stay put while the lanes scroll under them.
 */
import { type CSSProperties, useCallback, useMemo, useRef } from 'react';

import { applyEdits, type EditOp } from '../../../../app/model/edits.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { type ProjectView, TRACK_HEIGHT_DEFAULT } from '../../../../app/model/view.ts';
import { ticksPerBar, ticksPerBeat } from '../../../../app/timeline/musical-time.ts';
import type { SampleRate, Ticks } from '../../../../app/timeline/units.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useTrackDrag } from '../project/use-track-drag.ts';
import { dragEdits, selectedClips } from './clip-drag.ts';
import { useClipReveal } from './clip-reveal.ts';
import { ExtendOfferPopover } from './ExtendOfferPopover.tsx';
import { Playhead } from './Playhead.tsx';
import { Ruler } from './Ruler.tsx';
import { gridStepFor } from './snapping.ts';
import { TimelineActionsContext } from './timeline-actions.ts';
import { useTimeline, useTimelineValue } from './timeline-store.ts';
import { TimelineBelow } from './TimelineBelow.tsx';
import { TrackHeader } from './TrackHeader.tsx';
import { TrackLane } from './TrackLane.tsx';
import { useActionsValue } from './use-actions-value.ts';
import { useDropZone } from './use-drop-zone.ts';
import { useViewportControl } from './use-viewport-control.ts';
import { useViewCommands } from './view-commands.ts';
import { contentSeconds, pxPerTick, ticksToPx, type Viewport } from './viewport.ts';

export const HEADER_WIDTH = 320;
const RULER_HEIGHT = 40;

/** Grid line spacing for the lanes' background; lines closer than the grid step are left out. */
function gridStyle(
  viewport: Viewport,
  signature: ProjectSnapshot['state']['meta']['timeSignature'],
) {
  const density = pxPerTick(viewport);
  const gridPx = gridStepFor(viewport, signature).ticks * density;
  return {
    '--grid-px': `${gridPx}px`,
    '--beat-px': `${Math.max(gridPx, ticksPerBeat(signature) * density)}px`,
    '--bar-px': `${Math.max(gridPx, ticksPerBar(signature) * density)}px`,
  };
}

export function TimelineView(props: {
  snapshot: ProjectSnapshot;
  view: ProjectView;
  onEdit: (edits: EditOp[], label?: string) => void;
  onSeek: (position: Ticks) => void;
}) {
  const t = useT();
  const timeline = useTimeline();
  const viewCommands = useViewCommands();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const tracksRef = useRef<HTMLOListElement>(null);
  const { snapshot, onEdit } = props;
  const state = snapshot.state;
  const { tempo, timeSignature } = state.meta;
  const rate = state.meta.sampleRate as SampleRate;

  const pxPerSecond = useTimelineValue((s) => s.pxPerSecond);
  const selectedClipIds = useTimelineValue((s) => s.selectedClipIds);
  const focusedClipId = useTimelineValue((s) => s.focusedClipId);
  const clipDrag = useTimelineValue((s) => s.clipDrag);
  const draftSelection = useTimelineValue((s) => s.draftSelection);
  const draftHeights = useTimelineValue((s) => s.draftHeights);
  const imports = useTimelineValue((s) => s.imports);
  const dropTarget = useTimelineValue((s) => s.dropTarget);
  const media = useStudioQuery('media.list', { projectId: snapshot.projectId });
  const frames = useMemo(
    () => new Map((media.data ?? []).map((item) => [item.hash as string, item.frames])),
    [media.data],
  );
  const viewport = useMemo<Viewport>(() => ({ pxPerSecond, tempo }), [pxPerSecond, tempo]);
  const length = contentSeconds(state.clips, tempo, rate);
  useViewportControl(timeline, scrollerRef, {
    headerWidth: HEADER_WIDTH,
    tempo,
    length,
    pxPerSecond,
  });

  // The jobs tray's "Show on the timeline": select the run's clips and bring the first in view.
  useClipReveal(snapshot.projectId, (clipIds) => {
    const shown = state.clips.filter((clip) => clipIds.includes(clip.id));
    const first = shown.reduce<(typeof shown)[number] | undefined>(
      (earliest, clip) => (earliest === undefined || clip.start < earliest.start ? clip : earliest),
      undefined,
    );
    timeline.state.set({
      selectedClipIds: shown.map((clip) => clip.id),
      focusedClipId: first?.id ?? null,
    });
    if (first !== undefined) {
      timeline.viewport()?.scrollToTicks(first.start, 'visible');
    }
  });

  const selection = draftSelection === undefined ? props.view.selection : draftSelection;
  const heights = state.tracks.map(
    (track) => draftHeights[track.id] ?? props.view.trackHeights[track.id] ?? TRACK_HEIGHT_DEFAULT,
  );
  const actions = useActionsValue(
    { state, viewport, signature: timeSignature, heights, frames, onEdit, onSeek: props.onSeek },
    { scroller: scrollerRef, tracks: tracksRef },
    HEADER_WIDTH,
  );

  // While a gesture is in progress the lanes show its result, computed by the same edits.
  const shown = useMemo(() => {
    if (clipDrag === null) {
      return state;
    }
    const context = { state, selected: selectedClipIds, sourceLength: actions.sourceLength };
    try {
      return applyEdits(state, dragEdits(context, clipDrag)).state;
    } catch {
      return state;
    }
  }, [state, clipDrag, selectedClipIds, actions]);
  const draggingIds =
    clipDrag === null ? [] : selectedClips(state, selectedClipIds).map((c) => c.id);

  const drop = useDropZone(timeline, actions, tracksRef);
  const { tracks } = state;
  const moveTrack = useCallback(
    (from: number, toIndex: number) => {
      const track = tracks[from];
      if (track !== undefined) {
        onEdit([{ op: 'track.move', trackId: track.id, toIndex }]);
      }
    },
    [tracks, onEdit],
  );
  const drag = useTrackDrag(moveTrack, tracks.length);
  const lanesWidth = Math.ceil(length * pxPerSecond);
  // Zoom-dependent values go on the lanes, not the content root: custom properties inherit, so
  // changing them at the root would restyle every track header on every zoom step.
  const contentStyle = {
    width: HEADER_WIDTH + lanesWidth,
    '--header-width': `${HEADER_WIDTH}px`,
  } as CSSProperties;
  const laneStyle = useMemo(
    () => ({ width: lanesWidth, ...gridStyle(viewport, timeSignature) }),
    [lanesWidth, viewport, timeSignature],
  );

  return (
    <TimelineActionsContext.Provider value={actions}>
      <section className="timeline" aria-label={t('timeline.title')}>
        <div
          className="timeline-scroll"
          ref={scrollerRef}
          data-testid="timeline-scroll"
          onDragOver={drop.onDragOver}
          onDragLeave={drop.onDragLeave}
          onDrop={drop.onDrop}
        >
          <div className="timeline-content" style={contentStyle}>
            <div className="timeline-ruler-row">
              <div className="timeline-corner">
                <h2 className="timeline-corner-title">
                  {t('timeline.tracks')} <span className="count">{state.tracks.length}</span>
                </h2>
              </div>
              <Ruler
                viewport={viewport}
                signature={timeSignature}
                width={lanesWidth}
                selection={props.view.selection}
                trackIds={state.tracks.map((track) => track.id)}
                onSeek={props.onSeek}
                onSelect={viewCommands.setSelection}
              />
            </div>
            <ol className="timeline-tracks" ref={tracksRef} aria-label={t('timeline.tracks')}>
              {state.tracks.map((track, index) => (
                <li
                  key={track.id}
                  className={`timeline-track${track.mute ? ' is-muted' : ''}${track.solo ? ' is-solo' : ''}`}
                  data-testid="track-row"
                  data-track-id={track.id}
                  style={{ height: heights[index], '--track-color': track.color } as CSSProperties}
                >
                  <TrackHeader
                    track={track}
                    index={index}
                    count={state.tracks.length}
                    height={heights[index] ?? TRACK_HEIGHT_DEFAULT}
                    onEdit={onEdit}
                    drag={drag(index)}
                  />
                  <TrackLane
                    track={track}
                    n={index + 1}
                    clips={shown.clips.filter((clip) => clip.trackId === track.id)}
                    viewport={viewport}
                    signature={timeSignature}
                    rate={rate}
                    selectedClipIds={selectedClipIds}
                    focusedClipId={focusedClipId}
                    draggingIds={draggingIds}
                    selection={selection}
                    dropAt={dropTarget?.row === index ? ticksToPx(dropTarget.at, viewport) : null}
                    imports={imports.filter((pending) => pending.row === index)}
                    frames={frames}
                    rowTop={RULER_HEIGHT + heights.slice(0, index).reduce((sum, h) => sum + h, 0)}
                    rowHeight={heights[index] ?? TRACK_HEIGHT_DEFAULT}
                    laneStyle={laneStyle}
                  />
                </li>
              ))}
            </ol>
            <TimelineBelow viewport={viewport} trackCount={state.tracks.length} />
            <Playhead viewport={viewport} />
          </div>
        </div>
        <ExtendOfferPopover />
      </section>
    </TimelineActionsContext.Provider>
  );
}
