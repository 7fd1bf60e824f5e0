// A real NSIS installer through the app: a 32-bit Win32 game built here with i686 mingw, packed by
// Debian's makensis into a 32-bit setup.exe (test-support/nsis-installer.ts), installed silently
// (/S) into the game's Wine prefix with sessions.install; the Start-menu shortcut it made names the
// installed game in games.prefixPrograms (also when the installer runs again over its own files);
// chosen with games.choosePrefixProgram, Play starts it from
// C:\Program Files (x86)\... and its window appears on the real X server.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import type { PrefixProgramList } from '../../shared/model/prefix-program';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores, untilInLibrary } from '../test-support/live-session';
import { NSIS_GAME_TITLE, NSIS_INSTALLED_EXE, NSIS_SHORTCUT_NAME, buildNsisInstaller, canBuildNsisInstaller } from '../test-support/nsis-installer';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
/** What game.json names before the install: nothing there yet, so only the choice makes Play work. */
const NOT_YET_INSTALLED = 'C:\\Games\\not installed yet.exe';

const tools = (() => {
  if (canBuildNsisInstaller()) return true;
  if (process.env.CI === 'true') throw new Error('CI needs i686-w64-mingw32-gcc and makensis (apt-get install gcc-mingw-w64-i686 nsis) to build the NSIS installer');
  console.warn('Skipping the NSIS installer test: no i686-w64-mingw32-gcc or makensis (apt-get install gcc-mingw-w64-i686 nsis)');
  return false;
})();

let setupExe = '';
beforeAll(() => {
  if (tools) setupExe = buildNsisInstaller();
});
afterAll(() => {
  if (setupExe) rmSync(dirname(setupExe), { recursive: true, force: true });
});

describe.skipIf(!engine.available || !x.available || !tools)('a real NSIS installer through the app', () => {
  it('installs silently into the prefix, lists the game by its Start-menu shortcut, and Play starts it from C:\\', async () => {
    const gameId = `nsis-${randomBytes(3).toString('hex')}`;
    const live = await cores.start(coreOptions(tempDir(), x), [`dillinger-prefix-${gameId}`]);
    const folder = join(live.core.dataDir, 'library', gameId);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: gameId, title: 'NSIS Game To Install', platforms: [{ platform: 'windows', executable: NOT_YET_INSTALLED }] }));
    await untilInLibrary(live, gameId);
    await live.call('settings.save', { allowedHostDirectories: [dirname(setupExe)] });
    const logOf = async (sessionId: string) => (await live.call<{ text: string }>('sessions.logs', { sessionId })).text;

    const install = await live.call<RunnerSession>('sessions.install', { gameId, file: setupExe, arguments: ['/S'] });
    expect(install).toMatchObject({ kind: 'install', platform: 'windows' });
    const installed = await live.waitFor(install.sessionId, ENDED, 180_000);
    const installLog = await logOf(install.sessionId);
    expect(installed, installLog).toMatchObject({ status: 'terminated', exitCode: 0, kind: 'install' });

    const list = await live.call<PrefixProgramList>('games.prefixPrograms', { sessionId: install.sessionId });
    expect(list, installLog).toMatchObject({ gameId, kind: 'install', complete: true });
    // The shortcut's program comes first: the one the installer offered the player.
    expect(list.programs[0], installLog).toMatchObject({
      executable: NSIS_INSTALLED_EXE,
      name: NSIS_SHORTCUT_NAME,
      shortcut: expect.stringMatching(/\\Start Menu\\Programs\\Dillinger NSIS Game\.lnk$/),
    });

    // Run again (a repair, an update over the same version), the installer rewrites its files: they
    // are still what it left, not hidden for having been there before.
    const again = await live.call<RunnerSession>('sessions.install', { gameId, file: setupExe, arguments: ['/S'] });
    const againEnd = await live.waitFor(again.sessionId, ENDED, 180_000);
    const againLog = await logOf(again.sessionId);
    expect(againEnd, againLog).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect((await live.call<PrefixProgramList>('games.prefixPrograms', { sessionId: again.sessionId })).programs[0], againLog).toMatchObject({ executable: NSIS_INSTALLED_EXE, name: NSIS_SHORTCUT_NAME });

    await live.call('games.choosePrefixProgram', { gameId, executable: list.programs[0]!.executable });
    const manifest = JSON.parse(readFileSync(join(folder, 'game.json'), 'utf8')) as { platforms: Array<{ executable: string }> };
    expect(manifest.platforms[0]?.executable).toBe(NSIS_INSTALLED_EXE);

    const play = await live.call<RunnerSession>('sessions.play', { gameId });
    expect(play.kind).toBeUndefined();
    await live.waitFor(play.sessionId, ['running'], 90_000);
    await until(() => windowNames(x).includes(NSIS_GAME_TITLE), 90_000, `a window titled "${NSIS_GAME_TITLE}"`);
    await until(async () => (await logOf(play.sessionId)).includes('nsis-game: running from'), 30_000, 'the game to say where it runs from');
    expect(await logOf(play.sessionId)).toContain(`nsis-game: running from ${NSIS_INSTALLED_EXE}`);
    await live.call('sessions.stop', { sessionId: play.sessionId });
    const ended = await live.waitFor(play.sessionId, ENDED, 60_000);
    expect(ended.status, await logOf(play.sessionId)).toBe('terminated');
    await until(() => !windowNames(x).includes(NSIS_GAME_TITLE), 10_000, 'the window to close');
    await cores.expectCleanClose(live);
  }, 480_000);
});
