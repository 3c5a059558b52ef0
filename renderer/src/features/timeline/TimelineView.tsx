/**
 * The multitrack timeline: a ruler over track rows (header + lane), in one scroll container
 * whose sticky ruler and headers stay put while the lanes scroll under them.
 */
import { type CSSProperties, useLayoutEffect, useMemo, useRef } from 'react';

import { applyEdits, type EditOp } from '../../../../app/model/edits.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { type ProjectView, TRACK_HEIGHT_DEFAULT } from '../../../../app/model/view.ts';
import { ticksPerBar, ticksPerBeat } from '../../../../app/timeline/musical-time.ts';
import type { SampleRate, Ticks } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useTrackDrag } from '../project/use-track-drag.ts';
import { dragEdits, selectedClips } from './clip-drag.ts';
import { Playhead } from './Playhead.tsx';
import { Ruler } from './Ruler.tsx';
import { gridStepFor } from './snapping.ts';
import { type TimelineActions, TimelineActionsContext } from './timeline-actions.ts';
import { useTimeline, useTimelineValue } from './timeline-store.ts';
import { TrackHeader } from './TrackHeader.tsx';
import { TrackLane } from './TrackLane.tsx';
import { useViewportControl } from './use-viewport-control.ts';
import { useViewCommands } from './view-commands.ts';
import { contentSeconds, pxPerTick, type Viewport } from './viewport.ts';

export const HEADER_WIDTH = 320;

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
  const viewport = useMemo<Viewport>(() => ({ pxPerSecond, tempo }), [pxPerSecond, tempo]);
  const length = contentSeconds(state.clips, tempo, rate);
  useViewportControl(timeline, scrollerRef, {
    headerWidth: HEADER_WIDTH,
    tempo,
    length,
    pxPerSecond,
  });

  // While a gesture is in progress the lanes show its result, computed by the same edits.
  const shown = useMemo(() => {
    if (clipDrag === null) {
      return state;
    }
    try {
      return applyEdits(state, dragEdits({ state, selected: selectedClipIds }, clipDrag)).state;
    } catch {
      return state;
    }
  }, [state, clipDrag, selectedClipIds]);
  const draggingIds =
    clipDrag === null ? [] : selectedClips(state, selectedClipIds).map((c) => c.id);
  const selection = draftSelection === undefined ? props.view.selection : draftSelection;
  const heights = state.tracks.map(
    (track) => draftHeights[track.id] ?? props.view.trackHeights[track.id] ?? TRACK_HEIGHT_DEFAULT,
  );

  const latest = useRef({ state, viewport, heights, timeSignature, onEdit, onSeek: props.onSeek });
  useLayoutEffect(() => {
    latest.current = { state, viewport, heights, timeSignature, onEdit, onSeek: props.onSeek };
  });
  const actions = useMemo<TimelineActions>(
    () => ({
      state: () => latest.current.state,
      viewport: () => latest.current.viewport,
      signature: () => latest.current.timeSignature,
      rowAt: (clientY) => {
        const top = tracksRef.current?.getBoundingClientRect().top ?? 0;
        const rows = latest.current.heights;
        let y = clientY - top;
        for (let i = 0; i < rows.length; i += 1) {
          y -= rows[i] as number;
          if (y < 0) {
            return i;
          }
        }
        return rows.length - 1;
      },
      laneX: (clientX) => {
        const box = scrollerRef.current?.getBoundingClientRect();
        return clientX - (box?.left ?? 0) - HEADER_WIDTH + (scrollerRef.current?.scrollLeft ?? 0);
      },
      edit: (edits, label) => {
        latest.current.onEdit(edits, label);
      },
      sourceLength: () => undefined,
      seek: (position) => {
        latest.current.onSeek(position);
      },
    }),
    [],
  );

  const drag = useTrackDrag((from, toIndex) => {
    const track = state.tracks[from];
    if (track !== undefined) {
      onEdit([{ op: 'track.move', trackId: track.id, toIndex }]);
    }
  });
  const grid = gridStepFor(viewport, timeSignature);
  const density = pxPerTick(viewport);
  // Lines closer than the grid step are not drawn: beats and bars fall back to the grid.
  const gridPx = grid.ticks * density;
  const beatPx = Math.max(gridPx, ticksPerBeat(timeSignature) * density);
  const barPx = Math.max(gridPx, ticksPerBar(timeSignature) * density);
  const lanesWidth = Math.ceil(length * pxPerSecond);
  const contentStyle = {
    width: HEADER_WIDTH + lanesWidth,
    '--header-width': `${HEADER_WIDTH}px`,
    '--lanes-width': `${lanesWidth}px`,
    '--grid-px': `${gridPx}px`,
    '--beat-px': `${beatPx}px`,
    '--bar-px': `${barPx}px`,
  } as CSSProperties;

  return (
    <TimelineActionsContext.Provider value={actions}>
      <section className="timeline" aria-label={t('timeline.title')}>
        <div className="timeline-scroll" ref={scrollerRef} data-testid="timeline-scroll">
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
                  />
                </li>
              ))}
            </ol>
            <div className="timeline-below" data-testid="timeline-below">
              {state.tracks.length === 0 ? (
                <div className="timeline-empty">
                  <h3>{t('timeline.emptyTitle')}</h3>
                  <p>{t('timeline.emptyHint')}</p>
                </div>
              ) : null}
            </div>
            <Playhead viewport={viewport} />
          </div>
        </div>
      </section>
    </TimelineActionsContext.Provider>
  );
}
