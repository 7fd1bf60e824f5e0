// Which snapshots to keep: the last N, plus the newest of each day (UTC) for the last D days,
// counting before-restore snapshots like the others. A pure function of the list and a clock, so
// it is tested with a fake `now`; pruning (game-saves.ts) removes the rest, manifests first, then
// the objects no remaining manifest refers to. Settings can change both numbers (savesKeepLast,
// savesKeepDays); the next prune reads them, no restart.
import { SAVES_RETENTION_DEFAULTS } from '../app-data/settings';

export interface RetentionPolicy {
  keepLast: number;
  keepDays: number;
}
/** The issue's "the last 20, plus one a day for 30 days": the Settings' defaults, so one number each. */
export const DEFAULT_RETENTION: RetentionPolicy = { ...SAVES_RETENTION_DEFAULTS };

const DAY_MS = 86_400_000;

export function snapshotsToPrune(snapshots: { id: string; createdAt: string }[], policy: RetentionPolicy, now: Date): string[] {
  const newestFirst = [...snapshots].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const kept = new Set(newestFirst.slice(0, Math.max(0, policy.keepLast)).map((s) => s.id));
  const today = Math.floor(now.getTime() / DAY_MS);
  const daysSeen = new Set<number>();
  for (const snapshot of newestFirst) {
    const day = Math.floor(Date.parse(snapshot.createdAt) / DAY_MS);
    if (today - day >= policy.keepDays || daysSeen.has(day)) continue;
    daysSeen.add(day);
    kept.add(snapshot.id);
  }
  return newestFirst.filter((s) => !kept.has(s.id)).map((s) => s.id);
}
