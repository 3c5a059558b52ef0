/** Keeps the query cache in step with pushed events while mounted; reports the stream's state. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { attachLiveEvents } from './live-events.ts';
import { useStudioClient } from './studio-context.tsx';

/** False while the event stream is down (the host restarts, the network drops). */
export function useLiveEvents(): boolean {
  const client = useStudioClient();
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(true);
  useEffect(
    () => attachLiveEvents(client, queryClient, { onConnectionChange: setConnected }),
    [client, queryClient],
  );
  return connected;
}
