import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../../../shared/model/entities';
import { fakeClient, tick } from '../test-support/fake-client';
import { launchRequest, playGame } from './launch-game';
import { createStatsStore } from './stats-store';

const CONFIG = LaunchConfiguration.parse({ displayMode: 'x11', audioEnabled: true, resources: { gpuAccess: 'none', memoryLimit: '2G' } });
const SESSION = {
  sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678',
  containerId: 'dillinger-sess',
  gameId: 'two-worlds',
  userId: 'ada',
  status: 'requested' as const,
  startTime: '2026-01-01T00:00:00Z',
  displayInfo: { method: 'x11' as const, displayId: ':0' },
};

describe('Play', () => {
  it('sends only the game and the chosen platform: the core picks the settings and who plays', async () => {
    const { client, calls, callsOf } = fakeClient({ 'sessions.play': () => SESSION });
    const session = await playGame(client, 'two-worlds', 'windows');
    expect(session.sessionId).toBe(SESSION.sessionId);
    expect(calls.map((c) => c.method)).toEqual(['sessions.play']);
    expect(callsOf('sessions.play')).toEqual([{ gameId: 'two-worlds', platform: 'windows' }]);
    await playGame(client, 'two-worlds');
    expect(callsOf('sessions.play')[1]).toEqual({ gameId: 'two-worlds' });
  });

  it('builds the settings form request for who plays (sessionId and timestamp left to the core)', () => {
    expect(launchRequest('two-worlds', 'ada', 'linux', CONFIG)).toEqual({ gameId: 'two-worlds', userId: 'ada', platform: 'linux', launchConfig: CONFIG });
  });
});

describe('play stats store', () => {
  it('loads the stats and asks again, once, after sessions change', async () => {
    let answer = { 'two-worlds': { sessionCount: 1, totalPlaySeconds: 60 } };
    const { client, callsOf, emit } = fakeClient({ 'library.stats': () => answer });
    const store = createStatsStore();
    const stop = store.getState().connect(client, 5);
    await tick();
    expect(store.getState().stats).toEqual(answer);
    answer = { 'two-worlds': { sessionCount: 2, totalPlaySeconds: 120 } };
    emit('session.changed', SESSION);
    emit('session.changed', SESSION);
    await tick(20);
    expect(callsOf('library.stats')).toHaveLength(2);
    expect(store.getState().stats['two-worlds']?.sessionCount).toBe(2);
    stop();
    emit('session.changed', SESSION);
    await tick(20);
    expect(callsOf('library.stats')).toHaveLength(2);
  });
});
