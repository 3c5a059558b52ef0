/** Entry point: pick the transport, build the client and the query cache, render the studio. */
import './styles/studio.css';

import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { StudioClient } from '../../app/contract/client.ts';
import { isStudioError } from '../../app/errors.ts';
import { chooseTransport } from './client/transport-choice.ts';
import { ConnectionFailure } from './shell/FullScreenMessage.tsx';
import { StudioApp } from './shell/StudioApp.tsx';
import { createToastStore } from './ui/toast-store.ts';

/** Only failures that may go away by themselves are worth retrying. */
const retryable = (failures: number, error: Error) =>
  failures < 3 && (isStudioError(error, 'UNAVAILABLE') || isStudioError(error, 'INTERNAL'));

const container = document.getElementById('root');
if (container !== null) {
  const root = createRoot(container);
  let client: StudioClient | null = null;
  let failure: unknown = null;
  try {
    client = new StudioClient(chooseTransport());
  } catch (error) {
    failure = error;
  }
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: retryable, refetchOnWindowFocus: false, staleTime: 1000 },
    },
  });
  root.render(
    <StrictMode>
      {client === null ? (
        <ConnectionFailure
          error={failure}
          onRetry={() => {
            location.reload();
          }}
        />
      ) : (
        <StudioApp client={client} queryClient={queryClient} toasts={createToastStore()} />
      )}
    </StrictMode>,
  );
}
