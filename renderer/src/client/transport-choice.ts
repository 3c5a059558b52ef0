/** Picks the transport for this window: the preload bridge in Electron, HTTP in a browser. */
import type { StudioBridge } from '../../../app/contract/bridge.ts';
import type { Transport } from '../../../app/contract/transport.ts';
import { electronTransport } from '../../../app/contract/transports/electron.ts';
import { httpTransport } from '../../../app/contract/transports/http.ts';
import { resilientEventSource } from './resilient-event-source.ts';

/** The preload's `window.studio`; present only in the desktop app. */
export function studioBridge(target: object = window): StudioBridge | undefined {
  return (target as { studio?: StudioBridge }).studio;
}

/** Throws CONTRACT_MISMATCH when the desktop bridge speaks another contract version. */
export function chooseTransport(): Transport {
  const bridge = studioBridge();
  if (bridge !== undefined) {
    return electronTransport(bridge);
  }
  return httpTransport({
    baseUrl: location.origin,
    fetch: (url, init) => fetch(url, init),
    openEventSource: (url) => resilientEventSource(url, (target) => new EventSource(target)),
  });
}
