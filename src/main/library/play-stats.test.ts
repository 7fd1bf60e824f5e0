import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { playStats } from './play-stats';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function session(patch: Partial<RunnerSession>): RunnerSession {
  return {
    sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678',
    containerId: 'dillinger_runner_sess_7f9e2b4a',
    gameId: 'tux',
    userId: 'player',
    status: 'terminated',
    startTime: '2026-12-01T10:00:00Z',
    displayInfo: { method: 'x11', displayId: ':0' },
    ...patch,
  };
}

describe('playStats', () => {
  it('counts a session that ran: start to end, and when it started', () => {
    const stats = playStats([session({ status: 'terminated', processId: 12, endTime: '2026-12-01T10:10:00Z' })], NOW);
    expect(stats.tux).toEqual({ sessionCount: 1, totalPlaySeconds: 600, lastPlayed: '2026-12-01T10:00:00Z' });
  });

  it('never counts a failed launch: not as played, not as play time', () => {
    const earlier = session({ status: 'terminated', processId: 12, endTime: '2026-12-01T09:05:00Z', startTime: '2026-12-01T09:00:00Z' });
    const failed = session({ status: 'failed', startTime: '2026-12-01T11:59:00Z', endTime: '2026-12-01T11:59:40Z', statusReason: 'The container never started.' });
    expect(playStats([failed, earlier], NOW).tux).toEqual({ sessionCount: 1, totalPlaySeconds: 300, lastPlayed: '2026-12-01T09:00:00Z' });
    expect(playStats([failed], NOW).tux).toBeUndefined();
  });

  it('counts a crash after the game ran (it did play), not one before it ever ran', () => {
    const ranThenCrashed = session({ status: 'crashed', processId: 40, exitCode: 3, endTime: '2026-12-01T10:01:00Z' });
    const neverRan = session({ gameId: 'two', status: 'crashed', exitCode: 127, endTime: '2026-12-01T10:00:01Z' });
    const stats = playStats([ranThenCrashed, neverRan], NOW);
    expect(stats.tux).toEqual({ sessionCount: 1, totalPlaySeconds: 60, lastPlayed: '2026-12-01T10:00:00Z' });
    expect(stats.two).toBeUndefined();
  });

  it('does not count a program that never started, even where the app saw its container running a moment', () => {
    for (const exitCode of [122, 125, 126, 127]) {
      expect(playStats([session({ status: 'crashed', processId: 9, exitCode, endTime: '2026-12-01T10:00:01Z' })], NOW).tux).toBeUndefined();
    }
    expect(playStats([session({ status: 'crashed', processId: 9, exitCode: 1, endTime: '2026-12-01T10:00:01Z' })], NOW).tux).toMatchObject({ sessionCount: 1 });
  });

  it('counts a game running now until now, but not one still waiting for its container', () => {
    const running = session({ status: 'running', processId: 7, startTime: '2026-12-01T11:58:00Z' });
    const starting = session({ gameId: 'two', status: 'starting', startTime: '2026-12-01T11:59:00Z' });
    const requested = session({ gameId: 'two', status: 'requested', startTime: '2026-12-01T11:59:30Z' });
    const stats = playStats([running, starting, requested], NOW);
    expect(stats.tux).toEqual({ sessionCount: 1, totalPlaySeconds: 120, lastPlayed: '2026-12-01T11:58:00Z' });
    expect(stats.two).toBeUndefined();
  });

  it('counts a game that ended by itself at once (exit 0 before the app saw it running)', () => {
    // starting → running → stopping → terminated is walked without a process id: it ran, and ended well.
    const quick = session({ status: 'terminated', exitCode: 0, endTime: '2026-12-01T10:00:02Z' });
    expect(playStats([quick], NOW).tux).toMatchObject({ sessionCount: 1, totalPlaySeconds: 2 });
  });
});
