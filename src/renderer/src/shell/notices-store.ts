// The core's warnings as notices on every screen: those of app.info (files set aside, settings that
// could not be read, ...), and each one pushed later (app.warning: a container nothing explains).
// A dismissed notice stays dismissed, across reloads too: its id, a hash of its text, is kept in
// localStorage. The same warning at the next start has the same text, so it stays dismissed; a new
// one (another file set aside) is a new notice.
import { create } from 'zustand';
import type { DillingerClient } from '../../../shared/contract/client';

export const DISMISSED_KEY = 'dillinger.dismissed-notices';
/** Ids kept at most: the oldest dismissals are forgotten first. */
export const MAX_DISMISSED = 200;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** A warning's id: FNV-1a of its text, so the same warning has the same id in every run. */
export function noticeId(message: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < message.length; i += 1) {
    hash ^= message.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `w${hash.toString(16).padStart(8, '0')}`;
}

/** The warnings to show: each once, in order, less those dismissed. */
export function visibleNotices(warnings: readonly string[], dismissed: readonly string[]): Array<{ id: string; message: string }> {
  const hidden = new Set(dismissed);
  const seen = new Set<string>();
  const shown: Array<{ id: string; message: string }> = [];
  for (const message of warnings) {
    const id = noticeId(message);
    if (hidden.has(id) || seen.has(id)) continue;
    seen.add(id);
    shown.push({ id, message });
  }
  return shown;
}

export interface NoticesState {
  /** Warnings pushed since the page connected (app.info's come from the app info store). */
  pushed: string[];
  dismissed: string[];
  connect(client: DillingerClient): () => void;
  /** Dismisses these notices (one, or all shown), for good. */
  dismiss(...ids: string[]): void;
}

function readDismissed(storage: Storage | undefined): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return []; // unreadable: every notice shows again, which is the safe side
  }
}

/** The page's localStorage; undefined where there is none or it may not be used (a locked-down browser throws). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function createNoticesStore(storage: Storage | undefined = pageStorage()) {
  return create<NoticesState>()((set, get) => ({
    pushed: [],
    dismissed: readDismissed(storage),
    connect(client) {
      return client.on('app.warning', ({ message }) => {
        if (!get().pushed.includes(message)) set({ pushed: [...get().pushed, message] });
      });
    },
    dismiss(...ids) {
      const dismissed = [...get().dismissed.filter((d) => !ids.includes(d)), ...ids].slice(-MAX_DISMISSED);
      set({ dismissed });
      try {
        storage?.setItem(DISMISSED_KEY, JSON.stringify(dismissed));
      } catch {
        // Storage full or refused: dismissed for this page only.
      }
    },
  }));
}

export const useNoticesStore = createNoticesStore();
