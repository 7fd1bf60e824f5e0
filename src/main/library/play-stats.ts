// Per game: how often and how long it was played, and when last, from the session records. Only
// sessions whose game really ran count: a failed launch, a game that crashed before it ever ran,
// and one still waiting for its container are not play.
import type { GamePlayStats } from '../../shared/contract/contract';
import type { RunnerSession } from '../../shared/model/entities';

/** Statuses whose game may still be on screen: they count until now. */
const LIVE = new Set(['running', 'stopping']);

/**
 * Did the game run? A crash with no process id ended before the app ever saw the game running (the
 * executable missing, the runner refusing to start it); one after it ran did play, so it counts.
 */
export function gameRan(session: Pick<RunnerSession, 'status' | 'processId'>): boolean {
  switch (session.status) {
    case 'requested':
    case 'starting':
    case 'failed':
      return false;
    case 'crashed':
      return session.processId !== undefined;
    case 'running':
    case 'stopping':
    case 'terminated':
      return true;
  }
}

export function playStats(sessions: readonly RunnerSession[], now: number = Date.now()): Record<string, GamePlayStats> {
  const stats: Record<string, GamePlayStats> = {};
  for (const session of sessions) {
    if (!gameRan(session)) continue;
    const start = Date.parse(session.startTime);
    const end = session.endTime ? Date.parse(session.endTime) : LIVE.has(session.status) ? now : Date.parse(session.lastActivity ?? session.startTime);
    const entry = (stats[session.gameId] ??= { sessionCount: 0, totalPlaySeconds: 0 });
    entry.sessionCount += 1;
    entry.totalPlaySeconds += Math.max(0, (end - start) / 1000);
    if (!entry.lastPlayed || session.startTime > entry.lastPlayed) entry.lastPlayed = session.startTime;
  }
  return stats;
}
