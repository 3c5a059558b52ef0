/**
 * Drag-and-drop reordering of the track list. A row becomes draggable only while its handle is
 * held, so text in the row's fields stays selectable. Moves use the same track.move op as the
 * keyboard (Alt+↑/↓) and the up/down buttons.
 */
import { type DragEvent, type HTMLAttributes, useMemo, useState } from 'react';

import { dropIndex } from './track-order.ts';

const DRAG_TYPE = 'application/x-layerline-track';

export interface RowDrag {
  rowProps: HTMLAttributes<HTMLElement> & { draggable: boolean };
  handleProps: HTMLAttributes<HTMLSpanElement>;
  dropSide: 'before' | 'after' | null;
}

interface DragState {
  armed: number | null;
  from: number | null;
  over: { index: number; after: boolean } | null;
}

const IDLE: DragState = { armed: null, from: null, over: null };

/**
 * Per-row drag props. The same objects come back until the drag state or `onMove` changes, so
 * memoised rows (the timeline's track headers) do not re-render on every timeline render.
 */
export function useTrackDrag(
  onMove: (from: number, toIndex: number) => void,
  count: number,
): (index: number) => RowDrag {
  const [state, setState] = useState<DragState>(IDLE);
  return useMemo(() => {
    const sideOf = (event: DragEvent<HTMLElement>): boolean => {
      const box = event.currentTarget.getBoundingClientRect();
      return event.clientY > box.top + box.height / 2;
    };
    const build = (index: number): RowDrag => ({
      dropSide: state.over?.index === index ? (state.over.after ? 'after' : 'before') : null,
      handleProps: {
        onPointerDown: () => {
          setState({ ...IDLE, armed: index });
        },
        onPointerUp: () => {
          setState((s) => (s.from === null ? IDLE : s));
        },
      },
      rowProps: {
        draggable: state.armed === index,
        onDragStart: (event) => {
          event.dataTransfer.effectAllowed = 'move';
          event.dataTransfer.setData(DRAG_TYPE, String(index));
          setState({ armed: index, from: index, over: null });
        },
        onDragOver: (event) => {
          if (state.from === null) {
            return;
          }
          event.preventDefault();
          event.dataTransfer.dropEffect = 'move';
          const after = sideOf(event);
          if (state.over?.index !== index || state.over.after !== after) {
            setState({ ...state, over: { index, after } });
          }
        },
        onDrop: (event) => {
          event.preventDefault();
          if (state.from !== null) {
            const to = dropIndex(state.from, index, sideOf(event));
            if (to !== state.from) {
              onMove(state.from, to);
            }
          }
          setState(IDLE);
        },
        onDragEnd: () => {
          setState(IDLE);
        },
      },
    });
    const rows = Array.from({ length: count }, (_, index) => build(index));
    return (index: number) => rows[index] ?? build(index);
  }, [state, onMove, count]);
}
