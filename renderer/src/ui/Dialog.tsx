/**
 * A modal built on <dialog>: the browser traps focus, closes on Escape and restores focus.
 * Rendered only while open; `onClose` fires on Escape and on the close button.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';

import { useT } from '../i18n/I18nProvider.tsx';
import { IconClose } from './icons.tsx';

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Extra class for sizing, e.g. "dialog-narrow". */
  className?: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  // Parents pass fresh closures; the dialog must not reopen (and lose focus) on each render.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) {
      return;
    }
    // jsdom has no showModal; an open attribute is enough there.
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    const cancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (typeof dialog.close === 'function' && dialog.open) {
        dialog.close();
      }
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${props.className ?? ''}`} aria-labelledby={titleId}>
      <header className="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" className="icon-button" aria-label={t('app.close')} onClick={onClose}>
          <IconClose />
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

/** A validation message under a field; `id` goes into the field's aria-describedby. */
export function FieldError(props: { id: string; message: string | undefined }) {
  if (props.message === undefined) {
    return null;
  }
  return (
    <p className="field-error" id={props.id} role="alert">
      {props.message}
    </p>
  );
}
