// Which folders the settings may name, judged by where they really lead (real symlinks in a temp dir).
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { SETTINGS_FILE, SettingsError, loadSettings, saveSettings, type Settings } from './settings';

const tempDir = useTempDirs();
const DEFAULTS: Settings = { maxConcurrentSessions: 4, metricsRetentionDays: 90, savesKeepLast: 20, savesKeepDays: 30 };

/** A data dir (with a library folder and a session records folder) and a place outside it. */
function layout() {
  const root = tempDir();
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'library'), { recursive: true });
  mkdirSync(join(dataDir, 'sessions'));
  const games = join(root, 'games');
  mkdirSync(games);
  return { root, dataDir, games };
}

async function saveProblems(dataDir: string, change: Record<string, unknown>, sockets: string[] = []): Promise<{ path: string; message: string }[]> {
  try {
    await saveSettings(dataDir, DEFAULTS, change, sockets);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

describe('settings.save: the library folder, which every game sees', () => {
  it.each([
    ['/', /^The library folder \/ is the whole file system, every system folder included: pick a folder of your own/],
    ['/etc', /^The library folder \/etc is a system folder, which games may not reach: pick a folder of your own/],
    ['/run', /^The library folder \/run is a system folder/],
    ['/var', /^The library folder \/var holds the system folder \/var\/lib, which games may not reach/],
    ['/usr/share/games', /^The library folder \/usr\/share\/games lies in the system folder \/usr/],
    ['/tmp', /^The library folder \/tmp is shared by every user of this computer and holds the display sockets: pick a folder of your own/],
    ['/home', /^The library folder \/home is shared by every user of this computer: pick a folder of your own/],
  ])('%s is refused, saying why and what to pick', async (libraryDir, message) => {
    const { dataDir } = layout();
    const problems = await saveProblems(dataDir, { libraryDir });
    expect(problems).toEqual([{ path: 'libraryDir', message: expect.stringMatching(message) }]);
  });

  it('the data dir itself, a folder holding it, and its other folders are refused; its own library is fine', async () => {
    const { root, dataDir } = layout();
    expect((await saveProblems(dataDir, { libraryDir: dataDir }))[0]?.message).toBe(
      `The library folder ${dataDir} is the app's data folder ${dataDir} (session records, sockets, settings), and the library is shown to every game: pick a folder of its own, such as ${dataDir}/library.`,
    );
    expect((await saveProblems(dataDir, { libraryDir: root }))[0]?.message).toMatch(/holds the app's data folder/);
    expect((await saveProblems(dataDir, { libraryDir: join(dataDir, 'sessions') }))[0]?.message).toMatch(/lies among the app's own files in .*: use .*\/library or a folder outside/);
    // The default stays valid, and so does a folder inside it (made later, too).
    expect(await saveProblems(dataDir, { libraryDir: join(dataDir, 'library') })).toEqual([]);
    expect(await saveProblems(dataDir, { libraryDir: join(dataDir, 'library', 'not-yet') })).toEqual([]);
  });

  it('a symlink is judged by where it leads, even to a folder not made yet', async () => {
    const { root, dataDir, games } = layout();
    symlinkSync('/etc', join(root, 'etc-link'));
    symlinkSync(dataDir, join(root, 'data-link'));
    expect((await saveProblems(dataDir, { libraryDir: join(root, 'etc-link') }))[0]?.message).toBe(
      `The library folder ${join(root, 'etc-link')} (which is /etc) is a system folder, which games may not reach: pick a folder of your own, such as ${homedir()}/Games.`,
    );
    expect((await saveProblems(dataDir, { libraryDir: join(root, 'etc-link', 'new') }))[0]?.message).toMatch(/\(which is \/etc\/new\) lies in the system folder \/etc/);
    expect((await saveProblems(dataDir, { libraryDir: join(root, 'data-link', '..', 'data-link') }))[0]?.message).toMatch(/is the app's data folder/);
    expect(await saveProblems(dataDir, { libraryDir: games })).toEqual([]);
  });

  it('a folder whose subtree holds the Docker socket is refused', async () => {
    const { dataDir, games } = layout();
    mkdirSync(join(games, 'docker'));
    const socket = join(games, 'docker', 'docker.sock');
    writeFileSync(socket, '');
    expect(await saveProblems(dataDir, { libraryDir: games }, [socket])).toEqual([{
      path: 'libraryDir',
      message: `The library folder ${games} holds the Docker socket ${socket}, which would give every game control of Docker: pick a folder that does not contain it.`,
    }]);
    // The saved endpoint counts too, not only the one in use.
    expect((await saveProblems(dataDir, { libraryDir: games, dockerEndpoint: socket }))[0]?.message).toMatch(/holds the Docker socket/);
    expect(await saveProblems(dataDir, { libraryDir: join(games, 'other') }, [socket])).toEqual([]);
  });

  it('reports a refused folder together with the other problems of the same save', async () => {
    const { dataDir } = layout();
    expect((await saveProblems(dataDir, { libraryDir: '/etc', allowedHostDirectories: ['/tmp'], maxConcurrentSessions: 0 })).map((p) => p.path)).toEqual([
      'maxConcurrentSessions', 'libraryDir', 'allowedHostDirectories.0',
    ]);
  });

  it('nothing is written when a folder is refused', async () => {
    const { dataDir } = layout();
    await saveProblems(dataDir, { libraryDir: '/etc', maxConcurrentSessions: 2 });
    expect(readdirSync(dataDir)).not.toContain(SETTINGS_FILE);
  });
});

describe('settings.save: allowed folders', () => {
  it.each([
    ['/var', /^Allowed folder \/var holds the system folder \/var\/lib/],
    ['/tmp', /^Allowed folder \/tmp is shared by every user of this computer and holds the display sockets/],
    ['/home', /^Allowed folder \/home is shared by every user/],
    ['/var/tmp', /^Allowed folder \/var\/tmp is shared by every user/],
    ['/etc', /^Allowed folder \/etc is a system folder/],
    ['/', /^Allowed folder \/ is the whole file system/],
  ])('%s is refused', async (dir, message) => {
    const { dataDir } = layout();
    expect(await saveProblems(dataDir, { allowedHostDirectories: ['/media', dir] })).toEqual([{ path: 'allowedHostDirectories.1', message: expect.stringMatching(message) }]);
  });

  it('the data dir and folders inside it are refused; a folder HOLDING it (your home) is fine', async () => {
    const { root, dataDir, games } = layout();
    expect((await saveProblems(dataDir, { allowedHostDirectories: [dataDir] }))[0]?.message).toMatch(/^Allowed folder .* is the app's data folder .*: allow a folder of your own\.$/);
    expect((await saveProblems(dataDir, { allowedHostDirectories: [join(dataDir, 'library')] }))[0]?.message).toMatch(/lies in the app's data folder/);
    expect(await saveProblems(dataDir, { allowedHostDirectories: [root, games, '/media', '/mnt', '/tmp/games'] })).toEqual([]);
  });

  it('a symlink to a system folder is refused by where it leads', async () => {
    const { root, dataDir } = layout();
    symlinkSync('/usr', join(root, 'usr-link'));
    expect((await saveProblems(dataDir, { allowedHostDirectories: [join(root, 'usr-link')] }))[0]?.message).toMatch(/\(which is \/usr\) is a system folder/);
  });
});

describe('loadSettings applies the same folder rules', () => {
  it('a settings file naming /etc as the library is set aside, and the defaults are used', () => {
    const { dataDir } = layout();
    writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify({ libraryDir: '/etc', maxConcurrentSessions: 2 }));
    const loaded = loadSettings(dataDir);
    expect(loaded.settings).toEqual(DEFAULTS);
    expect(loaded.warnings[0]).toMatch(/libraryDir: The library folder \/etc is a system folder/);
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${SETTINGS_FILE}.invalid-`))).toBe(true);
  });
});
