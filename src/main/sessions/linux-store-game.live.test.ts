// A Linux game as stores ship it, for real: a folder with a start.sh that lost its x bit (as an
// unpacked archive leaves it; the folder is mounted read-only, so nothing can chmod it), the game's
// SDL2 binary in bin/ and its own shared library in lib/, which start.sh puts on LD_LIBRARY_PATH from
// the working directory. Played through the core: the entrypoint runs start.sh with the sh its #!
// line names, in the game's own folder, and the SDL2 window shows the colour the bundled library
// gives, read back from the X server's pixels. Built here with gcc against libsdl2-dev. The SDL2
// libraries the runner image lacks travel in lib/ too, as stores bundle them.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, type RealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const GAME = 'sdl-store-game';
const TITLE = 'Dillinger SDL2 Store Game';
const COLOUR = '3366cc'; // what libgamecolour.so answers: the window must show it

const sdl2 = (() => {
  try {
    execFileSync('pkg-config', ['--exists', 'sdl2'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error('CI needs libsdl2-dev (scripts/provision.sh installs it) to build the SDL2 game');
    console.warn('Skipping the Linux store-game test: no libsdl2-dev to build the SDL2 game (apt-get install libsdl2-dev)');
    return false;
  }
})();

const COLOUR_C = `unsigned int game_colour(void) { return 0x${COLOUR}; }\n`;
const GAME_C = String.raw`#include <SDL.h>
#include <stdio.h>
#include <unistd.h>
unsigned int game_colour(void);
int main(void) {
  char cwd[4096];
  printf("sdl-game: cwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
  fflush(stdout);
  if (SDL_Init(SDL_INIT_VIDEO) != 0) { fprintf(stderr, "sdl-game: SDL_Init: %s\n", SDL_GetError()); return 2; }
  SDL_Window *w = SDL_CreateWindow("${TITLE}", 0, 0, 200, 150, SDL_WINDOW_SHOWN);
  if (!w) { fprintf(stderr, "sdl-game: SDL_CreateWindow: %s\n", SDL_GetError()); return 3; }
  unsigned int c = game_colour();
  printf("sdl-game: window up, colour %06x\n", c);
  fflush(stdout);
  for (int frame = 0; frame < 1200; frame += 1) { /* at most a minute; SIGTERM arrives as SDL_QUIT */
    SDL_Event e;
    while (SDL_PollEvent(&e)) if (e.type == SDL_QUIT) { SDL_Quit(); return 0; }
    SDL_Surface *s = SDL_GetWindowSurface(w);
    if (s) { SDL_FillRect(s, NULL, SDL_MapRGB(s->format, (c >> 16) & 255, (c >> 8) & 255, c & 255)); SDL_UpdateWindowSurface(w); }
    SDL_Delay(50);
  }
  SDL_Quit();
  return 0;
}
`;
/** As a store's launcher script is: no x bit, the game's own lib/ first, relative to where it starts. */
const START_SH = '#!/bin/sh\nexport LD_LIBRARY_PATH="$PWD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"\nexec ./bin/sdl-game "$@"\n';

let build = '';
beforeAll(() => {
  if (!sdl2) return;
  build = mkdtempSync(join(tmpdir(), 'dillinger-sdl-game-'));
  writeFileSync(join(build, 'colour.c'), COLOUR_C);
  writeFileSync(join(build, 'game.c'), GAME_C);
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-shared', '-fPIC', '-o', join(build, 'libgamecolour.so'), join(build, 'colour.c')]);
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'sdl2']).toString().trim().split(/\s+/);
  // No rpath: only start.sh's LD_LIBRARY_PATH finds libgamecolour.so.
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', join(build, 'sdl-game'), join(build, 'game.c'), `-L${build}`, '-lgamecolour', ...flags]);
});
afterAll(() => {
  if (build) rmSync(build, { recursive: true, force: true });
});

/** The shared libraries (sonames) the runner image's loader knows. */
function imageLibraries(image: string): Set<string> {
  const out = execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', '/sbin/ldconfig', image, '-p']).toString();
  return new Set([...out.matchAll(/^\s+(\S+) \(/gm)].map((m) => m[1] ?? ''));
}

/** The game in the core's library: start.sh (0644), bin/sdl-game, lib/ with its own library and what the image lacks. */
async function addStoreGame(live: LiveCore): Promise<string> {
  const folder = join(live.core.dataDir, 'library', GAME);
  mkdirSync(join(folder, 'bin'), { recursive: true });
  mkdirSync(join(folder, 'lib'), { recursive: true });
  copyFileSync(join(build, 'sdl-game'), join(folder, 'bin', 'sdl-game'));
  chmodSync(join(folder, 'bin', 'sdl-game'), 0o755);
  copyFileSync(join(build, 'libgamecolour.so'), join(folder, 'lib', 'libgamecolour.so'));
  const inImage = imageLibraries('dillinger-runner:local');
  const ldd = execFileSync('ldd', [join(build, 'sdl-game')], { env: { ...process.env, LD_LIBRARY_PATH: build } }).toString();
  for (const [, soname, path] of ldd.matchAll(/^\s+(\S+) => (\/\S+)/gm)) {
    if (soname && path && soname !== 'libgamecolour.so' && !inImage.has(soname)) copyFileSync(path, join(folder, 'lib', soname));
  }
  writeFileSync(join(folder, 'start.sh'), START_SH, { mode: 0o644 });
  chmodSync(join(folder, 'start.sh'), 0o644); // whatever the umask: no x bit
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: GAME, title: TITLE, platforms: [{ platform: 'linux', executable: 'start.sh' }] }));
  await untilInLibrary(live, GAME);
  return folder;
}

/** The id of the window titled `title`, or undefined. */
function windowId(server: RealXServer, title: string): string | undefined {
  const env = { ...process.env, DISPLAY: server.display, XAUTHORITY: server.xauthority ?? '' };
  try {
    const tree = execFileSync('xwininfo', ['-root', '-tree'], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return [...tree.matchAll(/(0x[0-9a-f]+) "([^"]*)"/g)].find((m) => m[2] === title)?.[1];
  } catch {
    return undefined; // a window closed while xwininfo walked the tree
  }
}

/** The colour ImageMagick reads at (x, y) of the window's own pixels on the X server, as rrggbb. */
function windowPixel(server: RealXServer, id: string, px: number, py: number, file: string): string {
  const env = { ...process.env, DISPLAY: server.display, XAUTHORITY: server.xauthority ?? '' };
  try {
    execFileSync('import', ['-window', id, file], { env, stdio: 'ignore' });
    return execFileSync('convert', [file, '-format', `%[hex:p{${px},${py}}]`, 'info:']).toString().trim().toLowerCase().slice(0, 6);
  } catch {
    return ''; // not mapped yet, or gone
  }
}

describe.skipIf(!engine.available || !x.available || !sdl2)('a Linux game as stores ship it', () => {
  it("runs its start.sh without x bit in the game's own folder, with its bundled library, and draws its window", async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const folder = await addStoreGame(live);
    expect(statSync(join(folder, 'start.sh')).mode & 0o111).toBe(0);
    const request = { gameId: GAME, userId: 'user_tester', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: { SDL_VIDEODRIVER: 'x11' } } };
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    const logText = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
    await live.waitFor(session.sessionId, ['running', ...ENDED], 120_000);
    await until(async () => /sdl-game: window up/.test(await logText()) || ENDED.includes((await live.call<RunnerSession>('sessions.get', { sessionId: session.sessionId })).status), 60_000, 'the game to open its window');
    const log = await logText();
    expect(log).toContain(`sdl-game: cwd=/library/${GAME}\n`);
    expect(log).toMatch(/start\.sh has no x bit: running it with \/(usr\/)?bin\/sh/);
    expect(log).toContain(`sdl-game: window up, colour ${COLOUR}`);
    let id: string | undefined;
    let seen = '';
    const shot = join(tempDir(), 'window.png');
    await until(() => {
      id = windowId(x, TITLE);
      seen = id ? windowPixel(x, id, 100, 75, shot) : '';
      return seen === COLOUR;
    }, 30_000, () => `the window "${TITLE}" to show #${COLOUR} (it shows ${seen ? `#${seen}` : 'nothing'}; log:\n${log})`);
    mkdirSync('test-results', { recursive: true });
    copyFileSync(shot, join('test-results', 'linux-store-game.png'));

    await live.call('sessions.stop', { sessionId: session.sessionId });
    const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
    expect(ended, await logText()).toMatchObject({ status: 'terminated', exitCode: 0 });
    await cores.expectCleanClose(live);
  }, 600_000);
});
