// The typed client both the preload and the browser build from the contract. A transport carries
// `(method, payload) → Envelope` and pushed events; the client types them and rebuilds errors.
import { ContractError, type Envelope } from './envelope';
import type { EventName, EventPayload, MethodInput, MethodName, MethodResult } from './contract';

export interface Transport {
  invoke(method: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Returns the function that unsubscribes. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface DillingerClient {
  invoke<M extends MethodName>(method: M, ...input: undefined extends MethodInput<M> ? [MethodInput<M>?] : [MethodInput<M>]): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: Transport): DillingerClient {
  return {
    async invoke(method, ...input) {
      const envelope = await transport.invoke(method, input[0]);
      if ('error' in envelope) throw new ContractError(envelope.error.code, envelope.error.message, envelope.error.problems);
      return envelope.result as never;
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
