/** The providers every screen relies on, then the handshake, then the shell. */
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback } from 'react';

import type { StudioClient } from '../../../app/contract/client.ts';
import { StudioProvider } from '../client/studio-context.tsx';
import { tr } from '../i18n/active.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import type { ToastStore } from '../ui/toast-store.ts';
import { toastError, ToastProvider } from '../ui/Toasts.tsx';
import { ConnectionGate } from './ConnectionGate.tsx';
import { StudioShell } from './StudioShell.tsx';

export function StudioApp(props: {
  client: StudioClient;
  queryClient: QueryClient;
  toasts: ToastStore;
}) {
  const { toasts } = props;
  const onEditError = useCallback(
    (error: unknown) => {
      toastError(toasts, error, tr('app.changeUndone'));
    },
    [toasts],
  );
  return (
    <I18nProvider>
      <QueryClientProvider client={props.queryClient}>
        <ToastProvider store={toasts}>
          <StudioProvider client={props.client} onEditError={onEditError}>
            <ConnectionGate>
              <StudioShell />
            </ConnectionGate>
          </StudioProvider>
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
