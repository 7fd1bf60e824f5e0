// How a session ends, decided from what Docker says about its container. Pure, so each case is a test.
import type { FailureKind, SessionStatus } from '../../shared/model/entities';

import { NOT_STARTABLE_EXIT_CODE, PROGRAM_NOT_FOUND, PROGRAM_NOT_RUNNABLE, RUNNER_SETUP_FAILED } from '../../shared/model/runner-exit-codes';

// Wine's "cannot start this program" comes with its reason on a `dillinger-entrypoint:` line.
export { NOT_STARTABLE_EXIT_CODE };
/** The exit status of a process that died of SIGTERM (128 + 15), as the container's init reports it. */
const SIGTERM_EXIT_CODE = 143;

export interface ContainerEnd {
  /** Null when the container is gone and its exit is unknown. */
  exitCode: number | null;
  oomKilled: boolean;
  /** Docker's State.Error, or else the entrypoint's own reason (its last `dillinger-entrypoint:` line). */
  error?: string;
}

export interface Outcome {
  status: Extract<SessionStatus, 'terminated' | 'crashed' | 'failed'>;
  exitCode?: number;
  statusReason?: string;
  /** Set when the status is crashed or failed. */
  failureKind?: FailureKind;
}

/**
 * `stopRequested`: the user asked for the stop, so whatever the exit code, the session ended as
 * asked. Otherwise exit code 0 is a clean end, SIGTERM from elsewhere (`docker stop`, a shutdown) an
 * end as asked, the entrypoint's NOT_STARTABLE_EXIT_CODE with its reason a game that never started
 * (`failed`), and anything else a crash with its reason.
 */
export function outcomeOf(end: ContainerEnd, stopRequested: boolean, memoryLimit?: string): Outcome {
  const exitCode = end.exitCode ?? undefined;
  const code = exitCode === undefined ? {} : { exitCode };
  if (end.oomKilled) {
    const limit = memoryLimit ? ` (limit ${memoryLimit})` : '';
    return { status: 'crashed', ...code, statusReason: `Killed for running out of memory${limit}: raise the memory limit in the game's launch settings.`, failureKind: 'out-of-memory' };
  }
  if (end.exitCode === NOT_STARTABLE_EXIT_CODE && end.error) {
    return { status: 'failed', exitCode: end.exitCode, statusReason: `The game could not start: ${end.error.replace(/\.?$/, '.')}`, failureKind: 'not-startable' };
  }
  if (stopRequested) return { status: 'terminated', ...code, statusReason: 'Stopped by request.' };
  if (end.exitCode === null) {
    return { status: 'crashed', statusReason: 'The container disappeared while the game ran (removed outside the app, or the Docker engine lost it).', failureKind: 'container-gone' };
  }
  if (end.exitCode === 0) return { status: 'terminated', exitCode: 0, statusReason: 'The game exited normally.' };
  if (end.exitCode === SIGTERM_EXIT_CODE) {
    return { status: 'terminated', exitCode: end.exitCode, statusReason: 'Stopped from outside the app (SIGTERM: `docker stop`, or the system shutting down).' };
  }
  return { status: 'crashed', exitCode: end.exitCode, statusReason: describeExit(end.exitCode, end.error), failureKind: 'exit-code' };
}

function describeExit(code: number, error?: string): string {
  const detail = error ? `: ${error}` : '';
  if (code === RUNNER_SETUP_FAILED) return `The runner could not start the game (exit code 125)${detail}. See the session's log.`;
  if (code === PROGRAM_NOT_RUNNABLE) return `The game's executable could not be run (exit code 126)${detail}: check its permissions in the library.`;
  if (code === PROGRAM_NOT_FOUND) return `The game's executable was not found in the library (exit code 127)${detail}: check its path in game.json.`;
  if (code > 128 && code < 160) return `The game was killed by signal ${code - 128} (exit code ${code})${detail}.`;
  return `The game exited with code ${code}${detail}.`;
}

/** Whether the entrypoint explains this exit code on a `dillinger-entrypoint:` line of the log. */
export function entrypointExplains(exitCode: number | undefined): boolean {
  return exitCode === RUNNER_SETUP_FAILED || exitCode === NOT_STARTABLE_EXIT_CODE;
}
