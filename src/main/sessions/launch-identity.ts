import { randomUUID } from 'node:crypto';
import { ContractError } from '../../shared/contract/envelope';

/**
 * The renderer may leave out sessionId and timestamp: the core fills them in, the same way for
 * launch.validate and sessions.launch, so a form can check exactly what it is about to send.
 */
export function withIdentity(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ContractError('invalid_payload', 'A launch request must be an object with gameId, userId, platform and launchConfig.');
  }
  return { sessionId: `sess_${randomUUID()}`, timestamp: new Date().toISOString(), ...(input as Record<string, unknown>) };
}
