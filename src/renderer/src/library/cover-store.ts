// Covers of the library's games: asked for (library.cover) the first time a card shows a game with a
// cover, and kept per game and cover path, so scrolling, filtering and coming back ask nothing again.
// The card shows its generated cover while one loads, and when a game has none (null).
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';

export type CoverEntry = { state: 'loading'; ticket: number } | { state: 'ready'; dataUrl: string | null };

export interface CoverState {
  covers: Record<string, CoverEntry>;
  /** Asks for the cover unless it is known or on its way. */
  load(client: DillingerClient, gameId: string, cover: string): Promise<void>;
  /** Forgets a game's covers (its cover file was changed): the next card asks again. */
  forget(gameId: string): void;
}

export function coverKey(gameId: string, cover: string): string {
  return `${gameId}\n${cover}`;
}

export function createCoverStore() {
  let tickets = 0;
  return create<CoverState>()((set, get) => ({
    covers: {},
    async load(client, gameId, cover) {
      const key = coverKey(gameId, cover);
      if (get().covers[key]) return;
      const ticket = ++tickets;
      set((state) => ({ covers: { ...state.covers, [key]: { state: 'loading', ticket } } }));
      let dataUrl: string | null = null;
      try {
        dataUrl = (await client.invoke('library.cover', { gameId })).dataUrl;
      } catch {
        // No cover then: the generated one stays (the card has nothing to add to a failed read).
      }
      // Forgotten meanwhile (and maybe asked again): this answer may be of the old file.
      const now = get().covers[key];
      if (now?.state !== 'loading' || now.ticket !== ticket) return;
      set((state) => ({ covers: { ...state.covers, [key]: { state: 'ready', dataUrl } } }));
    },
    forget(gameId) {
      const prefix = coverKey(gameId, '');
      set((state) => ({ covers: Object.fromEntries(Object.entries(state.covers).filter(([key]) => !key.startsWith(prefix))) }));
    },
  }));
}

export const useCoverStore = createCoverStore();

/** The cover to show for a game: its image once loaded, else undefined (the generated cover). */
export function coverUrl(covers: Record<string, CoverEntry>, gameId: string, cover: string | undefined): string | undefined {
  if (!cover) return undefined;
  const entry = covers[coverKey(gameId, cover)];
  return entry?.state === 'ready' && entry.dataUrl ? entry.dataUrl : undefined;
}
