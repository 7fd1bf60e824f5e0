// Per game: how often and how long it was played, and when last, from the session records. Only
// sessions whose game really ran count: a failed launch, a game that crashed before it ever ran,
// and one still waiting for its container are not play.
import type { GamePlayStats } from '../../shared/contract/contract';
import type { RunnerSession } from '../../shared/model/entities';
import { NEVER_STARTED_EXIT_CODES } from '../../shared/model/runner-exit-codes';
import { isLive } from '../../shared/model/session-states';

/**
 * Did the game run? A crash with no process id ended before the app ever saw the game running, one
 * with an exit code of NEVER_STARTED_EXIT_CODES never started the program (missing, not runnable);
 * a crash after the game ran did play, so it counts.
 */
export function gameRan(session: Pick<RunnerSession, 'status' | 'processId' | 'exitCode'>): boolean {
  switch (session.status) {
    case 'requested':
    case 'starting':
    case 'failed':
      return false;
    case 'crashed':
      return session.processId !== undefined && !(session.exitCode !== undefined && NEVER_STARTED_EXIT_CODES.has(session.exitCode));
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
    const end = session.endTime ? Date.parse(session.endTime) : isLive(session.status) ? now : Date.parse(session.lastActivity ?? session.startTime);
    const entry = (stats[session.gameId] ??= { sessionCount: 0, totalPlaySeconds: 0 });
    entry.sessionCount += 1;
    entry.totalPlaySeconds += Math.max(0, (end - start) / 1000);
    if (!entry.lastPlayed || session.startTime > entry.lastPlayed) entry.lastPlayed = session.startTime;
  }
  return stats;
}
