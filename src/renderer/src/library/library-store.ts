// The library and the engine's status, as the page shows them: fetched once through the contract on
// connect, then kept current by the core's pushed events. An answer that arrives after a newer event
// (or after disconnect) is dropped, so the page never goes back in time.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { EngineStatus } from '../../../shared/contract/engine-status';
import type { LibrarySnapshot } from '../../../shared/library/manifest';
import { messageOf } from '../../../shared/errors';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'error'; message: string };

export interface LibraryState {
  library: Loadable<LibrarySnapshot>;
  engine: Loadable<EngineStatus>;
  /** Loads both and follows their events; returns the function that stops following. */
  connect(client: DillingerClient): () => void;
  /** Reads the library again (after an add, edit or remove), not waiting for the folder watcher. */
  refresh(client: DillingerClient): Promise<void>;
}

export function createLibraryStore() {
  return create<LibraryState>()((set) => ({
    async refresh(client) {
      try {
        set({ library: { state: 'ready', value: await client.invoke('library.list') } });
      } catch {
        // the snapshot shown stays; the library.changed event brings the next one
      }
    },
    library: { state: 'loading' },
    engine: { state: 'loading' },
    connect(client) {
      let connected = true;
      set({ library: { state: 'loading' }, engine: { state: 'loading' } });

      /** Shows what `load` answers, then what `subscribe` pushes; an answer that comes after a push is older, and dropped. */
      const follow = <T>(show: (value: Loadable<T>) => void, subscribe: (listener: (value: T) => void) => () => void, load: () => Promise<T>) => {
        let pushed = false;
        const unsubscribe = subscribe((value) => {
          if (!connected) return;
          pushed = true;
          show({ state: 'ready', value });
        });
        load().then(
          (value) => {
            if (connected && !pushed) show({ state: 'ready', value });
          },
          (error: unknown) => {
            if (connected && !pushed) show({ state: 'error', message: messageOf(error) });
          },
        );
        return unsubscribe;
      };
      const unsubscribes = [
        follow<LibrarySnapshot>((library) => set({ library }), (listener) => client.on('library.changed', listener), () => client.invoke('library.list')),
        follow<EngineStatus>((engine) => set({ engine }), (listener) => client.on('engine.status', listener), () => client.invoke('engine.status')),
      ];

      return () => {
        if (!connected) return;
        connected = false;
        for (const unsubscribe of unsubscribes) unsubscribe();
      };
    },
  }));
}

export const useLibraryStore = createLibraryStore();
