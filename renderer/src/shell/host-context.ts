/** What the connected host said about itself at handshake time. */
import { createContext, useContext } from 'react';

import type { HelloResult } from '../../../app/contract/methods.ts';

export const HostContext = createContext<HelloResult | null>(null);

export function useHost(): HelloResult {
  const host = useContext(HostContext);
  if (host === null) {
    throw new Error('useHost is only available inside a connected <ConnectionGate>.');
  }
  return host;
}
