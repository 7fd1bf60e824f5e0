import { describe, expect, it } from 'vitest';
import { NOT_STARTABLE_EXIT_CODE, entrypointExplains, outcomeOf } from './exit-outcome';
import { pathToEnd } from './session-transitions';
import { canTransition } from '../../shared/model/session-states';

describe('outcomeOf', () => {
  it('exit 0 is terminated, a non-zero exit is crashed with its code', () => {
    expect(outcomeOf({ exitCode: 0, oomKilled: false }, false)).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(outcomeOf({ exitCode: 3, oomKilled: false }, false)).toEqual({ status: 'crashed', exitCode: 3, statusReason: 'The game exited with code 3.', failureKind: 'exit-code' });
  });

  it('a requested stop is terminated whatever the code (SIGKILL gives 137)', () => {
    expect(outcomeOf({ exitCode: 137, oomKilled: false }, true)).toMatchObject({ status: 'terminated', exitCode: 137, statusReason: 'Stopped by request.' });
  });

  it('an OOM kill is a crash that says to raise the memory limit', () => {
    expect(outcomeOf({ exitCode: 137, oomKilled: true }, false, '64m')).toMatchObject({ status: 'crashed', exitCode: 137, statusReason: expect.stringMatching(/out of memory \(limit 64m\).*raise the memory limit/), failureKind: 'out-of-memory' });
  });

  it('a vanished container is a crash without an exit code', () => {
    expect(outcomeOf({ exitCode: null, oomKilled: false }, false)).toEqual({ status: 'crashed', statusReason: expect.stringMatching(/disappeared/), failureKind: 'container-gone' });
  });

  it('explains the entrypoint\'s codes and signals', () => {
    expect(outcomeOf({ exitCode: 127, oomKilled: false }, false).statusReason).toMatch(/not found in the library/);
    expect(outcomeOf({ exitCode: 126, oomKilled: false }, false).statusReason).toMatch(/could not be run/);
    expect(outcomeOf({ exitCode: 139, oomKilled: false }, false).statusReason).toMatch(/signal 11/);
  });
});

describe('the ends the entrypoint and the init explain', () => {
  it('exit 122 with the entrypoint\'s reason is a game that never started: failed, in the player\'s words', () => {
    const reason = 'game.exe is a 32-bit Windows program, and this runner has only 64-bit Wine, which cannot start it: use the game\'s 64-bit version if it has one';
    expect(outcomeOf({ exitCode: NOT_STARTABLE_EXIT_CODE, oomKilled: false, error: reason }, false)).toEqual({ status: 'failed', exitCode: 122, statusReason: `The game could not start: ${reason}.`, failureKind: 'not-startable' });
    // Without the entrypoint's line it is a game's own exit code.
    expect(outcomeOf({ exitCode: 122, oomKilled: false }, false)).toEqual({ status: 'crashed', exitCode: 122, statusReason: 'The game exited with code 122.', failureKind: 'exit-code' });
    expect(entrypointExplains(122) && entrypointExplains(125) && !entrypointExplains(3)).toBe(true);
  });

  it('a SIGTERM death (143, as the init reports it) is terminated: on Stop as asked, from elsewhere as stopped outside the app', () => {
    expect(outcomeOf({ exitCode: 143, oomKilled: false }, true)).toMatchObject({ status: 'terminated', exitCode: 143, statusReason: 'Stopped by request.' });
    expect(outcomeOf({ exitCode: 143, oomKilled: false }, false)).toMatchObject({ status: 'terminated', exitCode: 143, statusReason: expect.stringMatching(/^Stopped from outside the app/) });
  });
});

describe('pathToEnd', () => {
  it('walks only the state machine\'s own edges', () => {
    for (const from of ['requested', 'starting', 'running', 'stopping'] as const) {
      for (const target of ['terminated', 'crashed', 'failed'] as const) {
        let current: string = from;
        for (const next of pathToEnd(from, target)) {
          expect(canTransition(current as never, next as never), `${current} → ${next}`).toBe(true);
          current = next;
        }
        expect(['terminated', 'crashed', 'failed']).toContain(current);
      }
    }
    expect(pathToEnd('running', 'terminated')).toEqual(['stopping', 'terminated']);
    expect(pathToEnd('starting', 'crashed')).toEqual(['crashed']);
  });
});
