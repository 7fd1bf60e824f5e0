// Display isolation, played through the core on the real X server: a probe shipped as a Linux game
// reports, from inside its container, what its display lets it see, while a typist on the host types
// into another client's window (an xclock) on the user's display. Isolated: the probe's root is the
// requested size, it sees only its own window and none of the keys. Shared: the same probe sees the
// xclock and the keys, which proves the probe can tell.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { PROBE_TITLE, buildDisplayProbes, readProbe, type ProbeReport } from '../test-support/display-probe';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const GAME = 'display-probe';
const TITLE = 'Dillinger Display Probe Game';
const OTHER = `Dillinger Other Client ${process.pid}`;
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const xEnv = { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' };

let built: { probe: string; typist: string };
let buildDir = '';
beforeAll(() => {
  if (!engine.available || !x.available) return;
  buildDir = mkdtempSync(join(tmpdir(), 'dillinger-display-probe-'));
  built = buildDisplayProbes(buildDir);
});
afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});
const others: ChildProcess[] = [];
afterEach(() => {
  for (const child of others.splice(0)) child.kill('SIGKILL');
});

function userWindows(): string[] {
  try {
    return [...execFileSync('xwininfo', ['-root', '-tree'], { env: xEnv, stdio: ['ignore', 'pipe', 'pipe'] }).toString().matchAll(/0x[0-9a-f]+ "([^"]*)"/g)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

async function addProbeGame(live: LiveCore): Promise<void> {
  const folder = join(live.core.dataDir, 'library', GAME);
  mkdirSync(folder, { recursive: true });
  copyFileSync(built.probe, join(folder, 'probe'));
  chmodSync(join(folder, 'probe'), 0o755);
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: GAME, title: TITLE, platforms: [{ platform: 'linux', executable: 'probe' }] }));
  await untilInLibrary(live, GAME);
}

interface Played { report: ProbeReport; session: RunnerSession; titledOnUserDisplay: boolean; ended: RunnerSession }

/** Plays the probe with `isolation`, types into the other client meanwhile, and stops the session. */
async function play(isolation: 'shared' | 'isolated', extra: object = {}): Promise<Played> {
  const live = await cores.start(coreOptions(tempDir(), x));
  await addProbeGame(live);
  const other = spawn('xclock', ['-title', OTHER], { env: xEnv, stdio: 'ignore' });
  others.push(other);
  await until(() => userWindows().includes(OTHER), 10_000, 'the other client\'s window');
  const launchConfig = { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, displayIsolation: isolation, ...extra };
  const launched = await live.call<RunnerSession>('sessions.launch', { request: { gameId: GAME, userId: 'user_tester', platform: 'linux', launchConfig } });
  const log = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: launched.sessionId })).text;
  let seen = '';
  await until(async () => readProbe(seen = await log()).ready, 120_000, () => `the probe to start (log: ${seen.slice(-500)})`);
  const session = await live.waitFor(launched.sessionId, ['running']);
  const titledOnUserDisplay = userWindows().includes(TITLE);
  execFileSync(built.typist, [OTHER], { env: xEnv });
  // Three more ticks of the probe after the last key: it had time to see them.
  const typedAt = readProbe(await log()).tick;
  await until(async () => readProbe(await log()).tick >= typedAt + 3, 30_000, 'the probe to report after the typing');
  const report = readProbe(await log());
  await live.call('sessions.stop', { sessionId: session.sessionId });
  const ended = await live.waitFor(session.sessionId, ENDED);
  await cores.expectCleanClose(live);
  return { report, session, titledOnUserDisplay, ended };
}

describe.skipIf(!engine.available || !x.available)('a display of the game\'s own', () => {
  it('isolated: the requested size, only the game\'s own window, none of the keys typed into another client', async () => {
    const { report, session, titledOnUserDisplay, ended } = await play('isolated', { resolution: '640x360' });
    expect(report.root).toBe('640x360');
    expect(report.windows).toEqual([PROBE_TITLE]);
    expect(report.rawKeys).toBe(0);
    expect(report.keymapHeld).toBe(0);
    // The record names the nested display, not the user's; its window on the user's display carries the game's title.
    expect(session.displayInfo.displayId).not.toBe(x.display);
    expect(session.displayInfo.socketPath).toBe(`/tmp/.X11-unix/X${session.displayInfo.displayId.slice(1)}`);
    expect(session.displayInfo.resolution).toBe('640x360');
    expect(titledOnUserDisplay).toBe(true);
    expect(ended.status).toBe('terminated');
    // Stopped with the session: its socket is gone.
    expect(existsSync(session.displayInfo.socketPath!)).toBe(false);
  }, 240_000);

  it('closing the game\'s display window stops the session as Stop does', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    await addProbeGame(live);
    const launchConfig = { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, displayIsolation: 'isolated' };
    const launched = await live.call<RunnerSession>('sessions.launch', { request: { gameId: GAME, userId: 'user_tester', platform: 'linux', launchConfig } });
    await until(async () => readProbe((await live.call<{ text: string }>('sessions.logs', { sessionId: launched.sessionId })).text).ready, 120_000, 'the probe to start');
    const session = await live.waitFor(launched.sessionId, ['running']);
    // The window titled with the game on the user's display is the nested server's: xkill closes it as a window manager would.
    const tree = execFileSync('xwininfo', ['-root', '-tree'], { env: xEnv }).toString();
    const id = [...tree.matchAll(/(0x[0-9a-f]+) "([^"]*)"/g)].find((m) => m[2] === TITLE)?.[1];
    expect(id).toBeDefined();
    execFileSync('xkill', ['-id', id!], { env: xEnv, stdio: 'ignore' });
    const ended = await live.waitFor(session.sessionId, ENDED);
    expect(ended.status).toBe('terminated');
    expect(existsSync(session.displayInfo.socketPath!)).toBe(false);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('shared: the same probe sees the other client\'s window and its keys', async () => {
    const { report, session } = await play('shared');
    expect(report.windows).toContain(OTHER);
    expect(report.rawKeys).toBeGreaterThan(0);
    expect(report.keymapHeld).toBeGreaterThan(0);
    expect(session.displayInfo.displayId).toBe(x.display);
  }, 240_000);
});
