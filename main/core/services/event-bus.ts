/** Fan-out of contract events to every connected client (windows, SSE streams, tests). */
import { type EventPayload, events } from '../../../app/contract/events.ts';
import type { EventName } from '../../../app/contract/names.ts';
import type { EventListener } from '../../../app/contract/transport.ts';
import { errorFields, type Logger } from '../../../app/log.ts';

export class EventBus {
  readonly #listeners = new Set<EventListener>();
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log.child('events');
  }

  /** Validates the payload against the contract, then delivers it to every subscriber. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      this.#log.error('event.invalid', { event, error: checked.error.message });
      return;
    }
    for (const listener of [...this.#listeners]) {
      try {
        listener(event, checked.data);
      } catch (error) {
        this.#log.error('event.listener_failed', { event, ...errorFields(error) });
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
