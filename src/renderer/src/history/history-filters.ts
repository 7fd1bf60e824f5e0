// Past sessions as History lists them: the ended ones, newest first, filtered by game, status and
// user; the choices each filter offers; and each session's outcome in words.
import type { RunnerSession, SessionStatus } from '../../../shared/model/entities';
import { TERMINAL_STATUSES, isTerminal } from '../../../shared/model/session-states';

export interface HistoryFilter {
  /** '' = any. */
  gameId: string;
  status: SessionStatus | '';
  userId: string;
}

export const ANY_FILTER: HistoryFilter = { gameId: '', status: '', userId: '' };

/** Ended sessions, the most recently ended first. */
export function pastSessions(sessions: Record<string, RunnerSession> | readonly RunnerSession[]): RunnerSession[] {
  const all = Array.isArray(sessions) ? sessions : Object.values(sessions);
  return all.filter((s) => isTerminal(s.status)).sort((a, b) => endOf(b).localeCompare(endOf(a)) || b.sessionId.localeCompare(a.sessionId));
}

function endOf(session: RunnerSession): string {
  return session.endTime ?? session.lastActivity ?? session.startTime;
}

export function applyHistoryFilter(sessions: readonly RunnerSession[], filter: HistoryFilter): RunnerSession[] {
  return sessions.filter(
    (s) => (!filter.gameId || s.gameId === filter.gameId) && (!filter.status || s.status === filter.status) && (!filter.userId || s.userId === filter.userId),
  );
}

export interface FilterChoices {
  games: Array<{ id: string; title: string }>;
  statuses: readonly SessionStatus[];
  users: string[];
}

/** What the filters offer: the games and users that appear in the history, by name. */
export function filterChoices(sessions: readonly RunnerSession[], titleOf: (gameId: string) => string): FilterChoices {
  const games = [...new Set(sessions.map((s) => s.gameId))].map((id) => ({ id, title: titleOf(id) }));
  games.sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
  const users = [...new Set(sessions.map((s) => s.userId))].sort();
  return { games, statuses: TERMINAL_STATUSES as readonly SessionStatus[], users };
}

/** "Exit code 3: The game exited with code 3." / "Stopped by request." / "Ended". */
export function outcomeText(session: RunnerSession): string {
  const parts: string[] = [];
  if (session.exitCode !== undefined) parts.push(`Exit code ${session.exitCode}`);
  if (session.statusReason) parts.push(session.statusReason);
  return parts.join(': ') || 'Ended';
}
