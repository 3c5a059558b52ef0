/**
 * One pointer gesture from pointerdown to release: the element captures the pointer, moves
 * past `threshold` pixels make it a drag, and `end` says whether it was one (or a click).
 * Escape cancels a drag. Returns nothing; every listener is removed when the gesture ends.
 */
import type { PointerEvent as ReactPointerEvent } from 'react';

export interface DragHandlers {
  /** Called for every move once the pointer has travelled past the threshold. */
  move: (event: PointerEvent, from: { x: number; y: number }) => void;
  end: (event: PointerEvent, dragged: boolean) => void;
  cancel?: () => void;
}

export function trackPointer(
  start: ReactPointerEvent,
  handlers: DragHandlers,
  threshold = 3,
): void {
  const element = start.currentTarget;
  const from = { x: start.clientX, y: start.clientY };
  const pointerId = start.pointerId;
  let dragging = false;
  try {
    element.setPointerCapture(pointerId);
  } catch {
    // Synthetic or already-released pointers cannot be captured; window listeners still work.
  }
  const onMove = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) {
      return;
    }
    if (!dragging && Math.hypot(event.clientX - from.x, event.clientY - from.y) < threshold) {
      return;
    }
    dragging = true;
    handlers.move(event, from);
  };
  const finish = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
  };
  const onUp = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) {
      return;
    }
    finish();
    handlers.end(event, dragging);
  };
  const onCancel = () => {
    finish();
    handlers.cancel?.();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
}
