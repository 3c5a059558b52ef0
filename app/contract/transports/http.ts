/**
 * Transport over the server host: POST /rpc/:method for calls, one EventSource on /events.
 * fetch and EventSource are injected, so this stays free of DOM and Node globals.
 */
import type { WireError } from '../../errors.ts';
import type { EventListener, Transport } from '../transport.ts';
import { errorEnvelope } from '../wire.ts';

export interface FetchResponseLike {
  readonly status: number;
  json(): Promise<unknown>;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<FetchResponseLike>;

export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface HttpTransportOptions {
  /** Origin and path prefix of the server host, e.g. "http://127.0.0.1:4780". */
  baseUrl: string;
  fetch: FetchLike;
  openEventSource: EventSourceFactory;
  /** Access token for a server bound beyond loopback. */
  token?: string;
}

const unavailable = (message: string): WireError => ({ code: 'UNAVAILABLE', message });

/** One EventSource shared by all listeners, opened on the first and closed after the last. */
function eventStream(url: string, openEventSource: EventSourceFactory) {
  const listeners = new Set<EventListener>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSourceLike | null = null;
  const notify = (connected: boolean) => {
    for (const listener of connectionListeners) {
      listener(connected);
    }
  };
  const deliver = (data: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof parsed === 'object' && parsed !== null && 'event' in parsed) {
      const { event, payload } = parsed as { event: unknown; payload: unknown };
      if (typeof event === 'string') {
        for (const listener of listeners) {
          listener(event, payload);
        }
      }
    }
  };
  const open = (): EventSourceLike => {
    const opened = openEventSource(url);
    opened.onopen = () => {
      notify(true);
    };
    opened.onerror = () => {
      notify(false);
    };
    opened.onmessage = (message) => {
      deliver(message.data);
    };
    return opened;
  };
  return {
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      source ??= open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source !== null) {
          source.close();
          source = null;
        }
      };
    },
    onConnectionChange(listener: (connected: boolean) => void): () => void {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close(): void {
      source?.close();
      source = null;
      listeners.clear();
      connectionListeners.clear();
    },
  };
}

export function httpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  const query =
    options.token === undefined ? '' : `?access_token=${encodeURIComponent(options.token)}`;
  const stream = eventStream(`${base}/events${query}`, options.openEventSource);
  return {
    kind: 'http',
    async call(method, params) {
      let response: FetchResponseLike;
      try {
        response = await options.fetch(`${base}/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(params ?? null),
        });
      } catch {
        return errorEnvelope(unavailable('The studio server cannot be reached.'));
      }
      try {
        return await response.json();
      } catch {
        return errorEnvelope(
          unavailable(`The studio server answered ${response.status} without a result.`),
        );
      }
    },
    subscribe: (listener) => stream.subscribe(listener),
    onConnectionChange: (listener) => stream.onConnectionChange(listener),
    dispose: () => {
      stream.close();
    },
  };
}
