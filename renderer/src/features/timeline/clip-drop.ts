/**
 * Dropping a clip somewhere other than a lane (the generation panel's reference, for one): an
 * element marked `data-clip-drop` (by `useClipDropTarget`) is a target. While a clip is dragged over it, it receives
 * `clip-drop-over` and `clip-drop-leave` events, and on release `clip-drop` with the clip, in
 * place of the move the gesture would otherwise make.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Clip } from '../../../../app/model/project.ts';

const TARGET_SELECTOR = '[data-clip-drop]';
const OVER = 'clip-drop-over';
const LEAVE = 'clip-drop-leave';
const DROP = 'clip-drop';

/** The drop target under a client point, if any. */
export function clipDropTargetAt(x: number, y: number): HTMLElement | null {
  return document.elementFromPoint(x, y)?.closest<HTMLElement>(TARGET_SELECTOR) ?? null;
}

/** Follows a dragged clip across targets: tell each one when the clip enters and leaves. */
export function createClipDropTracker(clip: Clip): {
  hover: (x: number, y: number) => boolean;
  drop: () => boolean;
  leave: () => void;
} {
  let current: HTMLElement | null = null;
  const leave = () => {
    current?.dispatchEvent(new CustomEvent(LEAVE));
    current = null;
  };
  return {
    hover: (x, y) => {
      const target = clipDropTargetAt(x, y);
      if (target !== current) {
        leave();
        current = target;
        current?.dispatchEvent(new CustomEvent(OVER, { detail: clip }));
      }
      return current !== null;
    },
    drop: () => {
      const target = current;
      leave();
      target?.dispatchEvent(new CustomEvent<Clip>(DROP, { detail: clip }));
      return target !== null;
    },
    leave,
  };
}

/**
 * Makes an element a clip drop target: pass `attach` as its ref (it sets `data-clip-drop`).
 * `over` is true while a clip is dragged over it.
 */
export function useClipDropTarget(
  onDrop: (clip: Clip) => void,
): [over: boolean, attach: (element: HTMLElement | null) => (() => void) | undefined] {
  const [over, setOver] = useState(false);
  const dropRef = useRef(onDrop);
  useEffect(() => {
    dropRef.current = onDrop;
  });
  const attach = useCallback((element: HTMLElement | null) => {
    if (element === null) {
      return undefined;
    }
    const onOver = () => {
      setOver(true);
    };
    const onLeave = () => {
      setOver(false);
    };
    const onClip = (event: Event) => {
      dropRef.current((event as CustomEvent<Clip>).detail);
    };
    element.setAttribute('data-clip-drop', '');
    element.addEventListener(OVER, onOver);
    element.addEventListener(LEAVE, onLeave);
    element.addEventListener(DROP, onClip);
    return () => {
      element.removeEventListener(OVER, onOver);
      element.removeEventListener(LEAVE, onLeave);
      element.removeEventListener(DROP, onClip);
    };
  }, []);
  return [over, attach];
}
