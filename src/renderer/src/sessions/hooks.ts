// Small hooks the session screens share: following the sessions store with the page's client, game
// titles from the library, and one shared second tick for every clock on the page.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';
import { useLibraryStore } from '../library/library-store';
import { useSessionsStore } from './sessions-store';

/** Keeps the sessions store following this client while the screen is shown (once, however many ask). */
export function useSessionsConnection(client: DillingerClient): void {
  const connect = useSessionsStore((state) => state.connect);
  useEffect(() => connect(client), [client, connect]);
}

/** Game id → title, from the library (a removed game keeps its id). */
export function useGameTitles(): (gameId: string) => string {
  const library = useLibraryStore((state) => state.library);
  return useMemo(() => {
    const titles = new Map<string, string>();
    if (library.state === 'ready') for (const game of library.value.games) titles.set(game.id, game.title);
    return (gameId: string) => titles.get(gameId) ?? gameId;
  }, [library]);
}

const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | undefined;
let second = Math.floor(Date.now() / 1000);

function subscribeTick(listener: () => void): () => void {
  tickListeners.add(listener);
  tickTimer ??= setInterval(() => {
    second = Math.floor(Date.now() / 1000);
    tickListeners.forEach((l) => l());
  }, 1000);
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && tickTimer !== undefined) {
      clearInterval(tickTimer);
      tickTimer = undefined;
    }
  };
}

/** The current second (ms since the epoch, whole seconds); re-renders once a second. */
export function useSecondTick(): number {
  return useSyncExternalStore(subscribeTick, () => second) * 1000;
}
