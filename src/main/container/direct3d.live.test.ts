// Direct3D, for real, played through the core: a Direct3D 9 program (32-bit) and a Direct3D 11
// program (64-bit), built here with mingw from fixtures/direct3d/, each clearing its window to a
// known colour every frame. With wine.graphics 'dxvk' the frame is proven by the window's own pixels
// on the X server (not its title), and the path by DXVK's lines in the session's log (its version and
// the lavapipe (llvmpipe) Vulkan device); with WineD3D the same programs show the same colour.
// The Direct3D 11 program goes through DXVK on the game's own display (Xephyr), which offers no
// refresh rate: DXVK 2.6's DXGI divides by it, so the app turns Wine's RandR off there
// (wine-settings-env.ts, lib/wine-settings.sh) and Wine says 60 Hz; the same prefix then played
// on the shared display gets RandR back.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, type RealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { needsInternetMessage } from '../../shared/validation/wine-settings';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { MINGW_32, MINGW_64, hasBuildTools } from '../test-support/build-tools';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const GAME = 'direct3d-clear';
const FIXTURES = join(__dirname, 'fixtures/direct3d');
const PROGRAMS = {
  d3d9: { source: 'clear-d3d9.c', compiler: MINGW_32.command, libs: ['-ld3d9'], title: 'Dillinger D3D9', colour: '00a0ff' },
  d3d11: { source: 'clear-d3d11.c', compiler: MINGW_64.command, libs: ['-ld3d11', '-ldxgi', '-luuid'], title: 'Dillinger D3D11', colour: 'ff8000' },
} as const;

const mingw = hasBuildTools([MINGW_32, MINGW_64], 'the Direct3D programs', 'the Direct3D tests');

/** Whether the core's runner image carries DXVK and 32-bit Wine (Debian 13's runner does). */
function runnerHasDxvk(image: string): boolean {
  try {
    execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', image, '-c', 'test -d /usr/lib/dxvk/wine32 && test -d /usr/lib/dxvk/wine64'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Builds both programs into the core's library, as one game with a Windows executable each. */
async function addGame(live: LiveCore, program: keyof typeof PROGRAMS): Promise<string> {
  const id = `${GAME}-${program}`;
  const folder = join(live.core.dataDir, 'library', id);
  mkdirSync(folder, { recursive: true });
  const p = PROGRAMS[program];
  const build = join(tempDir(), `${program}.exe`);
  execFileSync(p.compiler, ['-O2', '-Wall', '-Wextra', '-Werror', '-mwindows', '-o', build, join(FIXTURES, p.source), ...p.libs]);
  copyFileSync(build, join(folder, `${program}.exe`));
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id, title: p.title, platforms: [{ platform: 'windows', executable: `${program}.exe` }] }));
  await untilInLibrary(live, id);
  return id;
}

function windowPixel(server: RealXServer, title: string, file: string): string {
  const env = { ...process.env, DISPLAY: server.display, XAUTHORITY: server.xauthority ?? '' };
  try {
    const tree = execFileSync('xwininfo', ['-root', '-tree'], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const id = [...tree.matchAll(/(0x[0-9a-f]+) "([^"]*)"/g)].find((m) => m[2] === title)?.[1];
    if (!id) return '';
    execFileSync('import', ['-window', id, file], { env, stdio: 'ignore' });
    return execFileSync('convert', [file, '-format', '%[hex:p{100,100}]', 'info:']).toString().trim().toLowerCase().slice(0, 6);
  } catch {
    return ''; // not mapped yet, or gone
  }
}

/** The game's own display: a nested Xephyr, whose window on the user's display carries the game's title and shows its screen. */
const ISOLATED = { displayIsolation: 'isolated', resolution: '640x480' } as const;

/**
 * Plays the program with the given Direct3D path (on the shared display, or as `display` says)
 * until its window shows its colour; returns the session's log.
 */
async function playUntilColour(live: LiveCore, program: keyof typeof PROGRAMS, graphics: 'dxvk' | 'wined3d', prefix: string, display: object = {}): Promise<string> {
  const gameId = await addGame(live, program);
  const p = PROGRAMS[program];
  const request = {
    gameId, userId: 'user_tester', platform: 'windows',
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, winePrefix: prefix, wine: { graphics }, ...display },
  };
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  const logText = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
  await live.waitFor(session.sessionId, ['running', ...ENDED], 180_000);
  const label = `${program}-${graphics}${'displayIsolation' in display ? '-isolated' : ''}`;
  const shot = join(tempDir(), `${label}.png`);
  let seen = '';
  try {
    await until(async () => {
      seen = windowPixel(x, p.title, shot);
      if (seen === p.colour) return true;
      const now = await live.call<RunnerSession>('sessions.get', { sessionId: session.sessionId });
      if (ENDED.includes(now.status)) throw new Error(`${p.title} ended (${now.status}: ${now.statusReason ?? ''}) before showing #${p.colour}`);
      return false;
    }, 120_000, () => `the window "${p.title}" to show #${p.colour} (it shows ${seen ? `#${seen}` : 'nothing'})`);
  } catch (error) {
    // What the game and DXVK said tells a crash from a wrong colour; it is all in the log once the session has ended.
    await live.call('sessions.stop', { sessionId: session.sessionId }).catch(() => undefined);
    await live.waitFor(session.sessionId, ENDED, 60_000).catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}; log:\n${await logText()}`, { cause: error });
  }
  mkdirSync('test-results', { recursive: true });
  copyFileSync(shot, join('test-results', `direct3d-${label}.png`));
  await live.call('sessions.stop', { sessionId: session.sessionId });
  expect(await live.waitFor(session.sessionId, ENDED, 60_000)).toMatchObject({ status: 'terminated' });
  // Read once the session has ended: the whole of its output is in the log by then.
  return logText();
}

describe.skipIf(!engine.available || !x.available || !mingw)('Direct3D drawn through DXVK on lavapipe, and through WineD3D', () => {
  async function start(): Promise<{ live: LiveCore; prefix: string } | undefined> {
    const prefix = `dillinger_test_d3d_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    // The core has built its runner image by now (the demos come out of it).
    if (runnerHasDxvk('dillinger-runner:local')) return { live, prefix };
    const reason = 'the runner image has no DXVK for both arches (/usr/lib/dxvk/wine32 and wine64): the Debian 13 runner brings it';
    if (process.env.CI === 'true') throw new Error(`CI needs ${reason}`);
    console.warn(`Skipping: ${reason}`);
    await cores.expectCleanClose(live);
    return undefined;
  }

  it('a 32-bit Direct3D 9 program: its colour through DXVK (DXVK and lavapipe in the log), then through WineD3D', async (ctx) => {
    const started = await start();
    if (!started) return ctx.skip();
    const dxvk = await playUntilColour(started.live, 'd3d9', 'dxvk', started.prefix);
    expect(dxvk).toMatch(/info: {2}DXVK: v?2\.\d/);
    expect(dxvk).toMatch(/info: {2}Game: d3d9\.exe/);
    expect(dxvk).toMatch(/llvmpipe/);
    expect(dxvk).toContain('note: Wine setting applied: graphics dxvk');
    const wined3d = await playUntilColour(started.live, 'd3d9', 'wined3d', started.prefix);
    expect(wined3d).not.toMatch(/DXVK: v?2\./);
    expect(wined3d).toContain('note: Wine setting applied: graphics wined3d');
    await cores.expectCleanClose(started.live);
  }, 600_000);

  it('a winetricks verb that downloads, with the network off, is refused at launch with the internet message', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const request = {
      gameId: 'dillinger-demo-windows', userId: 'user_tester', platform: 'windows',
      launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, winePrefix: 'dillinger_test_unused_prefix', networkMode: 'none', wine: { winetricks: ['corefonts'] } },
    };
    const envelope = await live.core.dispatch('sessions.launch', { request });
    expect(envelope).toMatchObject({ error: { code: 'invalid_payload' } });
    expect('error' in envelope ? envelope.error.message : '').toContain(needsInternetMessage('corefonts'));
    expect(await live.call<RunnerSession[]>('sessions.list', {})).toEqual([]);
    await cores.expectCleanClose(live);
  }, 240_000);

  it("a 64-bit Direct3D 11 program: its colour through DXVK on the game's own display (no refresh rate: Wine's RandR off), then through WineD3D on the shared display (RandR back), then DXVK there", async (ctx) => {
    const started = await start();
    if (!started) return ctx.skip();
    const dxvk = await playUntilColour(started.live, 'd3d11', 'dxvk', started.prefix, ISOLATED);
    expect(dxvk).toMatch(/info: {2}DXVK: v?2\.\d/);
    expect(dxvk).toMatch(/info: {2}Game: d3d11\.exe/);
    expect(dxvk).toMatch(/llvmpipe/);
    expect(dxvk).toContain('note: Wine setting applied: graphics dxvk');
    expect(dxvk).toContain('note: Wine setting applied: xrandr off');
    expect(dxvk).not.toContain('division by zero');
    const wined3d = await playUntilColour(started.live, 'd3d11', 'wined3d', started.prefix);
    expect(wined3d).not.toMatch(/DXVK: v?2\./);
    expect(wined3d).toContain('note: Wine setting applied: graphics wined3d');
    expect(wined3d).toContain('note: Wine setting applied: xrandr on');
    // And DXVK on the shared display, the default: CI's Xvfb offers no refresh rate either (its
    // modes read 0 Hz, so RandR goes off again); a real display's rate keeps RandR on.
    const shared = await playUntilColour(started.live, 'd3d11', 'dxvk', started.prefix);
    expect(shared).toMatch(/info: {2}DXVK: v?2\.\d/);
    expect(shared).toMatch(/llvmpipe/);
    expect(shared).not.toContain('division by zero');
    await cores.expectCleanClose(started.live);
  }, 600_000);
});
