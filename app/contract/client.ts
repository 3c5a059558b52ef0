/** The client half of the contract: typed calls that throw StudioError, typed event listeners. */
import { StudioError } from '../errors.ts';
import { type Logger, noopLogger } from '../log.ts';
import { type EventPayload, events } from './events.ts';
import type { HelloResult, Params, Result } from './methods.ts';
import type { EventName, MethodName } from './names.ts';
import type { Transport } from './transport.ts';
import { CONTRACT_VERSION } from './version.ts';
import { Envelope } from './wire.ts';

export class StudioClient {
  readonly transport: Transport;
  readonly #log: Logger;

  constructor(transport: Transport, options: { log?: Logger } = {}) {
    this.transport = transport;
    this.#log = (options.log ?? noopLogger).child('client');
  }

  /** Handshake; throws CONTRACT_MISMATCH when the host speaks another contract version. */
  async connect(): Promise<HelloResult> {
    const hello = await this.call('system.hello', { contractVersion: CONTRACT_VERSION });
    if (hello.contractVersion !== CONTRACT_VERSION) {
      throw new StudioError(
        'CONTRACT_MISMATCH',
        `The studio host speaks contract ${hello.contractVersion}; this window speaks ${CONTRACT_VERSION}.`,
        { host: hello.contractVersion, client: CONTRACT_VERSION },
      );
    }
    return hello;
  }

  /** Calls `method`; resolves with its result or throws the host's StudioError. */
  async call<K extends MethodName>(method: K, params: Params<K>): Promise<Result<K>> {
    const answer = Envelope.safeParse(await this.transport.call(method, params));
    if (!answer.success) {
      throw new StudioError('INTERNAL', `The host sent a malformed answer to ${method}.`);
    }
    if (!answer.data.ok) {
      throw StudioError.fromWire(answer.data.error);
    }
    return answer.data.value as Result<K>;
  }

  /** Listens to one event; payloads that fail their schema are logged and dropped. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.transport.subscribe((name, payload) => {
      if (name !== event) {
        return;
      }
      const parsed = events[event].safeParse(payload);
      if (parsed.success) {
        listener(parsed.data as EventPayload<E>);
      } else {
        this.#log.warn('event.malformed', { event });
      }
    });
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    return this.transport.onConnectionChange?.(listener) ?? (() => undefined);
  }

  dispose(): void {
    this.transport.dispose?.();
  }
}
