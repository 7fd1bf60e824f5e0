// How a session ends, decided from what Docker says about its container. Pure, so each case is a test.
import type { SessionStatus } from '../../shared/model/entities';

export interface ContainerEnd {
  /** Null when the container is gone and its exit is unknown. */
  exitCode: number | null;
  oomKilled: boolean;
  /** Docker's State.Error, when it has one. */
  error?: string;
}

export interface Outcome {
  status: Extract<SessionStatus, 'terminated' | 'crashed'>;
  exitCode?: number;
  statusReason?: string;
}

/**
 * `stopRequested`: the user asked for the stop, so whatever the exit code, the session ended as
 * asked. Otherwise exit code 0 is a clean end, and anything else a crash with its reason.
 */
export function outcomeOf(end: ContainerEnd, stopRequested: boolean, memoryLimit?: string): Outcome {
  const exitCode = end.exitCode ?? undefined;
  const code = exitCode === undefined ? {} : { exitCode };
  if (end.oomKilled) {
    const limit = memoryLimit ? ` (limit ${memoryLimit})` : '';
    return { status: 'crashed', ...code, statusReason: `Killed for running out of memory${limit}: raise the memory limit in the game's launch settings.` };
  }
  if (stopRequested) return { status: 'terminated', ...code, statusReason: 'Stopped by request.' };
  if (end.exitCode === null) {
    return { status: 'crashed', statusReason: 'The container disappeared while the game ran (removed outside the app, or the Docker engine lost it).' };
  }
  if (end.exitCode === 0) return { status: 'terminated', exitCode: 0, statusReason: 'The game exited normally.' };
  return { status: 'crashed', exitCode: end.exitCode, statusReason: describeExit(end.exitCode, end.error) };
}

function describeExit(code: number, error?: string): string {
  const detail = error ? `: ${error}` : '';
  if (code === 125) return `The runner could not start the game (exit code 125)${detail}. See the session's log.`;
  if (code === 126) return `The game's executable could not be run (exit code 126)${detail}: check its permissions in the library.`;
  if (code === 127) return `The game's executable was not found in the library (exit code 127)${detail}: check its path in game.json.`;
  if (code > 128 && code < 160) return `The game was killed by signal ${code - 128} (exit code ${code})${detail}.`;
  return `The game exited with code ${code}${detail}.`;
}
