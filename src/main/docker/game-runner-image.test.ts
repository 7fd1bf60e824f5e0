import { describe, expect, it } from 'vitest';
import { RUNNER_CONTRACT_LABEL, RUNNER_CONTRACT_VERSION } from './labels';
import { judgeGameRunnerImage, runnerImageFor } from './game-runner-image';

const APP = { name: 'dillinger-runner:local', build: true, contextDir: '/app/resources/runner' };
const config = (runnerImage?: string) => ({ launchConfig: { ...(runnerImage ? { runnerImage } : {}) } }) as Parameters<typeof runnerImageFor>[0];

describe("a game's own runner image", () => {
  it("is used as named, never built; absent (or naming the app's image) means the app's, built as before", () => {
    expect(runnerImageFor(config(), APP)).toBe(APP);
    expect(runnerImageFor(config('dillinger-runner:local'), APP)).toBe(APP);
    expect(runnerImageFor(config('my-runner:proton'), APP)).toEqual({ name: 'my-runner:proton', build: false, contextDir: '' });
  });

  it('is refused when the engine does not have it, saying to build or load it (nothing is pulled)', () => {
    const verdict = judgeGameRunnerImage('my-runner:proton', undefined);
    expect(verdict).toMatchObject({ ok: false, kind: 'missing' });
    expect(verdict.ok ? '' : verdict.message).toMatch(/my-runner:proton is not on this machine.*docker build -t my-runner:proton.*docker load/);
  });

  it('is refused when it has no contract label (a foreign image), or another contract version', () => {
    const foreign = judgeGameRunnerImage('debian:trixie-slim', { 'org.opencontainers.image.title': 'x' });
    expect(foreign).toMatchObject({ ok: false, kind: 'foreign' });
    expect(foreign.ok ? '' : foreign.message).toMatch(/not a Dillinger runner .*FROM dillinger-runner:local/);
    const other = judgeGameRunnerImage('old-runner', { [RUNNER_CONTRACT_LABEL]: '0' });
    expect(other.ok ? '' : other.message).toMatch(/version 0 of the runner contract/);
  });

  it('is usable with the contract label of this version', () => {
    expect(judgeGameRunnerImage('my-runner:proton', { [RUNNER_CONTRACT_LABEL]: RUNNER_CONTRACT_VERSION })).toEqual({ ok: true });
  });
});
