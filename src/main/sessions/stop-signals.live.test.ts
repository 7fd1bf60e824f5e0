// Stop, for real, as a desktop would do it: SIGTERM reaches the game. Under the runner's init (tini,
// PID 1) a Linux program that leaves SIGTERM at its default dies of it (as PID 1 the kernel would
// ignore it until Docker's SIGKILL, exit 137), and a Windows game's session ends once Wine has
// exited, with the game's own exit status, rather than when a pending kill fires.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const SLEEPER = 'default-sigterm-sleeper';

/** A Linux "game" that installs no signal handler at all: `sleep` keeps SIGTERM at its default. */
async function addSleeper(live: LiveCore): Promise<void> {
  const dir = join(live.core.dataDir, 'library', SLEEPER);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sleeper.sh'), '#!/bin/sh\necho "sleeper: started"\nexec sleep 600\n');
  chmodSync(join(dir, 'sleeper.sh'), 0o755);
  writeFileSync(join(dir, 'game.json'), JSON.stringify({ id: SLEEPER, title: 'Sleeper', platforms: [{ platform: 'linux', executable: 'sleeper.sh' }] }));
  await untilInLibrary(live, SLEEPER);
}

describe.skipIf(!engine.available || !x.available)('Stop reaches the game', () => {
  it('a Linux program with the default SIGTERM action dies of SIGTERM (143), not of the SIGKILL after the grace period (137)', async () => {
    // A grace period far longer than the test's wait: only SIGTERM itself can end it in time.
    const live = await cores.start(coreOptions(tempDir(), x, { stopGraceSeconds: 120 }));
    await addSleeper(live);
    const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(SLEEPER) });
    await live.waitFor(session.sessionId, ['running']);
    await until(async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text.includes('sleeper: started'), 20_000, 'the sleeper to start');
    await live.call('sessions.stop', { sessionId: session.sessionId });
    const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
    expect(ended).toMatchObject({ status: 'terminated', exitCode: 143, statusReason: 'Stopped by request.' });
    await cores.expectCleanClose(live);
  }, 240_000);

  it('a Windows demo closed by Stop ends with its own exit status once Wine has exited, not when the pending kill would fire', async () => {
    const prefix = `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
    // Docker's SIGKILL comes 4 s after SIGTERM: before the entrypoint's own kill (5 s after WM_CLOSE).
    // A container kept alive until that kill ends 137; one that ends with Wine ends with the game's 0.
    const live = await cores.start(coreOptions(tempDir(), x, { stopGraceSeconds: 4 }), [prefix]);
    const title = 'Dillinger Demo (Windows)';
    const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(WINDOWS_DEMO, { winePrefix: prefix }) });
    await live.waitFor(session.sessionId, ['running'], 90_000);
    await until(() => windowNames(x).includes(title), 90_000, `a window titled "${title}"`);
    await live.call('sessions.stop', { sessionId: session.sessionId });
    const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
    expect(ended).toMatchObject({ status: 'terminated', exitCode: 0, statusReason: 'Stopped by request.' });
    const { text } = await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId });
    expect(text).toContain('demo: closing');
    await cores.expectCleanClose(live);
  }, 240_000);
});
