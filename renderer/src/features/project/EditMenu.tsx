/** The in-app Edit menu (a browser window has no native one): Undo and Redo with their labels. */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

import type { HistoryState } from '../../../../app/model/project.ts';
import { tr } from '../../i18n/active.ts';
import { editLabel } from '../../i18n/app-messages.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { shortcutText } from './use-undo-shortcuts.ts';

interface MenuItem {
  command: 'undo' | 'redo';
  text: string;
  enabled: boolean;
}

export function historyItems(history: HistoryState): MenuItem[] {
  return [
    {
      command: 'undo',
      text:
        history.undoLabel === null
          ? tr('project.undo')
          : tr('project.undoStep', { label: editLabel(history.undoLabel) }),
      enabled: history.canUndo,
    },
    {
      command: 'redo',
      text:
        history.redoLabel === null
          ? tr('project.redo')
          : tr('project.redoStep', { label: editLabel(history.redoLabel) }),
      enabled: history.canRedo,
    },
  ];
}

export function EditMenu(props: {
  history: HistoryState;
  onCommand: (c: 'undo' | 'redo') => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items = historyItems(props.history);

  useEffect(() => {
    if (!open) {
      return;
    }
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    }
  };

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className="button button-ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          setOpen((value) => !value);
        }}
      >
        {t('project.edit')}
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          className="menu-list"
          role="menu"
          aria-label={t('project.edit')}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item) => (
            <li key={item.command} role="none">
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                aria-disabled={!item.enabled}
                tabIndex={-1}
                onClick={() => {
                  if (item.enabled) {
                    props.onCommand(item.command);
                    close();
                  }
                }}
              >
                <span>{item.text}</span>
                <kbd className="menu-shortcut">{shortcutText(item.command)}</kbd>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
