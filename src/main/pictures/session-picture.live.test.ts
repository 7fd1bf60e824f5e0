// The picture of a real session, through the contract: the Linux demo in its container on the
// shared X server. No page watching: no capture and no picture file. Watched: thumbnails of the
// demo's own background colour, a screenshot beside the session's records, the last picture kept
// for History, while a host client's window over the game never shows.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { buildColourWindow, startColourWindow } from '../test-support/colour-window';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const killers: Array<() => void> = [];
afterEach(() => killers.splice(0).forEach((kill) => kill()));

/** The demo's background (resources/runner/demos/linux/demo.c). */
const DEMO_BACKGROUND = '101830';
const RED = 0xff0000;

function pngPixel(dataUrl: string, px: number, py: number): string {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  return execFileSync('convert', ['png:-', '-format', `%[hex:p{${px},${py}}]`, 'info:'], { input: png }).toString().trim().slice(0, 6);
}

function redPixels(dataUrl: string): number {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  const rgb = execFileSync('convert', ['png:-', 'rgb:-'], { input: png });
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) if (((rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!) === RED) count += 1;
  return count;
}

describe.skipIf(!engine.available || !x.available)("a session's picture", () => {
  it("is captured only while watched, shows the demo's own window and never a host window above it", async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const frames: Array<{ sessionId: string; dataUrl: string; width: number; height: number }> = [];
    live.core.onEvent((name, payload) => name === 'session.picture' && frames.push(payload as (typeof frames)[number]));
    const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(LINUX_DEMO) });
    await live.waitFor(session.sessionId, ['running']);
    await until(() => windowNames(x).includes('Dillinger Demo (Linux)'), 20_000, 'the demo window');
    const picturesDir = join(live.core.dataDir, 'runner-sessions', 'pictures');

    // Nobody watches: no frame, no file, however long it runs.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(frames).toEqual([]);
    expect(existsSync(picturesDir)).toBe(false);

    // A host client's red window over the demo's corner (the demo maps at 0,0 on a bare Xvfb).
    const colour = startColourWindow(buildColourWindow(tempDir()), { display: x.display, xauthority: x.xauthority ?? '', colour: RED, rect: { x: 0, y: 0, width: 100, height: 100 } });
    const clock = spawn('xclock', ['-geometry', '120x120+300+120'], { env: { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' }, stdio: 'ignore' });
    killers.push(() => colour.kill('SIGKILL'), () => clock.kill('SIGKILL'));
    await until(() => windowNames(x).includes('colour-window'), 10_000, 'the host window');

    const { leaseId } = await live.call<{ leaseId: string }>('sessions.watchPicture', { sessionId: session.sessionId });
    await until(() => frames.length >= 3, 20_000, 'three thumbnails');
    const frame = frames.at(-1)!;
    expect(frame).toMatchObject({ sessionId: session.sessionId, width: 640, height: 360 });
    expect(pngPixel(frame.dataUrl, 300, 20)).toBe(DEMO_BACKGROUND.toUpperCase());
    expect(pngPixel(frame.dataUrl, 20, 20)).toBe('000000'); // the host window's place is blacked out
    expect(redPixels(frame.dataUrl)).toBe(0);

    const shot = await live.call<{ file: string; width: number }>('sessions.screenshot', { sessionId: session.sessionId });
    expect(shot.width).toBe(640);
    expect(readdirSync(picturesDir)).toContain(shot.file);

    await live.call('sessions.unwatchPicture', { sessionId: session.sessionId, leaseId });
    expect((await live.call<RunnerSession>('sessions.get', { sessionId: session.sessionId })).picture).toBe(`${session.sessionId}.png`);
    await live.call('sessions.stop', { sessionId: session.sessionId });
    await live.waitFor(session.sessionId, ['terminated']);
    const last = await live.call<{ dataUrl: string | null }>('sessions.picture', { sessionId: session.sessionId });
    expect(pngPixel(last.dataUrl!, 300, 20)).toBe(DEMO_BACKGROUND.toUpperCase());
    await cores.expectCleanClose(live);
  }, 240_000);

  it("of an isolated session is the whole of its nested display, at the requested resolution", async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const frames: Array<{ sessionId: string; dataUrl: string; width: number; height: number }> = [];
    live.core.onEvent((name, payload) => name === 'session.picture' && frames.push(payload as (typeof frames)[number]));
    const request = launchRequest(LINUX_DEMO);
    const isolated = { ...request, launchConfig: { ...request.launchConfig, displayIsolation: 'isolated', resolution: '800x600' } };
    const session = await live.call<RunnerSession>('sessions.launch', { request: isolated });
    const running = await live.waitFor(session.sessionId, ['running']);
    expect(running.displayInfo.socketPath).not.toBe(`/tmp/.X11-unix/X${x.display.slice(1).split('.')[0]}`);
    await live.call('sessions.watchPicture', { sessionId: session.sessionId });
    await until(() => frames.some((f) => pngPixel(f.dataUrl, 200, 20) === DEMO_BACKGROUND.toUpperCase()), 30_000, "the demo's colours in the nested display's picture");
    expect(frames.at(-1)).toMatchObject({ width: 800, height: 600 });
    await live.call('sessions.stop', { sessionId: session.sessionId });
    await live.waitFor(session.sessionId, ['terminated']);
    await cores.expectCleanClose(live);
  }, 240_000);
});
