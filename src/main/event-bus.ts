// The core's pushed events, in one place: areas announce (session.changed, host.metrics, ...), and
// whoever needs to hear subscribes: the transports (every event) and other areas (metrics follows
// session.changed). Listeners run in the order they subscribed.
import type { EventName, EventPayload } from '../shared/contract/contract';

export type AnyListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** One event's listener; returns the function that unsubscribes. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Every event's listener (a transport); returns the function that unsubscribes. */
  onAny(listener: AnyListener): () => void;
  /** Removes every listener (the core is closing). */
  clear(): void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<{ name?: EventName; listener: AnyListener }>();
  const add = (entry: { name?: EventName; listener: AnyListener }) => {
    listeners.add(entry);
    return () => void listeners.delete(entry);
  };
  return {
    emit(name, payload) {
      for (const entry of [...listeners]) if (entry.name === undefined || entry.name === name) entry.listener(name, payload);
    },
    on(name, listener) {
      return add({ name, listener: (_name, payload) => listener(payload as EventPayload<typeof name>) });
    },
    onAny(listener) {
      return add({ listener });
    },
    clear() {
      listeners.clear();
    },
  };
}
