import { describe, expect, it } from 'vitest';
import { adviceFor, buildFraction, playSteps, showsProgress } from './play-steps';

const states = (steps: ReturnType<typeof playSteps>) => steps.map((s) => `${s.id}:${s.state}`);

describe('playSteps', () => {
  it('follows requested → starting → running', () => {
    expect(states(playSteps({ status: 'requested' }))).toEqual(['requested:done', 'image:active', 'container:pending', 'running:pending']);
    expect(states(playSteps({ status: 'starting' }))).toEqual(['requested:done', 'image:done', 'container:active', 'running:pending']);
    expect(states(playSteps({ status: 'running', processId: 7 }))).toEqual(['requested:done', 'image:done', 'container:done', 'running:done']);
  });

  it('marks the step a launch failed at', () => {
    const build = { image: 'dillinger-runner:local', step: 3, totalSteps: 9, lines: [] };
    expect(states(playSteps({ status: 'failed' }, build))).toContain('image:failed');
    expect(states(playSteps({ status: 'crashed', exitCode: 1 }))).toContain('container:failed');
    expect(states(playSteps({ status: 'crashed', processId: 12, exitCode: 3 }))).not.toContain('container:failed');
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
  });
});

describe('adviceFor', () => {
  it("turns Docker's message into what to do", () => {
    expect(adviceFor({ status: 'crashed', statusReason: 'Killed: out of memory (limit 32m)' })).toMatch(/memory limit/);
    expect(adviceFor({ status: 'failed', statusReason: 'connect ECONNREFUSED /var/run/docker.sock' })).toMatch(/Start the Docker engine/);
    expect(adviceFor({ status: 'crashed', statusReason: 'The game exited with code 3.' })).toMatch(/log/);
    expect(adviceFor({ status: 'failed' })).toMatch(/press Play again/);
  });
  it('has nothing to say about a session that is fine', () => {
    expect(adviceFor({ status: 'running' })).toBeUndefined();
    expect(adviceFor({ status: 'terminated', statusReason: 'Stopped by request.' })).toBeUndefined();
  });
});
