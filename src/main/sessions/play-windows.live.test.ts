// Play, for real, under Wine: the Windows demo in its runner container on the real X server, with a
// Wine prefix in a named volume that is created on the first run and reused on the next.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { BUILT_IN_RUNNER_IMAGE } from '../../shared/validation/runner-image';
import { runToEnd } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, screenshot, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import {
  WINDOWS_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore,
} from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();

const TITLE = 'Dillinger Demo (Windows)'; // the window is titled with the game's name
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const FIRST_RUN_NOTE = 'creating the Wine prefix in /wine-prefix (first run)'; // entrypoint.sh, on stderr
const FROM_TEMPLATE_NOTE = "the Wine prefix is ready (copied from the image's ready-made prefix)"; // lib/wine-prefix.sh
const WINEBOOT_RAN = /wine: configuration in .* has been updated/; // what wineboot --init prints

/** A Wine prefix volume of this test's own, removed with the core (cores.start's extra volumes). */
function prefixVolume(): string {
  return `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
}

/** Plays the demo until its window shows, then stops it; returns the ended session and its log. */
async function playAndStop(live: LiveCore, winePrefix: string, shot?: string): Promise<{ ended: RunnerSession; log: string }> {
  const events: string[] = [];
  const unsubscribe = live.core.onEvent((name, payload) => {
    const status = (payload as RunnerSession).status;
    if (name === 'session.changed' && events.at(-1) !== status) events.push(status); // activity updates repeat 'running'
  });
  const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(WINDOWS_DEMO, { winePrefix }) });
  expect(session).toMatchObject({ status: 'requested', gameId: WINDOWS_DEMO, platform: 'windows' });

  // A first run in an empty prefix runs wineboot (~9 s) before the game: generous waits.
  const running = await live.waitFor(session.sessionId, ['running'], 60_000);
  const inspect = await live.docker.getContainer(running.containerId).inspect();
  expect(inspect.Mounts.find((m) => m.Destination === '/wine-prefix')).toMatchObject({ Type: 'volume', Name: winePrefix, RW: true });
  await until(() => windowNames(x).includes(TITLE), 60_000, `a window titled "${TITLE}"`);
  if (shot) screenshot(x, shot);

  await live.call('sessions.stop', { sessionId: session.sessionId });
  const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
  unsubscribe();
  expect(ended).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.', endTime: expect.any(String) });
  expect(events).toEqual(['requested', 'starting', 'running', 'stopping', 'terminated']);
  await until(() => !windowNames(x).includes(TITLE), 10_000, 'the window to close');
  const { text } = await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId });
  return { ended, log: text };
}

describe.skipIf(!engine.available || !x.available)('playing the Windows demo', () => {
  it('opens its window from a fresh Wine prefix, stops, and opens again from the prefix it left', async () => {
    const prefix = prefixVolume();
    const dataDir = tempDir();
    const live = await cores.start(coreOptions(dataDir, x), [prefix]);
    mkdirSync('test-results', { recursive: true });

    const first = await playAndStop(live, prefix, 'test-results/play-windows-demo.png');
    expect(first.log).toContain(FIRST_RUN_NOTE);
    // The new prefix is a copy of the image's ready-made one: no wineboot at the first launch.
    expect(first.log).toContain(FROM_TEMPLATE_NOTE);
    expect(first.log).not.toMatch(WINEBOOT_RAN);
    expect(first.log).toContain(`demo: started title="${TITLE}"`);
    // Its DLLs are links to Wine's own, its user folders real folders in the game's saves folder
    // (bound over the volume's drive_c/users, as each session has it), every file the player's:
    // Wine refuses a prefix its user does not own.
    const prefixUsers = join(dataDir, 'saves', WINDOWS_DEMO, 'prefix-users');
    const look = await runToEnd(live.docker, {
      Image: BUILT_IN_RUNNER_IMAGE,
      Entrypoint: ['sh', '-c'],
      Cmd: [
        'cd /p/drive_c && readlink windows/system32/kernel32.dll; for f in users/player/Documents users/player/Desktop "users/player/Saved Games"; do [ -d "$f" ] && [ ! -L "$f" ] && echo "real $f"; done; find /p ! -user "$(stat -c %u /p)" | wc -l',
      ],
      HostConfig: {
        NetworkMode: 'none',
        Mounts: [{ Type: 'volume', Source: prefix, Target: '/p', ReadOnly: true }, { Type: 'bind', Source: prefixUsers, Target: '/p/drive_c/users', ReadOnly: true }],
      },
    });
    expect(readdirSync(prefixUsers).sort()).toEqual(['Public', 'player']);
    expect(look.log.split('\n').map((line) => line.trim()).filter(Boolean)).toEqual([
      '/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll',
      'real users/player/Documents',
      'real users/player/Desktop',
      'real users/player/Saved Games',
      '0',
    ]);
    // The prefix outlives the session: it is the player's, not the container's.
    expect((await live.docker.getVolume(prefix).inspect()).Name).toBe(prefix);

    // The game's home persists (and is snapshotted): the runner's own scratch files stay out of it.
    const home = join(dataDir, 'saves', WINDOWS_DEMO, 'home');
    expect(existsSync(home)).toBe(true);
    expect(readdirSync(home).filter((name) => name.startsWith('.dillinger'))).toEqual([]);

    const second = await playAndStop(live, prefix);
    expect(second.log).not.toContain(FIRST_RUN_NOTE);
    expect(second.log).toContain(`demo: started title="${TITLE}"`);

    const history = await live.call<RunnerSession[]>('sessions.list', { status: 'terminated' });
    expect(history.map((s) => s.sessionId).sort()).toEqual([first.ended.sessionId, second.ended.sessionId].sort());
    await cores.expectCleanClose(live);
  }, 240_000);

  it('records a Windows demo told to exit with code 3 as crashed with exit code 3', async () => {
    const prefix = prefixVolume();
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    const request = launchRequest(WINDOWS_DEMO, { winePrefix: prefix, environment: { DEMO_EXIT_AFTER: '2', DEMO_EXIT_CODE: '3' } });
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    const ended = await live.waitFor(session.sessionId, ENDED, 90_000);
    expect(ended).toMatchObject({ status: 'crashed', exitCode: 3, statusReason: 'The game exited with code 3.' });
    await cores.expectCleanClose(live);
  }, 240_000);
});
