import { describe, expect, it } from 'vitest';

import { isTypingTarget, shortcutCommand } from './use-undo-shortcuts.ts';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

describe('undo shortcuts', () => {
  it('maps Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y', () => {
    expect(shortcutCommand(key({ key: 'z', ctrlKey: true }))).toBe('undo');
    expect(shortcutCommand(key({ key: 'z', metaKey: true }))).toBe('undo');
    expect(shortcutCommand(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutCommand(key({ key: 'z', metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutCommand(key({ key: 'y', ctrlKey: true }))).toBe('redo');
  });

  it('ignores other keys and combinations', () => {
    expect(shortcutCommand(key({ key: 'z' }))).toBeNull();
    expect(shortcutCommand(key({ key: 'z', ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutCommand(key({ key: 'y', metaKey: true }))).toBeNull();
    expect(shortcutCommand(key({ key: 's', ctrlKey: true }))).toBeNull();
  });

  it('leaves keys typed into text fields to the field', () => {
    const text = document.createElement('input');
    const range = document.createElement('input');
    range.type = 'range';
    expect(isTypingTarget(text)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(range)).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
