/** Short notices in the corner. A tiny external store, so non-React code can raise them too. */
export type ToastTone = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
  action?: ToastAction;
}

export type ToastInput = Omit<Toast, 'id'>;

export interface ToastStore {
  push: (toast: ToastInput) => number;
  dismiss: (id: number) => void;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => readonly Toast[];
}

const MAX_VISIBLE = 4;

export function createToastStore(): ToastStore {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const set = (next: readonly Toast[]) => {
    toasts = next;
    for (const listener of listeners) {
      listener();
    }
  };
  return {
    push(toast) {
      const id = nextId++;
      set([...toasts, { ...toast, id }].slice(-MAX_VISIBLE));
      return id;
    },
    dismiss(id) {
      if (toasts.some((toast) => toast.id === id)) {
        set(toasts.filter((toast) => toast.id !== id));
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => toasts,
  };
}
