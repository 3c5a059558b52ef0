/** The toast context, the error toast helper and the live region that shows them. */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useSyncExternalStore,
} from 'react';

import { describeError, isCancellation } from '../errors/error-text.ts';
import { tr } from '../i18n/active.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { IconClose } from './icons.tsx';
import type { Toast, ToastStore } from './toast-store.ts';

const ToastContext = createContext<ToastStore | null>(null);

export function ToastProvider(props: { store: ToastStore; children: ReactNode }) {
  return <ToastContext.Provider value={props.store}>{props.children}</ToastContext.Provider>;
}

export function useToasts(): ToastStore {
  const store = useContext(ToastContext);
  if (store === null) {
    throw new Error('useToasts needs a <ToastProvider> above it.');
  }
  return store;
}

/** Reports an error as a toast in the words of error-text.ts; cancellations stay quiet. */
export function toastError(store: ToastStore, error: unknown, context?: string): void {
  if (isCancellation(error)) {
    return;
  }
  const described = describeError(error);
  const detail = [described.detail, described.hint].filter((part) => part !== null).join(' ');
  store.push({
    tone: 'error',
    title:
      context === undefined
        ? described.title
        : tr('error.withContext', { context, title: described.title }),
    detail,
  });
}

export function useErrorToast(): (error: unknown, context?: string) => void {
  const store = useToasts();
  return useCallback(
    (error: unknown, context?: string) => {
      toastError(store, error, context);
    },
    [store],
  );
}

const LIFETIME_MS = { info: 5000, success: 5000, error: 9000 } as const;

function ToastItem(props: { toast: Toast; onDismiss: (id: number) => void }) {
  const t = useT();
  const { toast, onDismiss } = props;
  useEffect(() => {
    const timer = setTimeout(() => {
      onDismiss(toast.id);
    }, LIFETIME_MS[toast.tone]);
    return () => {
      clearTimeout(timer);
    };
  }, [toast.id, toast.tone, onDismiss]);
  return (
    <li className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <div className="toast-body">
        <p className="toast-title">{toast.title}</p>
        {toast.detail === undefined ? null : <p className="toast-detail">{toast.detail}</p>}
      </div>
      {toast.action === undefined ? null : (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            toast.action?.run();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label={t('app.dismiss')}
        onClick={() => {
          onDismiss(toast.id);
        }}
      >
        <IconClose />
      </button>
    </li>
  );
}

export function ToastViewport() {
  const t = useT();
  const store = useToasts();
  const toasts = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const dismiss = useCallback(
    (id: number) => {
      store.dismiss(id);
    },
    [store],
  );
  return (
    <ol className="toast-viewport" aria-label={t('app.notifications')}>
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
      ))}
    </ol>
  );
}
