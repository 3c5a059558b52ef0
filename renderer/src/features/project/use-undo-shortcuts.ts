/**
 * Undo and redo from the keyboard (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y) and from the desktop
 * app's native Edit menu. Keys typed into a text field stay with the field.
 */
import { useEffect, useRef } from 'react';

import { useStudioClient } from '../../client/studio-context.tsx';

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'number',
  'email',
  'url',
  'tel',
  'password',
  'date',
  'time',
]);

/** True when the key press belongs to a field the user is typing into. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) {
    return true;
  }
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** Which history command a key press asks for, if any. */
export function shortcutCommand(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) {
    return null;
  }
  const key = event.key.toLowerCase();
  if (key === 'z') {
    return event.shiftKey ? 'redo' : 'undo';
  }
  if (key === 'y' && event.ctrlKey && !event.shiftKey) {
    return 'redo';
  }
  return null;
}

export function useUndoShortcuts(commands: { undo: () => void; redo: () => void }): void {
  const client = useStudioClient();
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = shortcutCommand(event);
      if (command === null || isTypingTarget(event.target)) {
        return;
      }
      event.preventDefault();
      latest.current[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    const offMenu = client.on('app.menuCommand', ({ command }) => {
      latest.current[command]();
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offMenu();
    };
  }, [client]);
}

/** "Ctrl+Z" or "⌘Z", for menus and tooltips. */
export function shortcutText(command: 'undo' | 'redo'): string {
  const mac = /mac|iphone|ipad/i.test(navigator.userAgent);
  if (command === 'undo') {
    return mac ? '⌘Z' : 'Ctrl+Z';
  }
  return mac ? '⇧⌘Z' : 'Ctrl+Shift+Z';
}
