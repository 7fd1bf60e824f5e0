// The RunnerSession state machine of the data model:
//
//   requested → starting → running → stopping → terminated
//                    ↓
//              crashed / failed
//
// plus running → crashed (the game dies while playing), running → failed (the container ran, but
// the game's program never started: Wine's loader gave up on it) and requested → failed (it never
// got a container: image build or validation in the core failed). Terminal states are final.

export const SESSION_STATUSES = ['requested', 'starting', 'running', 'stopping', 'terminated', 'crashed', 'failed'] as const;
export type SessionStatusName = (typeof SESSION_STATUSES)[number];

const NEXT: Record<SessionStatusName, readonly SessionStatusName[]> = {
  requested: ['starting', 'failed'],
  starting: ['running', 'crashed', 'failed'],
  running: ['stopping', 'crashed', 'failed'],
  stopping: ['terminated'],
  terminated: [],
  crashed: [],
  failed: [],
};

export const TERMINAL_STATUSES: readonly SessionStatusName[] = ['terminated', 'crashed', 'failed'];

/** A live session holds (or is about to hold) a container: every state that is not final. */
export const LIVE_STATUSES = ['requested', 'starting', 'running', 'stopping'] as const satisfies readonly SessionStatusName[];
export type LiveStatusName = (typeof LIVE_STATUSES)[number];

export function isLive(status: SessionStatusName): status is LiveStatusName {
  return (LIVE_STATUSES as readonly SessionStatusName[]).includes(status);
}

export function isTerminal(status: SessionStatusName): boolean {
  return NEXT[status].length === 0;
}

export function allowedTransitions(from: SessionStatusName): readonly SessionStatusName[] {
  return NEXT[from];
}

export function canTransition(from: SessionStatusName, to: SessionStatusName): boolean {
  return NEXT[from].includes(to);
}

export class InvalidTransitionError extends Error {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: SessionStatusName,
    readonly to: SessionStatusName,
  ) {
    super(
      isTerminal(from)
        ? `A session cannot go from '${from}' to '${to}': '${from}' is final.`
        : `A session cannot go from '${from}' to '${to}'; from '${from}' it can only go to ${NEXT[from].map((s) => `'${s}'`).join(' or ')}.`,
    );
    this.name = 'InvalidTransitionError';
  }
}

/** Throws InvalidTransitionError (naming both states) unless `from → to` is in the state machine. */
export function assertTransition(from: SessionStatusName, to: SessionStatusName): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
