/** Shakes hands with the host before anything else renders; full-screen message on failure. */
import { type ReactNode, useEffect, useState } from 'react';

import type { HelloResult } from '../../../app/contract/methods.ts';
import { useStudioClient } from '../client/studio-context.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { ConnectionFailure, FullScreenMessage } from './FullScreenMessage.tsx';
import { HostContext } from './host-context.ts';

type GateState =
  | { status: 'connecting' }
  | { status: 'ready'; hello: HelloResult }
  | { status: 'failed'; error: unknown };

export function ConnectionGate(props: { children: ReactNode }) {
  const t = useT();
  const client = useStudioClient();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<GateState>({ status: 'connecting' });
  useEffect(() => {
    let current = true;
    client.connect().then(
      (hello) => {
        if (current) {
          setState({ status: 'ready', hello });
        }
      },
      (error: unknown) => {
        if (current) {
          setState({ status: 'failed', error });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);
  if (state.status === 'connecting') {
    return <FullScreenMessage title={t('app.connecting')} busy />;
  }
  if (state.status === 'failed') {
    return (
      <ConnectionFailure
        error={state.error}
        onRetry={() => {
          setState({ status: 'connecting' });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return <HostContext.Provider value={state.hello}>{props.children}</HostContext.Provider>;
}
