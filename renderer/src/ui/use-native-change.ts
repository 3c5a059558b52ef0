import { type RefObject, useEffect, useRef } from 'react';

/**
 * Listens to the DOM `change` event, which React's onChange hides: for sliders and colour
 * pickers it fires once the user lets go, so a drag becomes one edit and one undo step.
 */
export function useNativeChange<T extends HTMLInputElement>(
  ref: RefObject<T | null>,
  handler: (element: T) => void,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const element = ref.current;
    if (element === null) {
      return;
    }
    const listener = () => {
      latest.current(element);
    };
    element.addEventListener('change', listener);
    return () => {
      element.removeEventListener('change', listener);
    };
  }, [ref]);
}
