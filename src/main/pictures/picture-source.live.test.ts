// Pictures from a real X server: the game's window on the shared display (Xvfb), with another
// client's windows stacked above it never in the picture, and the whole of a nested Xephyr.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAMILY_WILD, MIT_MAGIC_COOKIE, findCookie, parseXauthority, serializeXauthority } from '../display/xauthority';
import { buildColourWindow, startColourWindow } from '../test-support/colour-window';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { openPictureSource, thumbnailPng, type PictureSource, type PictureTarget } from './picture-source';
import { findGameArea } from './game-windows';
import type { RgbImage } from './png';
import { X11Client } from './x11-client';
import { extensionOpcode } from './x11-requests';

const x = findRealXServer();
const tempDir = useTempDirs();
const children: ChildProcess[] = [];
const sources: PictureSource[] = [];
afterEach(() => {
  for (const source of sources.splice(0)) source.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const GREEN = 0x20c040;
const RED = 0xff0000;

function pixel(image: RgbImage, px: number, py: number): number {
  const i = (py * image.width + px) * 3;
  return (image.rgb[i]! << 16) | (image.rgb[i + 1]! << 8) | image.rgb[i + 2]!;
}

function hasColour(image: RgbImage, colour: number): boolean {
  for (let py = 0; py < image.height; py += 1) for (let px = 0; px < image.width; px += 1) if (pixel(image, px, py) === colour) return true;
  return false;
}

async function grabUntil(source: PictureSource, ready: (image: RgbImage) => boolean): Promise<RgbImage> {
  let last: RgbImage | undefined;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    last = await source.grab();
    if (last && ready(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the picture never showed what was expected (last: ${last ? `${last.width}x${last.height}` : 'no window'})`);
}

/** The colour ImageMagick reads at a point of a PNG: proves the file itself, not just our pixels. */
function pngPixel(png: Buffer, px: number, py: number): string {
  return execFileSync('convert', ['png:-', '-format', `%[hex:p{${px},${py}}]`, 'info:'], { input: png }).toString().trim().slice(0, 6);
}

function cookieOf(file: string, display: string): Buffer {
  const cookie = findCookie(parseXauthority(readFileSync(file)), display.replace(/^:/, '').split('.')[0]!, hostname());
  if (!cookie) throw new Error(`no cookie for ${display} in ${file}`);
  return cookie.data;
}

describe.skipIf(!x.available)('pictures on a real X server', () => {
  it("shows the game's own window, and never another client's window above it", async () => {
    const binary = buildColourWindow(tempDir());
    const xauthority = x.xauthority ?? '';
    const game = startColourWindow(binary, { display: x.display, xauthority, colour: GREEN, rect: { x: 40, y: 40, width: 640, height: 360 } });
    children.push(game);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const other = startColourWindow(binary, { display: x.display, xauthority, colour: RED, rect: { x: 100, y: 100, width: 120, height: 80 } });
    const clock = spawn('xclock', ['-geometry', '150x150+400+200', '-update', '1'], { env: { ...process.env, DISPLAY: x.display, XAUTHORITY: xauthority }, stdio: 'ignore' });
    children.push(other, clock);
    const gamePids = new Set([game.pid!]);
    const target: PictureTarget = { socketPath: `/tmp/.X11-unix/X${x.display.slice(1).split('.')[0]}`, cookie: cookieOf(xauthority, x.display), scope: 'game-windows', gamePids: async () => gamePids };
    const source = await openPictureSource(target);
    sources.push(source);
    // Ready once both other clients are mapped over the game (their areas went black).
    const image = await grabUntil(source, (im) => im.width === 640 && pixel(im, 100, 100) === 0 && pixel(im, 420, 220) === 0);
    expect(image.height).toBe(360);
    expect(pixel(image, 10, 10)).toBe(GREEN);
    expect(hasColour(image, RED)).toBe(false);
    const png = thumbnailPng(image);
    expect(pngPixel(png, 5, 5)).toBe('20C040');
    expect(pngPixel(png, 300, 5)).toBe('20C040');

    // What is blacked out is decided by the X client's pid: the host's two windows above the game are
    // hidden, and not once the red one's client counts as the game's (so the test can fail).
    const client = await X11Client.open(target.socketPath, target.cookie);
    try {
      const xres = (await extensionOpcode(client, 'X-Resource'))!;
      const hidden = await findGameArea(client, xres, (pid) => gamePids.has(pid));
      expect(hidden?.hide).toEqual(expect.arrayContaining([{ x: 100, y: 100, width: 120, height: 80 }, expect.objectContaining({ x: 400, y: 200 })]));
      gamePids.add(other.pid!);
      const shown = await findGameArea(client, xres, (pid) => gamePids.has(pid));
      expect(shown?.hide).not.toContainEqual({ x: 100, y: 100, width: 120, height: 80 });
      expect(shown?.window).toBe(hidden?.window);
    } finally {
      client.close();
    }
  });

  it('shows nothing while the game has no window on the display', async () => {
    const source = await openPictureSource({ socketPath: `/tmp/.X11-unix/X${x.display.slice(1).split('.')[0]}`, cookie: cookieOf(x.xauthority ?? '', x.display), scope: 'game-windows', gamePids: async () => new Set([999_999_999]) });
    sources.push(source);
    expect(await source.grab()).toBeUndefined();
  });

  it('shows the whole of a nested Xephyr display', async () => {
    const dir = tempDir();
    const cookie = randomBytes(16);
    const nestedAuth = join(dir, 'nested.auth');
    writeFileSync(nestedAuth, serializeXauthority([{ family: FAMILY_WILD, address: Buffer.alloc(0), number: '', name: MIT_MAGIC_COOKIE, data: cookie }]), { mode: 0o600 });
    const xephyr = spawn('Xephyr', ['-displayfd', '3', '-auth', nestedAuth, '-screen', '480x270', '-nolisten', 'tcp', '-noreset'], {
      env: { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' },
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    children.push(xephyr);
    const number = await new Promise<string>((resolve, reject) => {
      xephyr.stdio[3]!.on('data', (data: Buffer) => resolve(data.toString().trim()));
      xephyr.on('exit', (code) => reject(new Error(`Xephyr exited (${code}): is xserver-xephyr installed? run scripts/provision.sh`)));
    });
    // The wild entry has no display number: name it, as a client's Xauthority lookup needs.
    writeFileSync(nestedAuth, serializeXauthority([{ family: FAMILY_WILD, address: Buffer.alloc(0), number, name: MIT_MAGIC_COOKIE, data: cookie }]));
    const binary = buildColourWindow(dir);
    children.push(startColourWindow(binary, { display: `:${number}`, xauthority: nestedAuth, colour: GREEN, rect: { x: 0, y: 0, width: 480, height: 270 } }));
    const source = await openPictureSource({ socketPath: `/tmp/.X11-unix/X${number}`, cookie, scope: 'display' });
    sources.push(source);
    const image = await grabUntil(source, (im) => pixel(im, 240, 135) === GREEN);
    expect([image.width, image.height]).toEqual([480, 270]);
    expect(pngPixel(thumbnailPng(image), 160, 90)).toBe('20C040');
  });
});
