import { describe, expect, it } from 'vitest';

import { comboText, matchShortcut, SHORTCUTS } from './shortcuts.ts';

const press = (
  key: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('shortcuts', () => {
  it('matches keys with exactly their modifiers', () => {
    expect(matchShortcut(press(' '))?.id).toBe('playPause');
    expect(matchShortcut(press('S'))?.id).toBe('split');
    expect(matchShortcut(press('d', { ctrl: true }))?.id).toBe('duplicate');
    expect(matchShortcut(press('d', { meta: true }))?.id).toBe('duplicate');
    expect(matchShortcut(press('d'))).toBeNull();
    expect(matchShortcut(press('ArrowLeft', { alt: true }))?.id).toBe('nudgeLeft');
    expect(matchShortcut(press('ArrowLeft', { shift: true }))?.id).toBe('extendLeft');
    expect(matchShortcut(press('ArrowLeft'))?.id).toBe('cursorLeft');
    expect(matchShortcut(press('Z', { shift: true }))?.id).toBe('zoomFit');
    expect(matchShortcut(press('z'))?.id).toBe('zoomSelection');
    // "?" needs Shift on most layouts; the character decides.
    expect(matchShortcut(press('?', { shift: true }))?.id).toBe('shortcuts');
    expect(matchShortcut(press('+', { shift: true }))?.id).toBe('zoomIn');
  });

  it('leaves undo and redo to their own handler', () => {
    expect(matchShortcut(press('z', { ctrl: true }))).toBeNull();
    expect(SHORTCUTS.find((s) => s.id === 'undo')?.listOnly).toBe(true);
  });

  it('gives every combo one meaning', () => {
    const seen = new Map<string, string>();
    for (const shortcut of SHORTCUTS) {
      for (const combo of shortcut.combos) {
        const text = comboText(combo, false);
        expect(seen.get(text), text).toBeUndefined();
        seen.set(text, shortcut.id);
      }
    }
  });

  it('spells combos the way each platform does', () => {
    expect(comboText({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(comboText({ key: 'z', mod: true, shift: true }, true)).toBe('⇧⌘Z');
    expect(comboText({ key: ' ' }, false)).toBe('Space');
    expect(comboText({ key: '?', shift: true }, false)).toBe('?');
    expect(comboText({ key: 'ArrowLeft', alt: true }, true)).toBe('⌥←');
  });
});
