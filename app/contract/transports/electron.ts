/** Transport over the preload bridge (the page's global `studio`). */
import { StudioError } from '../../errors.ts';
import type { StudioBridge } from '../bridge.ts';
import { EVENT_NAMES } from '../names.ts';
import type { Transport } from '../transport.ts';
import { CONTRACT_VERSION } from '../version.ts';

export function electronTransport(bridge: StudioBridge): Transport {
  if (bridge.contractVersion !== CONTRACT_VERSION) {
    throw new StudioError(
      'CONTRACT_MISMATCH',
      `The desktop bridge speaks contract ${bridge.contractVersion}; this window speaks ${CONTRACT_VERSION}.`,
    );
  }
  return {
    kind: 'electron',
    call: (method, params) => bridge.call(method, params),
    subscribe: (listener) => {
      const offs = EVENT_NAMES.map((name) =>
        bridge.on(name, (payload) => {
          listener(name, payload);
        }),
      );
      return () => {
        for (const off of offs) {
          off();
        }
      };
    },
  };
}
