// The failure kind of an error that ended a launch before its game started: the renderer's advice
// comes from it (shared/model/entities.ts FAILURE_KINDS), never from the wording of the reason.
import type { FailureKind } from '../../shared/model/entities';
import { PrepareFailure } from '../container/prepare-failure';
import { ImageError } from '../docker/runner-image';

/** As session-manager's explain() words it: an unanswered engine first, whatever wrapped it. */
export function failureKindOf(error: unknown): FailureKind {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || refusedConnection(error)) return 'engine-unreachable';
  if (error instanceof PrepareFailure) return error.failureKind;
  if (error instanceof ImageError) return 'image-build';
  return 'prepare';
}

/** A connection to the engine's socket that failed (no engine, or not ours to reach), in the cause chain. */
function refusedConnection(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    const { code, syscall } = cause as NodeJS.ErrnoException;
    if (syscall === 'connect' && (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES')) return true;
  }
  return false;
}
