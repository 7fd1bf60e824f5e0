// Play while the Docker engine is down (no engine needed: the core is pointed at a socket that does
// not exist). A valid launch is still recorded and answered at once; it then ends as failed, saying
// Docker is not running and what to do, and the app keeps answering.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { createCore, type Core } from '../core';
import { writeGame } from '../test-support/library-fixture';
import { until } from '../test-support/live-session';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';

// Validation needs a real X11 socket (the request asks for x11); the harness says why when it skips.
const x = findRealXServer();
const tempDir = useTempDirs();
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function call<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if ('error' in envelope) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

describe.skipIf(!x.available)('playing while the Docker engine is down', () => {
  it('records the launch, then fails it saying Docker is not running and what to do, and keeps answering', async () => {
    const dataDir = tempDir();
    const endpoint = join(dataDir, 'no-docker.sock');
    writeGame(join(dataDir, 'library'), 'offline-game', { id: 'offline-game', title: 'Offline Game', platforms: [{ platform: 'linux', executable: 'game' }] });
    const core = await createCore({ dataDir, dockerEndpoint: endpoint, env: { DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' }, seedDemoGames: false });
    opened.push(core);
    const events: string[] = [];
    core.onEvent((name, payload) => name === 'session.changed' && events.push((payload as RunnerSession).status));

    const request = {
      gameId: 'offline-game',
      userId: 'user_tester',
      platform: 'linux',
      launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
    };
    // Valid for this host, so it is recorded and answered at once, before anything asks Docker.
    const session = await call<RunnerSession>(core, 'sessions.launch', { request });
    expect(session).toMatchObject({ status: 'requested', gameId: 'offline-game' });

    let ended: RunnerSession | undefined;
    await until(async () => {
      ended = await call<RunnerSession>(core, 'sessions.get', { sessionId: session.sessionId });
      return ended.status !== 'requested';
    }, 30_000, 'the launch to end');
    expect(ended).toMatchObject({
      status: 'failed',
      endTime: expect.any(String),
      statusReason: expect.stringMatching(new RegExp(`Docker is not running: there is no engine socket at ${endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Start it .*or set the Docker endpoint in Settings`)),
      failureKind: 'engine-unreachable',
    });
    expect(ended?.exitCode).toBeUndefined();
    expect(events).toEqual(['requested', 'failed']);

    // The app keeps working: it answers, reports the engine with the same advice, and files the session.
    expect(await call(core, 'app.info')).toMatchObject({ dataDir, warnings: [] });
    expect(await call(core, 'engine.status')).toMatchObject({ reachable: false, message: expect.stringMatching(/^Docker is not running/) });
    expect(await call(core, 'library.list')).toMatchObject({ games: [{ id: 'offline-game' }] });
    expect((await call<RunnerSession[]>(core, 'sessions.list', { status: 'failed' })).map((s) => s.sessionId)).toEqual([session.sessionId]);
  });
});
