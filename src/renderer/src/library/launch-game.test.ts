import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../../../shared/model/entities';
import { fakeClient, tick } from '../test-support/fake-client';
import { launchRequestFromSettings, playGame } from './launch-game';
import { createStatsStore } from './stats-store';

const CONFIG = LaunchConfiguration.parse({ displayMode: 'x11', audioEnabled: true, resources: { gpuAccess: 'none', memoryLimit: '2G' } });
const SETTINGS = { gameId: 'two-worlds', platform: 'linux' as const, launchConfig: CONFIG, saved: true };
const INFO = { dataDir: '/data', libraryDir: '/games', warnings: [], canPickPaths: false, userId: 'ada' };
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
  it("builds the request from the game's saved settings, on the chosen platform", () => {
    expect(launchRequestFromSettings(SETTINGS, 'ada')).toEqual({ gameId: 'two-worlds', userId: 'ada', platform: 'linux', launchConfig: CONFIG });
    expect(launchRequestFromSettings(SETTINGS, 'ada', 'windows')).toMatchObject({ platform: 'windows', launchConfig: { winePrefix: 'dillinger-prefix-two-worlds' } });
  });

  it('asks for the settings and who plays, then launches through the contract (sessionId and timestamp left to the core)', async () => {
    const { client, calls, callsOf } = fakeClient({ 'games.settings.get': () => SETTINGS, 'app.info': () => INFO, 'sessions.launch': () => SESSION });
    const session = await playGame(client, 'two-worlds', 'windows');
    expect(session.sessionId).toBe(SESSION.sessionId);
    expect(calls.map((c) => c.method).sort()).toEqual(['app.info', 'games.settings.get', 'sessions.launch']);
    expect(callsOf('games.settings.get')).toEqual([{ gameId: 'two-worlds' }]);
    expect(callsOf('sessions.launch')).toEqual([
      { request: { gameId: 'two-worlds', userId: 'ada', platform: 'windows', launchConfig: { ...CONFIG, winePrefix: 'dillinger-prefix-two-worlds' } } },
    ]);
    // Who plays is asked once per connection.
    await playGame(client, 'two-worlds');
    expect(callsOf('app.info')).toHaveLength(1);
    expect(callsOf('sessions.launch')[1]).toMatchObject({ request: { userId: 'ada', platform: 'linux' } });
  });

  it('does not launch when the core cannot say who plays', async () => {
    const { client, callsOf } = fakeClient({ 'games.settings.get': () => SETTINGS, 'sessions.launch': () => SESSION });
    await expect(playGame(client, 'two-worlds')).rejects.toThrow(/who plays/);
    expect(callsOf('sessions.launch')).toEqual([]);
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
