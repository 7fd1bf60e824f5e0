// Every session's live samples as they are pushed (session.metrics), outside React state: a sample a
// second for each of 16 sessions must not re-render the page. Graphs and sparklines subscribe to the
// session they draw and redraw themselves (once per animation frame at most).
import type { ResourceUsage } from '../../../shared/model/entities';
import { SampleRing } from '../graphs/sample-ring';

export const MAX_RINGS = 64;

export interface LiveSamples {
  ring(sessionId: string): SampleRing | undefined;
  push(sessionId: string, sample: ResourceUsage): void;
  /**
   * Puts stored samples older than the session's first live one in front of them (a list opened on a
   * game that has run for a while draws its recent past at once). Tells subscribers when it added any.
   */
  prepend(sessionId: string, samples: readonly ResourceUsage[]): void;
  /** Called after each sample of that session is kept; returns the function that unsubscribes. */
  subscribe(sessionId: string, listener: () => void): () => void;
  clear(): void;
}

export function createLiveSamples(capacity?: number, maxRings = MAX_RINGS): LiveSamples {
  const rings = new Map<string, SampleRing>();
  const listeners = new Map<string, Set<() => void>>();
  return {
    ring: (sessionId) => rings.get(sessionId),
    push(sessionId, sample) {
      let ring = rings.get(sessionId);
      if (!ring) {
        ring = new SampleRing(capacity);
        rings.set(sessionId, ring);
        // Forget the session first heard from longest ago (a Map keeps insertion order).
        if (rings.size > maxRings) rings.delete(rings.keys().next().value!);
      }
      if (!ring.push(sample)) return;
      listeners.get(sessionId)?.forEach((listener) => listener());
    },
    prepend(sessionId, samples) {
      const ring = rings.get(sessionId);
      const live = ring?.toSamples() ?? [];
      const firstLive = live.length > 0 ? Date.parse(live[0]!.timestamp) : Infinity;
      const older = samples.filter((s) => Date.parse(s.timestamp) < firstLive);
      if (older.length === 0) return;
      const next = new SampleRing(capacity);
      for (const sample of older) next.push(sample);
      for (const sample of live) next.push(sample);
      rings.set(sessionId, next);
      listeners.get(sessionId)?.forEach((listener) => listener());
    },
    subscribe(sessionId, listener) {
      const set = listeners.get(sessionId) ?? new Set();
      set.add(listener);
      listeners.set(sessionId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
    clear() {
      rings.clear();
    },
  };
}

/** The app's one registry, fed by the sessions store. */
export const liveSamples = createLiveSamples();
