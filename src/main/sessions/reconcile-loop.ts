// Keeps the session records agreeing with Docker: reconcile at start and whenever the engine comes
// back, one pass at a time (a pass waits for the one before), then look again at the followed ones.
import type Docker from 'dockerode';
import { messageOf } from '../../shared/errors';
import type { RunnerSession } from '../../shared/model/entities';
import type { SessionStore } from '../session-store/session-store';
import { reconcileSessions } from './reconcile';
import type { SessionManager } from './session-manager';

export interface ReconcileLoopDeps {
  docker: Docker;
  store: SessionStore;
  sessions: SessionManager;
  instanceId: string;
  warn(message: string): void;
  /** Each session running after a pass (adopted from an earlier run, say): its samples start. */
  running(session: RunnerSession): void;
}

export interface ReconcileLoop {
  /** The engine answers (again): reconcile, then recheck the followed sessions. */
  engineBack(): void;
  /** Resolves when the pass under way (if any) is done. */
  settled(): Promise<unknown>;
}

export function reconcileLoop({ docker, store, sessions, instanceId, warn, running }: ReconcileLoopDeps): ReconcileLoop {
  let passes: Promise<unknown> = Promise.resolve();
  return {
    engineBack() {
      passes = passes
        .then(() => reconcileSessions(docker, store, sessions, warn, instanceId))
        .then(() => store.running().forEach(running))
        .catch((error: unknown) => warn(`Could not compare the sessions with Docker yet (${messageOf(error)}); the app tries again when the engine answers.`));
      void sessions.recheck();
    },
    settled: () => passes,
  };
}
