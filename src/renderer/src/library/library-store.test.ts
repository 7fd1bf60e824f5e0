// The store against a client whose answers and events the test controls (the real core is exercised
// by the end-to-end tests): first load, pushed events, errors, ordering and unsubscribing.
import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../../shared/contract/client';
import type { Envelope } from '../../../shared/contract/envelope';
import { createLibraryStore } from './library-store';

const SNAPSHOT = { root: '/games', games: [], problems: [] };
const NEWER = { root: '/games', games: [], problems: [{ folder: 'broken', message: 'game.json is missing.' }] };
const ENGINE = { reachable: true, endpoint: 'unix:///var/run/docker.sock' };

function controlledTransport() {
  const calls = new Map<string, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: Transport = {
    invoke: (method) => new Promise((resolve) => calls.set(method, resolve)),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  const answer = async (method: string, envelope: Envelope<unknown>) => {
    calls.get(method)?.(envelope);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  const listenerCount = () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0);
  return { client: createClient(transport), answer, emit, listenerCount };
}

describe('library store', () => {
  it('loads the library and the engine status, then follows their events', async () => {
    const store = createLibraryStore();
    const { client, answer, emit } = controlledTransport();
    store.getState().connect(client);
    expect(store.getState().library).toEqual({ state: 'loading' });
    await answer('library.list', { result: SNAPSHOT });
    await answer('engine.status', { result: ENGINE });
    expect(store.getState().library).toEqual({ state: 'ready', value: SNAPSHOT });
    expect(store.getState().engine).toEqual({ state: 'ready', value: ENGINE });
    emit('library.changed', NEWER);
    emit('engine.status', { ...ENGINE, reachable: false, message: 'Start Docker.' });
    expect(store.getState().library).toEqual({ state: 'ready', value: NEWER });
    expect(store.getState().engine).toMatchObject({ state: 'ready', value: { reachable: false, message: 'Start Docker.' } });
  });

  it("shows a contract error's message", async () => {
    const store = createLibraryStore();
    const { client, answer } = controlledTransport();
    store.getState().connect(client);
    await answer('library.list', { error: { code: 'internal', message: 'library.list failed: EACCES' } });
    expect(store.getState().library).toEqual({ state: 'error', message: 'library.list failed: EACCES' });
  });

  it('keeps a pushed event over an older answer that arrives after it', async () => {
    const store = createLibraryStore();
    const { client, answer, emit } = controlledTransport();
    store.getState().connect(client);
    emit('library.changed', NEWER);
    await answer('library.list', { result: SNAPSHOT });
    expect(store.getState().library).toEqual({ state: 'ready', value: NEWER });
  });

  it('unsubscribes on disconnect and ignores what arrives afterwards', async () => {
    const store = createLibraryStore();
    const { client, answer, emit, listenerCount } = controlledTransport();
    const disconnect = store.getState().connect(client);
    expect(listenerCount()).toBe(2);
    disconnect();
    disconnect();
    expect(listenerCount()).toBe(0);
    emit('library.changed', NEWER);
    await answer('library.list', { result: SNAPSHOT });
    expect(store.getState().library).toEqual({ state: 'loading' });
  });
});
