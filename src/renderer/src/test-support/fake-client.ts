// Test support: a DillingerClient whose answers the test writes as plain functions per method
// (throw a ContractError to answer an error), recording every call, with events it can push.
import type { DillingerClient } from '../../../shared/contract/client';
import type { EventName, EventPayload, MethodName } from '../../../shared/contract/contract';
import { ContractError } from '../../../shared/contract/envelope';

export type Handlers = Partial<Record<MethodName, (input: never) => unknown>>;

export function fakeClient(handlers: Handlers) {
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const client: DillingerClient = {
    async invoke(method, ...input) {
      calls.push({ method, input: input[0] });
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new ContractError('unknown_method', `no fake answer for ${method}`);
      return (await handler(input[0])) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => listeners.get(event)?.forEach((l) => l(payload));
  const callsOf = (method: MethodName) => calls.filter((c) => c.method === method).map((c) => c.input);
  return { client, calls, callsOf, emit };
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
