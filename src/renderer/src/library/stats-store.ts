// Per game: sessions, total play time and last played (library.stats, from the session history),
// fetched on connect and again, at most once a second, whenever a session changes.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';
import type { GamePlayStats } from '../../../shared/contract/contract';

export interface StatsState {
  stats: Record<string, GamePlayStats>;
  connect(client: DillingerClient, refetchDelayMs?: number): () => void;
}

export function createStatsStore() {
  return create<StatsState>()((set) => ({
    stats: {},
    connect(client, refetchDelayMs = 1000) {
      let connected = true;
      let asked = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const fetchStats = () => {
        const ask = ++asked;
        client.invoke('library.stats').then(
          (stats) => {
            if (connected && ask === asked) set({ stats });
          },
          () => undefined, // figures are a nicety: the cards read "Never played" without them
        );
      };
      const soon = () => {
        if (timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          if (connected) fetchStats();
        }, refetchDelayMs);
      };
      const offSession = client.on('session.changed', soon);
      const offLibrary = client.on('library.changed', soon);
      fetchStats();
      return () => {
        connected = false;
        if (timer !== undefined) clearTimeout(timer);
        offSession();
        offLibrary();
      };
    },
  }));
}

export const useStatsStore = createStatsStore();
