// Moves a session to a final state along the state machine's own edges, writing each step, so the
// record never skips a state (a game that exits 0 while running goes running → stopping → terminated).
import type { RunnerSession, SessionStatus } from '../../shared/model/entities';
import type { SessionPatch, SessionStore } from '../session-store/session-store';

const PATHS: Record<string, SessionStatus[]> = {
  'requested>failed': ['failed'],
  'requested>terminated': ['failed'],
  'requested>crashed': ['failed'],
  'starting>failed': ['failed'],
  'starting>crashed': ['crashed'],
  'starting>terminated': ['running', 'stopping', 'terminated'],
  'running>crashed': ['crashed'],
  'running>terminated': ['stopping', 'terminated'],
  'running>failed': ['failed'],
  'stopping>terminated': ['terminated'],
  'stopping>crashed': ['terminated'],
  'stopping>failed': ['terminated'],
};

/** The statuses a session passes through from `from` to end as (close to) `target`. */
export function pathToEnd(from: SessionStatus, target: 'terminated' | 'crashed' | 'failed'): SessionStatus[] {
  return PATHS[`${from}>${target}`] ?? [];
}

/**
 * Walks the session to its end; the final write carries `patch` (exit code, reason, end time).
 * Calls `announce` after every write.
 */
export async function finishSession(
  store: SessionStore,
  session: RunnerSession,
  target: 'terminated' | 'crashed' | 'failed',
  patch: SessionPatch,
  announce: (session: RunnerSession) => void,
): Promise<RunnerSession> {
  let current = session;
  const steps = pathToEnd(current.status, target);
  for (const [index, status] of steps.entries()) {
    const last = index === steps.length - 1;
    current = await store.update(current.sessionId, last ? { ...patch, status } : { status });
    announce(current);
  }
  return current;
}
