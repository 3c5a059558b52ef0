/**
 * Every keyboard shortcut of the project screen, in one table: the key handler matches
 * against it and the shortcuts overlay lists it, so the two cannot disagree.
 */
import type { MessageKey } from '../../i18n/messages.ts';

export type ShortcutId =
  | 'playPause'
  | 'stop'
  | 'toStart'
  | 'toEnd'
  | 'cursorLeft'
  | 'cursorRight'
  | 'extendLeft'
  | 'extendRight'
  | 'split'
  | 'delete'
  | 'duplicate'
  | 'selectAll'
  | 'clearSelection'
  | 'nudgeLeft'
  | 'nudgeRight'
  | 'trackUp'
  | 'trackDown'
  | 'undo'
  | 'redo'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomFit'
  | 'zoomSelection'
  | 'loop'
  | 'metronome'
  | 'snap'
  | 'follow'
  | 'listView'
  | 'shortcuts';

/** A key and its modifiers; `mod` is Ctrl, or ⌘ on a Mac. */
export interface KeyCombo {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  id: ShortcutId;
  combos: readonly KeyCombo[];
  group: 'transport' | 'edit' | 'view';
  label: MessageKey;
  /** Handled elsewhere (the undo hook); listed here for the overlay only. */
  listOnly?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'playPause', combos: [{ key: ' ' }], group: 'transport', label: 'shortcut.playPause' },
  { id: 'stop', combos: [{ key: 'Enter' }], group: 'transport', label: 'shortcut.stop' },
  { id: 'toStart', combos: [{ key: 'Home' }], group: 'transport', label: 'shortcut.toStart' },
  { id: 'toEnd', combos: [{ key: 'End' }], group: 'transport', label: 'shortcut.toEnd' },
  {
    id: 'cursorLeft',
    combos: [{ key: 'ArrowLeft' }],
    group: 'transport',
    label: 'shortcut.cursorLeft',
  },
  {
    id: 'cursorRight',
    combos: [{ key: 'ArrowRight' }],
    group: 'transport',
    label: 'shortcut.cursorRight',
  },
  { id: 'loop', combos: [{ key: 'l' }], group: 'transport', label: 'shortcut.loop' },
  { id: 'metronome', combos: [{ key: 'k' }], group: 'transport', label: 'shortcut.metronome' },
  { id: 'follow', combos: [{ key: 'f' }], group: 'transport', label: 'shortcut.follow' },
  { id: 'split', combos: [{ key: 's' }], group: 'edit', label: 'shortcut.split' },
  {
    id: 'delete',
    combos: [{ key: 'Delete' }, { key: 'Backspace' }],
    group: 'edit',
    label: 'shortcut.delete',
  },
  {
    id: 'duplicate',
    combos: [{ key: 'd', mod: true }],
    group: 'edit',
    label: 'shortcut.duplicate',
  },
  {
    id: 'selectAll',
    combos: [{ key: 'a', mod: true }],
    group: 'edit',
    label: 'shortcut.selectAll',
  },
  {
    id: 'clearSelection',
    combos: [{ key: 'Escape' }],
    group: 'edit',
    label: 'shortcut.clearSelection',
  },
  {
    id: 'extendLeft',
    combos: [{ key: 'ArrowLeft', shift: true }],
    group: 'edit',
    label: 'shortcut.extendLeft',
  },
  {
    id: 'extendRight',
    combos: [{ key: 'ArrowRight', shift: true }],
    group: 'edit',
    label: 'shortcut.extendRight',
  },
  {
    id: 'nudgeLeft',
    combos: [{ key: 'ArrowLeft', alt: true }],
    group: 'edit',
    label: 'shortcut.nudgeLeft',
  },
  {
    id: 'nudgeRight',
    combos: [{ key: 'ArrowRight', alt: true }],
    group: 'edit',
    label: 'shortcut.nudgeRight',
  },
  {
    id: 'trackUp',
    combos: [{ key: 'ArrowUp', alt: true }],
    group: 'edit',
    label: 'shortcut.trackUp',
  },
  {
    id: 'trackDown',
    combos: [{ key: 'ArrowDown', alt: true }],
    group: 'edit',
    label: 'shortcut.trackDown',
  },
  {
    id: 'undo',
    combos: [{ key: 'z', mod: true }],
    group: 'edit',
    label: 'shortcut.undo',
    listOnly: true,
  },
  {
    id: 'redo',
    combos: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    group: 'edit',
    label: 'shortcut.redo',
    listOnly: true,
  },
  { id: 'snap', combos: [{ key: 'n' }], group: 'edit', label: 'shortcut.snap' },
  { id: 'zoomIn', combos: [{ key: '=' }, { key: '+' }], group: 'view', label: 'shortcut.zoomIn' },
  { id: 'zoomOut', combos: [{ key: '-' }], group: 'view', label: 'shortcut.zoomOut' },
  { id: 'zoomFit', combos: [{ key: 'z', shift: true }], group: 'view', label: 'shortcut.zoomFit' },
  { id: 'zoomSelection', combos: [{ key: 'z' }], group: 'view', label: 'shortcut.zoomSelection' },
  { id: 'listView', combos: [{ key: 'v' }], group: 'view', label: 'shortcut.listView' },
  {
    id: 'shortcuts',
    combos: [{ key: '?', shift: true }],
    group: 'view',
    label: 'shortcut.shortcuts',
  },
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Keys whose shifted form is its own character ("?", "+"): Shift is part of the key. */
const SHIFTED_CHARACTERS = new Set(['?', '+']);

function matches(combo: KeyCombo, event: KeyLike): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key !== combo.key.toLowerCase() && event.key !== combo.key) {
    return false;
  }
  const mod = event.ctrlKey || event.metaKey;
  const shiftMatters = !SHIFTED_CHARACTERS.has(combo.key);
  return (
    mod === (combo.mod ?? false) &&
    event.altKey === (combo.alt ?? false) &&
    (!shiftMatters || event.shiftKey === (combo.shift ?? false))
  );
}

/** The shortcut a key press asks for, or null. List-only entries never match. */
export function matchShortcut(event: KeyLike): Shortcut | null {
  return (
    SHORTCUTS.find((s) => s.listOnly !== true && s.combos.some((c) => matches(c, event))) ?? null
  );
}

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Backspace: '⌫',
};

/** "Ctrl+Shift+Z" or "⇧⌘Z": how a combo reads on this platform. */
export function comboText(combo: KeyCombo, mac: boolean): string {
  const name =
    KEY_NAMES[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key);
  const shift = combo.shift === true && !SHIFTED_CHARACTERS.has(combo.key);
  if (mac) {
    return `${combo.alt === true ? '⌥' : ''}${shift ? '⇧' : ''}${combo.mod === true ? '⌘' : ''}${name}`;
  }
  const parts = [
    combo.mod === true ? 'Ctrl' : '',
    combo.alt === true ? 'Alt' : '',
    shift ? 'Shift' : '',
    name,
  ];
  return parts.filter((part) => part !== '').join('+');
}

export const isMac = (): boolean => /mac|iphone|ipad/i.test(navigator.userAgent);
