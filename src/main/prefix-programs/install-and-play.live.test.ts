// Installers and tools in a game's Wine prefix, for real: a 64-bit setup program built here with
// mingw (test-support/test-installer.ts) installed through the core in silent mode (/S), the
// programs it created listed (its Start-menu shortcut's target first), chosen as the program Play
// starts, a tool session that changes the prefix's registry, and Play showing the installed game's
// window, which reads what the tool wrote. Then an installer stopped mid-way, after which Play
// still works in that prefix.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import type { PrefixProgramList } from '../../shared/model/prefix-program';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { INSTALLED_EXE, INSTALLED_TITLE, MINGW64, SHORTCUT_NAME, buildTestInstaller } from '../test-support/test-installer';
import { MINGW_64, hasBuildTools } from '../test-support/build-tools';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

const mingw = hasBuildTools([{ command: MINGW64, pkg: MINGW_64.pkg }], 'the test installer', 'the installer test');

let setupExe = '';
beforeAll(() => {
  if (mingw) setupExe = buildTestInstaller();
});
afterAll(() => {
  if (setupExe) rmSync(dirname(setupExe), { recursive: true, force: true });
});

/** A game with no program yet but the one its installer will make, and a prefix volume of its own. */
async function addGameToInstall(live: LiveCore, gameId: string): Promise<void> {
  const folder = join(live.core.dataDir, 'library', gameId);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: gameId, title: 'Game To Install', platforms: [{ platform: 'windows', executable: INSTALLED_EXE }] }));
  await untilInLibrary(live, gameId);
  // The setup file must lie in an allowed folder: its own temp folder.
  await live.call('settings.save', { allowedHostDirectories: [dirname(setupExe)] });
}

const logOf = async (live: LiveCore, sessionId: string) => (await live.call<{ text: string }>('sessions.logs', { sessionId })).text;

async function playUntilWindow(live: LiveCore, gameId: string): Promise<string> {
  const session = await live.call<RunnerSession>('sessions.play', { gameId });
  expect(session.kind).toBeUndefined();
  await live.waitFor(session.sessionId, ['running'], 90_000);
  await until(() => windowNames(x).includes(INSTALLED_TITLE), 90_000, `a window titled "${INSTALLED_TITLE}"`);
  await live.call('sessions.stop', { sessionId: session.sessionId });
  const ended = await live.waitFor(session.sessionId, ENDED, 60_000);
  expect(ended.status, await logOf(live, session.sessionId)).toBe('terminated');
  await until(() => !windowNames(x).includes(INSTALLED_TITLE), 10_000, 'the window to close');
  return logOf(live, session.sessionId);
}

describe.skipIf(!engine.available || !x.available || !mingw)('installing a game into its Wine prefix', () => {
  it('installs silently, lists the programs it made, plays the chosen one, and sees what a tool changed', async () => {
    const gameId = `install-${randomBytes(3).toString('hex')}`;
    const live = await cores.start(coreOptions(tempDir(), x), [`dillinger-prefix-${gameId}`]);
    await addGameToInstall(live, gameId);

    const install = await live.call<RunnerSession>('sessions.install', { gameId, file: setupExe, arguments: ['/S'] });
    expect(install).toMatchObject({ kind: 'install', status: 'requested', platform: 'windows' });
    const running = await live.waitFor(install.sessionId, ['running', ...ENDED], 120_000);
    if (running.status === 'running') {
      // The setup file is mounted alone and read-only.
      const mounts = (await live.docker.getContainer(running.containerId).inspect().catch(() => undefined))?.Mounts ?? [];
      if (mounts.length > 0) expect(mounts.find((m) => m.Destination === '/run/dillinger/program/setup.exe')).toMatchObject({ Type: 'bind', RW: false });
    }
    const installed = await live.waitFor(install.sessionId, ENDED, 120_000);
    const installLog = await logOf(live, install.sessionId);
    expect(installed, installLog).toMatchObject({ status: 'terminated', exitCode: 0, kind: 'install' });
    expect(installed.statusReason).toMatch(/installer finished: choose the program Play starts/);
    expect(installLog).toContain('setup: installed');

    const list = await live.call<PrefixProgramList>('games.prefixPrograms', { sessionId: install.sessionId });
    expect(list).toMatchObject({ gameId, kind: 'install', complete: true });
    expect(list.programs[0], installLog).toMatchObject({ executable: INSTALLED_EXE, name: SHORTCUT_NAME, shortcut: expect.stringMatching(/Start Menu\\Programs\\Dillinger Test Game\.lnk$/) });

    const chosen = await live.call<{ platforms: Array<{ executable: string }> }>('games.choosePrefixProgram', { gameId, executable: list.programs[0]!.executable });
    expect(chosen.platforms[0]?.executable).toBe(INSTALLED_EXE);
    const manifest = JSON.parse(readFileSync(join(live.core.dataDir, 'library', gameId, 'game.json'), 'utf8')) as { platforms: Array<{ executable: string }> };
    expect(manifest.platforms[0]?.executable).toBe(INSTALLED_EXE);

    const tool = await live.call<RunnerSession>('sessions.runTool', { gameId, file: setupExe, arguments: ['/TOOL'] });
    const toolEnd = await live.waitFor(tool.sessionId, ENDED, 120_000);
    expect(toolEnd, await logOf(live, tool.sessionId)).toMatchObject({ status: 'terminated', exitCode: 0, kind: 'tool' });

    const playLog = await playUntilWindow(live, gameId);
    expect(playLog).toContain('installed-game: the tool left changed');
    const kinds = (await live.call<RunnerSession[]>('sessions.list', { gameId })).map((s) => s.kind ?? 'play');
    expect(kinds.sort()).toEqual(['install', 'play', 'tool']);
    await cores.expectCleanClose(live);
  }, 420_000);

  it('an installer stopped mid-way says the prefix is still usable, and Play then works in it', async () => {
    const gameId = `install-${randomBytes(3).toString('hex')}`;
    // Docker's kill must come after the entrypoint's own wineserver -k (5 s after WM_CLOSE).
    const live = await cores.start(coreOptions(tempDir(), x, { stopGraceSeconds: 20 }), [`dillinger-prefix-${gameId}`]);
    await addGameToInstall(live, gameId);

    const install = await live.call<RunnerSession>('sessions.install', { gameId, file: setupExe, arguments: ['/S', '/WAIT'] });
    await live.waitFor(install.sessionId, ['running'], 120_000);
    await until(async () => (await logOf(live, install.sessionId)).includes('setup: waiting'), 120_000, 'the installer to be waiting mid-way');
    await live.call('sessions.stop', { sessionId: install.sessionId });
    const stopped = await live.waitFor(install.sessionId, ENDED, 60_000);
    const log = await logOf(live, install.sessionId);
    expect(stopped, log).toMatchObject({
      status: 'terminated', kind: 'install',
      statusReason: "The installer was stopped before it finished; the game's prefix is still usable, and files it had copied remain. Run the installer again to complete it.",
    });
    // What it had copied is listed even so: the entrypoint lists after wineserver saved the prefix.
    expect((await live.call<PrefixProgramList>('games.prefixPrograms', { sessionId: install.sessionId })).programs.map((p) => p.executable)).toEqual([INSTALLED_EXE]);

    await live.call('games.choosePrefixProgram', { gameId, executable: INSTALLED_EXE });
    expect(await playUntilWindow(live, gameId)).toContain('installed-game: the tool left nothing');
    await cores.expectCleanClose(live);
  }, 420_000);
});
