import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../model/entities';
import { runnerImageProblem, runnerImageReference } from './runner-image';

const BASE = { displayMode: 'x11', resources: { gpuAccess: 'none' }, audioEnabled: false };

describe("a game's runner image reference", () => {
  it.each([
    'dillinger-runner:local',
    'my-runner',
    'my-runner:Proton9',
    'registry.example/runners/wine:10',
    'localhost:5000/team/runner_x:v1.2-rc',
    `my-runner@sha256:${'a'.repeat(64)}`,
    `sha256:${'0'.repeat(64)}`,
  ])('accepts %s', (reference) => {
    expect(runnerImageProblem(reference)).toBeUndefined();
    expect(runnerImageReference.safeParse(reference).success).toBe(true);
  });

  it.each([
    ['', /must not be empty/],
    ['my runner', /without spaces/],
    ['my-runner:local\n', /without spaces/],
    ['\tmy-runner', /without spaces/],
    ['My-Runner:local', /lower case/],
    ['my-runner:', /Docker image reference such as/],
    ['-runner', /Docker image reference such as/],
    ['my-runner:tag:more', /Docker image reference such as/],
    ['my-runner@sha256:abc', /Docker image reference such as/],
    ['../runner', /Docker image reference such as/],
    [`a${'b'.repeat(300)}`, /at most 255/],
  ])('refuses %j saying %s', (reference, message) => {
    expect(runnerImageProblem(reference)).toMatch(message);
    expect(runnerImageReference.safeParse(reference).success).toBe(false);
  });

  it('is an optional field of the launch configuration: absent means the built-in runner', () => {
    expect(LaunchConfiguration.parse(BASE).runnerImage).toBeUndefined();
    expect(LaunchConfiguration.parse({ ...BASE, runnerImage: 'my-runner:proton' }).runnerImage).toBe('my-runner:proton');
    const bad = LaunchConfiguration.safeParse({ ...BASE, runnerImage: 'my runner' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['runnerImage']);
  });
});
