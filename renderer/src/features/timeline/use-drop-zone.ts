/**
 * Files dragged from the desktop over the timeline: shows where they would land (a track row
 * and position, or a new track below the last one) and imports them on drop.
 */
import type { DragEvent, RefObject } from 'react';

import { useAudioImportContext } from './audio-import-context.ts';
import { bypassesSnap, snapPosition } from './snapping.ts';
import type { TimelineActions } from './timeline-actions.ts';
import type { Timeline } from './timeline-store.ts';
import { pxToTickPosition } from './viewport.ts';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function useDropZone(
  timeline: Timeline,
  actions: TimelineActions,
  tracksRef: RefObject<HTMLOListElement | null>,
) {
  const audioImport = useAudioImportContext();
  const targetOf = (event: DragEvent) => {
    const bottom = tracksRef.current?.getBoundingClientRect().bottom ?? 0;
    const below = event.clientY > bottom || actions.state().tracks.length === 0;
    const context = {
      viewport: actions.viewport(),
      signature: actions.signature(),
      snap: timeline.state.get().snap,
    };
    const raw = pxToTickPosition(Math.max(0, actions.laneX(event.clientX)), actions.viewport());
    return {
      row: below ? -1 : actions.rowAt(event.clientY),
      at: snapPosition(raw, context, bypassesSnap(event)),
    };
  };
  return {
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (audioImport === null || !carriesFiles(event)) {
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      const target = targetOf(event);
      const current = timeline.state.get().dropTarget;
      if (current?.row !== target.row || current.at !== target.at) {
        timeline.state.set({ dropTarget: target });
      }
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      const next = event.relatedTarget;
      if (!(next instanceof Node) || !event.currentTarget.contains(next)) {
        timeline.state.set({ dropTarget: null });
      }
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      if (audioImport === null || !carriesFiles(event)) {
        return;
      }
      event.preventDefault();
      const target = targetOf(event);
      timeline.state.set({ dropTarget: null });
      const files = [...event.dataTransfer.files];
      if (files.length > 0) {
        audioImport.importFiles(files, target.row, target.at);
      }
    },
  };
}
