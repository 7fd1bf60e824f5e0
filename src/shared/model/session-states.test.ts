import { describe, expect, it } from 'vitest';
import {
  InvalidTransitionError, SESSION_STATUSES, TERMINAL_STATUSES, allowedTransitions, assertTransition, canTransition,
  LIVE_STATUSES, isLive, isTerminal, type SessionStatusName,
} from './session-states';

// The expected table, written out by hand from the data model's diagram:
//   requested → starting → running → stopping → terminated, starting → crashed | failed,
//   plus running → crashed | failed and requested → failed. Rows: from; columns: to. 1 = allowed.
const COLUMNS: SessionStatusName[] = ['requested', 'starting', 'running', 'stopping', 'terminated', 'crashed', 'failed'];
const TABLE: Record<SessionStatusName, number[]> = {
  //          req sta run stp ter cra fai
  requested: [0, 1, 0, 0, 0, 0, 1],
  starting: [0, 0, 1, 0, 0, 1, 1],
  running: [0, 0, 0, 1, 0, 1, 1],
  stopping: [0, 0, 0, 0, 1, 0, 0],
  terminated: [0, 0, 0, 0, 0, 0, 0],
  crashed: [0, 0, 0, 0, 0, 0, 0],
  failed: [0, 0, 0, 0, 0, 0, 0],
};

const PAIRS = COLUMNS.flatMap((from) => COLUMNS.map((to, column) => [from, to, TABLE[from][column] === 1] as const));

describe('SessionStatus state machine', () => {
  it('has exactly the seven statuses of the data model', () => {
    expect([...SESSION_STATUSES]).toEqual(COLUMNS);
    expect(PAIRS).toHaveLength(49);
  });

  it.each(PAIRS)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    expect(allowedTransitions(from).includes(to)).toBe(allowed);
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      let thrown: unknown;
      try {
        assertTransition(from, to);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidTransitionError);
      const error = thrown as InvalidTransitionError;
      expect(error.code).toBe('invalid_transition');
      expect(error.from).toBe(from);
      expect(error.to).toBe(to);
      // The message names both states.
      expect(error.message).toContain(`'${from}'`);
      expect(error.message).toContain(`'${to}'`);
    }
  });

  it('terminal states are exactly terminated, crashed and failed, and are final', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['crashed', 'failed', 'terminated']);
    for (const status of SESSION_STATUSES) {
      expect(isTerminal(status)).toBe(TERMINAL_STATUSES.includes(status));
      if (isTerminal(status)) expect(allowedTransitions(status)).toEqual([]);
    }
  });

  it('tells, from a final state, that it is final', () => {
    expect(() => assertTransition('terminated', 'running')).toThrow(/'terminated' to 'running'.*'terminated' is final/);
  });

  it('tells, from a live state, where it can go instead', () => {
    expect(() => assertTransition('requested', 'running')).toThrow(
      "A session cannot go from 'requested' to 'running'; from 'requested' it can only go to 'starting' or 'failed'.",
    );
    expect(() => assertTransition('stopping', 'crashed')).toThrow(/can only go to 'terminated'/);
  });

  it('refuses staying in the same state (it is not a transition)', () => {
    for (const status of SESSION_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('calls live exactly the statuses that are not final', () => {
    expect([...LIVE_STATUSES]).toEqual(SESSION_STATUSES.filter((status) => !isTerminal(status)));
    for (const status of SESSION_STATUSES) expect(isLive(status)).toBe(!isTerminal(status));
  });
});
