// Play, for real: the Linux demo in its runner container on the real X server, through the contract.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, screenshot, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import {
  LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores,
} from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();

describe.skipIf(!engine.available || !x.available)('playing the Linux demo', () => {
  it('opens its window on the X server, then Stop ends it as terminated and files it in history', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const title = 'Dillinger Demo (Linux)'; // the window is titled with the game's name
    const events: string[] = [];
    live.core.onEvent((name, payload) => {
      const status = (payload as RunnerSession).status;
      if (name === 'session.changed' && events.at(-1) !== status) events.push(status); // activity updates repeat 'running'
    });
    const request = launchRequest(LINUX_DEMO);
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    expect(session).toMatchObject({ status: 'requested', gameId: LINUX_DEMO, containerId: `dillinger_runner_${session.sessionId}` });

    const running = await live.waitFor(session.sessionId, ['running']);
    expect(running.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(running.processId).toBeGreaterThan(0);
    expect(running.displayInfo).toMatchObject({ method: 'x11', displayId: x.display, socketPath: expect.stringMatching(/^\/tmp\/\.X11-unix\/X\d+$/), authToken: expect.stringMatching(/^sha256:/) });

    await until(() => windowNames(x).includes(title), 20_000, `a window titled "${title}"`);
    screenshot(x, 'test-results/play-linux-demo.png');

    // A second Play of the same game answers with the running session.
    expect((await live.call<RunnerSession>('sessions.launch', { request })).sessionId).toBe(session.sessionId);

    // The cookie file and runtime dir exist while it plays, private to the game's user.
    const inspect = await live.docker.getContainer(running.containerId).inspect();
    const cookieMount = inspect.Mounts.find((m) => m.Destination === '/run/dillinger/xauth');
    expect(cookieMount?.RW).toBe(false);
    expect(inspect.HostConfig.CapDrop).toEqual(['ALL']);
    expect(inspect.Config.Labels).toMatchObject({ 'dillinger.session': session.sessionId, 'dillinger.game': LINUX_DEMO, 'dillinger.user': 'user_tester' });

    await live.call('sessions.stop', { sessionId: session.sessionId });
    const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed']);
    expect(ended).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.', endTime: expect.any(String) });
    expect(events).toEqual(['requested', 'starting', 'running', 'stopping', 'terminated']);
    await until(() => !windowNames(x).includes(title), 5000, 'the window to close');

    const history = await live.call<RunnerSession[]>('sessions.list', { status: 'terminated' });
    expect(history.map((s) => s.sessionId)).toEqual([session.sessionId]);
    const day = ended.endTime!.slice(0, 10);
    expect(JSON.parse(readFileSync(`${live.core.dataDir}/runner-sessions/history/${day}/${session.sessionId}.json`, 'utf8'))).toMatchObject({ status: 'terminated' });
    const logs = await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId });
    expect(logs.text).toContain('demo: started');
    await cores.expectCleanClose(live);
  }, 240_000);

  it('records a demo told to exit with code 3 as crashed with exit code 3', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const request = launchRequest(LINUX_DEMO, { environment: { DEMO_EXIT_AFTER: '1', DEMO_EXIT_CODE: '3' } });
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 30_000);
    expect(ended).toMatchObject({ status: 'crashed', exitCode: 3, statusReason: 'The game exited with code 3.' });
    await cores.expectCleanClose(live);
  }, 240_000);

  it('records an out-of-memory kill as crashed, saying to raise the limit', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const request = launchRequest(LINUX_DEMO, { resources: { memoryLimit: '32m' }, environment: { DEMO_ALLOC_MB: '256' } });
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 30_000);
    expect(ended).toMatchObject({ status: 'crashed', exitCode: 137, statusReason: expect.stringMatching(/out of memory \(limit 32m\)/) });
    await cores.expectCleanClose(live);
  }, 240_000);
});
