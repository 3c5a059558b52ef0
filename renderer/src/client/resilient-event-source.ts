/**
 * An EventSource that never gives up. Browsers retry dropped streams themselves, but stop for
 * good ("fail the connection") when a reconnect gets an HTTP error, e.g. from a server that is
 * still starting. This wrapper then opens a new one after `retryMs`.
 */
import type { EventSourceLike } from '../../../app/contract/transports/http.ts';

/** The part of the DOM EventSource this wrapper uses. */
export type NativeEventSource = Pick<
  EventSource,
  'readyState' | 'onopen' | 'onmessage' | 'onerror' | 'close'
>;

/** EventSource.CLOSED, spelled out so tests need no DOM EventSource. */
const CLOSED = 2;

export function resilientEventSource(
  url: string,
  open: (url: string) => NativeEventSource,
  options: { retryMs?: number } = {},
): EventSourceLike {
  const retryMs = options.retryMs ?? 2000;
  let current: NativeEventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const wrapper: EventSourceLike = {
    onopen: null,
    onmessage: null,
    onerror: null,
    close() {
      closed = true;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      current?.close();
      current = null;
    },
  };

  const connect = () => {
    timer = null;
    if (closed) {
      return;
    }
    const source = open(url);
    current = source;
    source.onopen = (event) => wrapper.onopen?.(event);
    source.onmessage = (event) => wrapper.onmessage?.(event);
    source.onerror = (event) => {
      wrapper.onerror?.(event);
      if (source.readyState === CLOSED && current === source && !closed) {
        source.close();
        current = null;
        timer = setTimeout(connect, retryMs);
      }
    };
  };

  connect();
  return wrapper;
}
