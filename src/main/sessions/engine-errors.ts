// An error met while launching or following a session, in words a player can act on: Docker down
// or out of reach gets the engine's advice (docker/engine.ts), Docker's own message is kept as it
// is, and the app's own errors say what they say.
import { ContractError } from '../../shared/contract/envelope';
import { adviceFor } from '../docker/engine';

export function explainEngineError(error: unknown, endpoint: string): string {
  if (error instanceof ContractError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES') return adviceFor(error, endpoint);
  // The first Docker call of a launch (ensureRunnerImage) wraps a refused connection in an ImageError
  // ("Could not ask the Docker engine about …"): still tell the player Docker is down and what to do.
  const refused = connectErrorIn(error);
  if (refused) return adviceFor(refused, endpoint);
  const json = (error as { json?: { message?: string } } | undefined)?.json;
  return json?.message ?? (error instanceof Error ? error.message : String(error));
}

/** A failed connection to the engine socket, found in an error's cause chain. */
function connectErrorIn(error: unknown): NodeJS.ErrnoException | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    const { code, syscall } = cause as NodeJS.ErrnoException;
    if (syscall === 'connect' && (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES')) return cause;
  }
  return undefined;
}
