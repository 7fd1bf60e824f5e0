// The library and the engine's status, as the page shows them: fetched once through the contract on
// connect, then kept current by the core's pushed events. An answer that arrives after a newer event
// (or after disconnect) is dropped, so the page never goes back in time.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { EngineStatus } from '../../../shared/contract/engine-status';
import type { LibrarySnapshot } from '../../../shared/library/manifest';

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
      let libraryEvents = 0;
      let engineEvents = 0;
      set({ library: { state: 'loading' }, engine: { state: 'loading' } });

      const unsubscribeLibrary = client.on('library.changed', (snapshot) => {
        if (!connected) return;
        libraryEvents++;
        set({ library: { state: 'ready', value: snapshot } });
      });
      const unsubscribeEngine = client.on('engine.status', (status) => {
        if (!connected) return;
        engineEvents++;
        set({ engine: { state: 'ready', value: status } });
      });

      const seenLibraryEvents = libraryEvents;
      client.invoke('library.list').then(
        (snapshot) => {
          if (connected && libraryEvents === seenLibraryEvents) set({ library: { state: 'ready', value: snapshot } });
        },
        (error: unknown) => {
          if (connected && libraryEvents === seenLibraryEvents) set({ library: { state: 'error', message: messageOf(error) } });
        },
      );
      const seenEngineEvents = engineEvents;
      client.invoke('engine.status').then(
        (status) => {
          if (connected && engineEvents === seenEngineEvents) set({ engine: { state: 'ready', value: status } });
        },
        (error: unknown) => {
          if (connected && engineEvents === seenEngineEvents) set({ engine: { state: 'error', message: messageOf(error) } });
        },
      );

      return () => {
        if (!connected) return;
        connected = false;
        unsubscribeLibrary();
        unsubscribeEngine();
      };
    },
  }));
}

export const useLibraryStore = createLibraryStore();

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
