// A session's end while the Docker engine does not answer (stopped, restarting): nothing is
// concluded until it answers again, and the end is then recorded with the exit status it reports.
import type Docker from 'dockerode';

/** How often a container is looked up again while the engine does not answer. */
export const ENGINE_RETRY_MS = 1000;

/** The app is quitting while the engine is away: the session stays live for the next start. */
export class EngineAway extends Error {
  override name = 'EngineAway';
}

const NO_ANSWER = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** A failed connection (no answer at all), as opposed to an answer such as 404. */
export function engineUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    if ((cause as { statusCode?: number }).statusCode !== undefined) return false;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== undefined && NO_ANSWER.has(code)) return true;
  }
  return false;
}

/**
 * The container's state, waiting for the engine while it does not answer. Undefined: the engine
 * answered that the container is gone (or could not say). `onNoAnswer` is told at each failed try;
 * `quitting` ends the wait with EngineAway.
 */
export async function inspectWhenAnswering(container: Docker.Container, onNoAnswer: () => void, quitting: () => boolean): Promise<Docker.ContainerInspectInfo | undefined> {
  for (;;) {
    try {
      return await container.inspect();
    } catch (error) {
      if (!engineUnreachable(error)) return undefined;
      onNoAnswer();
      if (quitting()) throw new EngineAway();
      await new Promise((resolve) => setTimeout(resolve, ENGINE_RETRY_MS).unref());
      if (quitting()) throw new EngineAway();
    }
  }
}

export function engineStoppedReason(exitCode: number): string {
  return `The Docker engine stopped, and the game with it (exit code ${exitCode}). Press Play to play again once Docker runs.`;
}
