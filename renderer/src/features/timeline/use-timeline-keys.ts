/**
 * The project screen's shortcuts (shortcuts.ts) from the keyboard. Keys typed into a field
 * stay with the field; arrows stay with sliders and menus; Enter and Space stay with controls
 * inside the list view and dialogs (screen-reader users activate controls with them), while
 * elsewhere Space always plays and pauses, as in every DAW.
 */
import { isTypingTarget } from '../project/use-undo-shortcuts.ts';
import { matchShortcut, type Shortcut, type ShortcutId } from './shortcuts.ts';

const ARROWS_AND_EDGES = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
]);

/** Whether a key press on `target` may run `shortcut` rather than the element's own action. */
export function acceptsShortcut(
  target: EventTarget | null,
  shortcut: Shortcut,
  key: string,
): boolean {
  if (!(target instanceof Element)) {
    return true;
  }
  if (isTypingTarget(target) || target instanceof HTMLSelectElement) {
    return false;
  }
  if (target.closest('dialog, [role="dialog"], [role="menu"]') !== null) {
    return false;
  }
  const native = target.closest('[data-native-keys]') !== null;
  if (native && (key === ' ' || key === 'Enter' || ARROWS_AND_EDGES.has(key))) {
    return false;
  }
  if (target instanceof HTMLInputElement && target.type === 'range' && ARROWS_AND_EDGES.has(key)) {
    return false;
  }
  const activates = target.closest('button, a[href], [role="option"]') !== null;
  if (activates && key === 'Enter') {
    return false;
  }
  return shortcut.id !== 'delete' || !(target instanceof HTMLInputElement);
}

/** Listens for the shortcuts on the window; returns the function that stops listening. */
export function bindTimelineKeys(commands: Record<ShortcutId, () => void>): () => void {
  // A Space that played must not also press the focused button when it is released.
  let swallowSpaceUp = false;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) {
      return;
    }
    const shortcut = matchShortcut(event);
    if (shortcut === null || !acceptsShortcut(event.target, shortcut, event.key)) {
      return;
    }
    event.preventDefault();
    swallowSpaceUp = event.key === ' ';
    if (!event.repeat || shortcut.id.startsWith('cursor') || shortcut.id.startsWith('nudge')) {
      commands[shortcut.id]();
    }
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && swallowSpaceUp) {
      event.preventDefault();
      swallowSpaceUp = false;
    }
  };
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp, true);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('keyup', onKeyUp, true);
  };
}
