// A step of preparing a container that failed for a reason the player can act on (no display, a
// program Wine cannot start), carrying its failure kind to the session's record. The message is
// the step's own, unchanged.
import { messageOf } from '../../shared/errors';
import type { FailureKind } from '../../shared/model/entities';

export class PrepareFailure extends Error {
  override name = 'PrepareFailure';
  /** `cause`: the step's error (its message is kept), or the message itself. */
  constructor(
    readonly failureKind: FailureKind,
    cause: unknown,
  ) {
    super(messageOf(cause), cause instanceof Error ? { cause } : undefined);
  }
}

/** Runs a step; what it throws comes back as a PrepareFailure of that kind. */
export function failingAs<T>(kind: FailureKind, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new PrepareFailure(kind, error);
  }
}
