/** In-process transport for unit tests: JSON round trips keep it honest about plain data. */
import type { Dispatch } from '../dispatch.ts';
import type { EventListener, Transport } from '../transport.ts';

const wireCopy = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

export function memoryTransport(
  dispatch: Dispatch,
  source: { subscribe(listener: EventListener): () => void },
): Transport {
  return {
    kind: 'memory',
    call: async (method, params) => wireCopy(await dispatch(method, wireCopy(params))),
    subscribe: (listener) =>
      source.subscribe((event, payload) => {
        listener(event, wireCopy(payload));
      }),
  };
}
