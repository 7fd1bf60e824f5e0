import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { sessionEnd, type EndFacts } from './session-end';

const END = '2026-12-01T20:00:00.000Z';
const inspect = (state: Partial<Docker.ContainerInspectInfo['State']>): Docker.ContainerInspectInfo =>
  ({ State: { Running: false, ExitCode: 0, OOMKilled: false, Error: '', StartedAt: '2026-12-01T19:59:00Z', ...state } }) as Docker.ContainerInspectInfo;
const facts = (change: Partial<EndFacts>): EndFacts => ({ status: 'running', stopRequested: false, engineLost: false, endTime: END, ...change });

describe('sessionEnd', () => {
  it('a failure the app met ends the session failed with its reason and kind', () => {
    expect(sessionEnd(facts({ status: 'starting', failure: { reason: 'No display.', kind: 'display-unavailable' } }))).toEqual({
      status: 'failed',
      patch: { statusReason: 'No display.', failureKind: 'display-unavailable', endTime: END },
    });
  });

  it('a container Docker never started is failed, and says whether a Stop came first', () => {
    const never = inspect({ StartedAt: '0001-01-01T00:00:00Z' });
    expect(sessionEnd(facts({ status: 'starting', info: never })).patch).toMatchObject({ statusReason: 'The container never started.', failureKind: 'prepare' });
    expect(sessionEnd(facts({ status: 'starting', info: never, stopRequested: true })).patch).toMatchObject({ failureKind: 'stopped-before-start' });
  });

  it('otherwise the exit status decides, with the runner\'s own words where it left some', () => {
    expect(sessionEnd(facts({ info: inspect({ ExitCode: 0 }) }))).toEqual({ status: 'terminated', patch: { endTime: END, statusReason: 'The game exited normally.', exitCode: 0 } });
    expect(sessionEnd(facts({ info: inspect({ ExitCode: 125 }), runnerError: 'cannot chmod HOME' })).patch.statusReason).toMatch(/exit code 125\): cannot chmod HOME/);
  });

  it('names the engine as the cause when it went away while the game ran, with the real exit code', () => {
    const end = sessionEnd(facts({ info: inspect({ ExitCode: 137 }), engineLost: true }));
    expect(end).toMatchObject({ status: 'crashed', patch: { exitCode: 137, failureKind: 'engine-unreachable', statusReason: expect.stringMatching(/Docker engine stopped.*exit code 137/) } });
    expect(sessionEnd(facts({ info: inspect({ ExitCode: 137 }), engineLost: true, stopRequested: true })).patch.statusReason).toBe('Stopped by request.');
  });
});
