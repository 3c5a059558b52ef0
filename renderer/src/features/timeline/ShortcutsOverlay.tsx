/** The list of keyboard shortcuts (opened with "?" or the toolbar's keyboard button). */
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { comboText, isMac, type Shortcut, SHORTCUTS } from './shortcuts.ts';

const GROUPS: { id: Shortcut['group']; title: MessageKey }[] = [
  { id: 'transport', title: 'shortcuts.transport' },
  { id: 'edit', title: 'shortcuts.edit' },
  { id: 'view', title: 'shortcuts.view' },
];

export function ShortcutsOverlay(props: { onClose: () => void }) {
  const t = useT();
  const mac = isMac();
  return (
    <Dialog title={t('shortcuts.title')} onClose={props.onClose} className="dialog-wide">
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group.id} aria-labelledby={`shortcuts-${group.id}`}>
            <h3 id={`shortcuts-${group.id}`}>{t(group.title)}</h3>
            <dl className="shortcut-list">
              {SHORTCUTS.filter((s) => s.group === group.id).map((shortcut) => (
                <div key={shortcut.id} className="shortcut-row">
                  <dt>{t(shortcut.label)}</dt>
                  <dd>
                    {shortcut.combos.map((combo) => (
                      <kbd key={comboText(combo, mac)}>{comboText(combo, mac)}</kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="shortcut-notes">{t('shortcuts.mouseNotes')}</p>
    </Dialog>
  );
}
