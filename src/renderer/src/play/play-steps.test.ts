import { describe, expect, it } from 'vitest';
import { FAILURE_KINDS } from '../../../shared/model/entities';
import { adviceFor, buildFraction, phaseLine, playSteps, showsProgress } from './play-steps';

const states = (steps: ReturnType<typeof playSteps>) => steps.map((s) => `${s.id}:${s.state}`);

describe('playSteps', () => {
  it('follows requested → starting → running', () => {
    expect(states(playSteps({ status: 'requested' }))).toEqual(['requested:done', 'image:active', 'container:pending', 'running:pending']);
    expect(states(playSteps({ status: 'starting' }))).toEqual(['requested:done', 'image:done', 'container:active', 'running:pending']);
    expect(states(playSteps({ status: 'running', processId: 7 }))).toEqual(['requested:done', 'image:done', 'container:done', 'running:done']);
  });

  it("shows a new Wine prefix being made as a step of its own, before the game's, while the container already runs", () => {
    const preparing = { status: 'running', processId: 7, phase: 'preparing-prefix', phaseSince: '2026-12-01T12:00:00Z' } as const;
    expect(states(playSteps(preparing))).toEqual(['requested:done', 'image:done', 'container:done', 'prefix:active', 'running:pending']);
    expect(playSteps(preparing).find((s) => s.id === 'prefix')?.label).toBe('Preparing the Wine prefix… (first start only)');
    expect(states(playSteps({ ...preparing, status: 'starting' }))).toEqual(['requested:done', 'image:done', 'container:done', 'prefix:active', 'running:pending']);
    // Once it is made the step is gone with the phase: the game runs.
    expect(states(playSteps({ status: 'running', processId: 7 }))).not.toContain('prefix:done');
  });

  it('marks the step a launch failed at', () => {
    const build = { image: 'dillinger-runner:local', step: 3, totalSteps: 9, lines: [] };
    expect(states(playSteps({ status: 'failed' }, build))).toContain('image:failed');
    expect(states(playSteps({ status: 'crashed', exitCode: 1 }))).toContain('container:failed');
    expect(states(playSteps({ status: 'crashed', processId: 12, exitCode: 3 }))).not.toContain('container:failed');
  });
});

describe('phaseLine', () => {
  it('says what the session is busy with and for how long, while the phase lasts', () => {
    const since = '2026-12-01T12:00:00Z';
    expect(phaseLine({ status: 'running', phase: 'preparing-prefix', phaseSince: since }, Date.parse(since) + 7_400)).toEqual({ what: 'Preparing the Wine prefix (first start only)', elapsed: '7 s so far' });
    expect(phaseLine({ status: 'running', phase: 'preparing-prefix', phaseSince: since }, Date.parse(since) - 2000)?.elapsed).toBe('0 s so far');
    expect(phaseLine({ status: 'running', phase: 'preparing-prefix' }, 0)).toEqual({ what: 'Preparing the Wine prefix (first start only)' });
    expect(phaseLine({ status: 'running' }, 0)).toBeUndefined();
    expect(phaseLine({ status: 'terminated', phase: 'preparing-prefix', phaseSince: since }, 0)).toBeUndefined();
  });
});

describe('buildFraction', () => {
  it('is step over total steps, unknown before the total is', () => {
    expect(buildFraction({ image: 'i', step: 3, totalSteps: 12, lines: [] })).toBe(0.25);
    expect(buildFraction({ image: 'i', step: 0, totalSteps: 0, lines: [] })).toBeUndefined();
    expect(buildFraction(undefined)).toBeUndefined();
  });
});

describe('showsProgress', () => {
  it('while launching and after a failed launch only', () => {
    expect(showsProgress({ status: 'requested' })).toBe(true);
    expect(showsProgress({ status: 'failed' })).toBe(true);
    expect(showsProgress({ status: 'running', processId: 1 })).toBe(false);
    expect(showsProgress({ status: 'crashed', processId: 1 })).toBe(false);
    expect(showsProgress({ status: 'running', processId: 1, phase: 'preparing-prefix' })).toBe(true);
    expect(showsProgress({ status: 'stopping', processId: 1, phase: 'preparing-prefix' })).toBe(true);
    expect(showsProgress({ status: 'terminated', processId: 1, phase: 'preparing-prefix' })).toBe(false);
  });
});

describe('adviceFor', () => {
  it('turns the kind of failure the core recorded into what to do', () => {
    expect(adviceFor({ status: 'crashed', failureKind: 'out-of-memory' })).toMatch(/memory limit/);
    expect(adviceFor({ status: 'failed', failureKind: 'engine-unreachable' })).toMatch(/Start the Docker engine/);
    expect(adviceFor({ status: 'crashed', failureKind: 'exit-code' })).toMatch(/log/);
    expect(adviceFor({ status: 'failed' })).toMatch(/press Play again/);
  });
  it('has advice for every kind', () => {
    for (const failureKind of FAILURE_KINDS) expect(adviceFor({ status: 'failed', failureKind })).toMatch(/\w/);
  });
  it('has nothing to say about a session that is fine', () => {
    expect(adviceFor({ status: 'running' })).toBeUndefined();
    expect(adviceFor({ status: 'terminated' })).toBeUndefined();
  });
});
