// Per game: how often and how long it was played, and when last, from the session records.
import type { GamePlayStats } from '../../shared/contract/contract';
import type { RunnerSession } from '../../shared/model/entities';

/** Statuses whose game may still be on screen: they count until now. */
const LIVE = new Set(['requested', 'starting', 'running', 'stopping']);

export function playStats(sessions: readonly RunnerSession[], now: number = Date.now()): Record<string, GamePlayStats> {
  const stats: Record<string, GamePlayStats> = {};
  for (const session of sessions) {
    const start = Date.parse(session.startTime);
    const end = session.endTime ? Date.parse(session.endTime) : LIVE.has(session.status) ? now : Date.parse(session.lastActivity ?? session.startTime);
    const entry = (stats[session.gameId] ??= { sessionCount: 0, totalPlaySeconds: 0 });
    entry.sessionCount += 1;
    entry.totalPlaySeconds += Math.max(0, (end - start) / 1000);
    if (!entry.lastPlayed || session.startTime > entry.lastPlayed) entry.lastPlayed = session.startTime;
  }
  return stats;
}
