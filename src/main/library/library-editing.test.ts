// Adding, editing and removing games, their saved launch settings, play statistics, the container
// preview and the app's settings: all through the core's contract, on real files (no engine needed).
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../core';
import { writeGame } from '../test-support/library-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { GAME_SETTINGS_DIR } from '../game-settings/saved-game-settings';
import { slugOf } from './library-editor';

const tempDir = useTempDirs();
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function open(options: Partial<CoreOptions> = {}): Promise<Core> {
  const dataDir = options.dataDir ?? tempDir();
  // An endpoint that cannot answer: these tests are about files and the contract, not the engine.
  const core = await createCore({ dataDir, dockerEndpoint: join(dataDir, 'no-docker.sock'), seedDemoGames: false, env: {}, ...options });
  opened.push(core);
  return core;
}

async function call<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if ('error' in envelope) throw Object.assign(new Error(envelope.error.message), envelope.error);
  return envelope.result as T;
}

async function refusal(core: Core, method: string, payload?: unknown) {
  const envelope = await core.dispatch(method, payload);
  if (!('error' in envelope)) throw new Error(`${method} was expected to fail`);
  return envelope.error;
}

const library = (core: Core) => join(core.dataDir, 'library');

function gameFiles(core: Core, folder: string, files: string[]): string {
  const dir = join(library(core), folder);
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file), 'game data\n');
  return dir;
}

describe('library.add / update / remove', () => {
  it('adds a game folder of the library: writes its game.json, makes an id from the title, lists it', async () => {
    const core = await open();
    const folder = gameFiles(core, 'star-raiders', ['raiders', 'saves.dat']);
    const game = await call(core, 'library.add', { folder, title: 'Star Raiders: Déjà vu', platforms: [{ platform: 'linux', executable: 'raiders' }] });
    expect(game).toEqual({ id: 'star-raiders-deja-vu', title: 'Star Raiders: Déjà vu', folder: 'star-raiders', platforms: [{ platform: 'linux', executable: 'raiders', arguments: [] }] });
    expect(JSON.parse(readFileSync(join(folder, 'game.json'), 'utf8'))).toMatchObject({ id: 'star-raiders-deja-vu' });
    expect(await call(core, 'library.list')).toMatchObject({ games: [{ id: 'star-raiders-deja-vu' }], problems: [] });

    // A second game of the same title gets its own id.
    const second = gameFiles(core, 'raiders-2', ['r2']);
    expect(await call(core, 'library.add', { folder: second, title: 'Star Raiders: Déjà vu', platforms: [{ platform: 'linux', executable: 'r2' }] }))
      .toMatchObject({ id: 'star-raiders-deja-vu-2' });
  });

  it('adds a game installed elsewhere where it is, in an allowed folder only, and removing it leaves that folder alone', async () => {
    const allowed = tempDir();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ allowedHostDirectories: [allowed] }));
    const core = await open({ dataDir });
    const install = join(allowed, 'Quake');
    mkdirSync(join(install, 'bin'), { recursive: true });
    writeFileSync(join(install, 'bin', 'quake'), '');
    const game = await call(core, 'library.add', { folder: install, title: 'Quake', platforms: [{ platform: 'linux', executable: 'bin/quake' }] });
    expect(game).toMatchObject({ id: 'quake', folder: 'quake', location: install });
    expect(readdirSync(join(library(core), 'quake'))).toEqual(['game.json']);
    expect(await call(core, 'library.list')).toMatchObject({ games: [{ id: 'quake', location: install }], problems: [] });

    const notAllowed = tempDir();
    writeFileSync(join(notAllowed, 'game'), '');
    expect(await refusal(core, 'library.add', { folder: notAllowed, title: 'Elsewhere', platforms: [{ platform: 'linux', executable: 'game' }] }))
      .toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/not inside the folders you allow.*|allowed/i), problems: [{ path: 'folder' }] });

    expect(await call(core, 'library.remove', { gameId: 'quake', deleteFiles: true })).toEqual({ gameId: 'quake', folder: install, filesDeleted: false });
    expect(existsSync(join(install, 'bin', 'quake'))).toBe(true);
    expect(readdirSync(library(core))).toEqual([]);
  });

  it('refuses a missing executable and a folder that is a game already, saying what to do', async () => {
    const core = await open();

    const folder = gameFiles(core, 'half', ['readme.txt']);
    const missing = await refusal(core, 'library.add', { folder, title: 'Half', platforms: [{ platform: 'windows', executable: 'Game.exe' }] });
    expect(missing).toMatchObject({ code: 'invalid_payload', problems: [{ path: 'platforms.0.executable', message: expect.stringMatching(/Game\.exe is not a file in/) }] });
    expect(existsSync(join(folder, 'game.json'))).toBe(false);

    writeGame(library(core), 'known', { id: 'known', title: 'Known', platforms: [{ platform: 'linux', executable: 'k' }] });
    expect(await refusal(core, 'library.add', { folder: join(library(core), 'known'), title: 'Again', platforms: [{ platform: 'linux', executable: 'k' }] }))
      .toMatchObject({ code: 'conflict', message: expect.stringMatching(/already has a game\.json/) });
    expect(await refusal(core, 'library.add', { folder: join(library(core), '..', 'x'), title: 'Up', platforms: [{ platform: 'linux', executable: 'k' }] }))
      .toMatchObject({ code: 'invalid_payload' });
  });

  it("edits a game's title and executables, and refuses an executable that is not there", async () => {
    const core = await open();
    writeGame(library(core), 'doom', { id: 'doom', title: 'Doom', platforms: [{ platform: 'linux', executable: 'doom' }] });
    writeFileSync(join(library(core), 'doom', 'DOOM.EXE'), '');
    const changed = await call(core, 'library.update', { gameId: 'doom', title: 'DOOM (1993)', platforms: [{ platform: 'linux', executable: 'doom' }, { platform: 'windows', executable: 'DOOM.EXE' }] });
    expect(changed).toMatchObject({ id: 'doom', title: 'DOOM (1993)', platforms: [{ platform: 'linux' }, { platform: 'windows' }] });
    expect(await refusal(core, 'library.update', { gameId: 'doom', platforms: [{ platform: 'linux', executable: 'gone' }] }))
      .toMatchObject({ code: 'invalid_payload', problems: [{ path: 'platforms.0.executable' }] });
    expect(await refusal(core, 'library.update', { gameId: 'nope', title: 'x' })).toMatchObject({ code: 'not_found' });
    expect(JSON.parse(readFileSync(join(library(core), 'doom', 'game.json'), 'utf8'))).toMatchObject({ title: 'DOOM (1993)' });
  });

  it("writes each platform's program arguments into game.json, and refuses ones it may not hold, at the argument", async () => {
    const core = await open();
    const folder = gameFiles(core, 'quake', ['quake', 'Quake.exe']);
    const added = await call(core, 'library.add', {
      folder, title: 'Quake',
      platforms: [{ platform: 'linux', executable: 'quake', arguments: ['+connect 192.168.1.5', '-windowed'] }, { platform: 'windows', executable: 'Quake.exe', arguments: ['/S'] }],
    });
    expect(added).toMatchObject({ platforms: [{ arguments: ['+connect 192.168.1.5', '-windowed'] }, { arguments: ['/S'] }] });
    expect(JSON.parse(readFileSync(join(folder, 'game.json'), 'utf8')).platforms[0].arguments).toEqual(['+connect 192.168.1.5', '-windowed']);

    await call(core, 'library.update', { gameId: 'quake', platforms: [{ platform: 'linux', executable: 'quake', arguments: ['-fullscreen'] }] });
    expect(JSON.parse(readFileSync(join(folder, 'game.json'), 'utf8')).platforms).toEqual([{ platform: 'linux', executable: 'quake', arguments: ['-fullscreen'] }]);
    for (const bad of [['ok', 'two\nlines'], ['x'.repeat(1025)]]) {
      expect(await refusal(core, 'library.update', { gameId: 'quake', platforms: [{ platform: 'linux', executable: 'quake', arguments: bad }] }))
        .toMatchObject({ code: 'invalid_payload', problems: [{ path: `platforms.0.arguments.${bad.length - 1}` }] });
    }
    expect(JSON.parse(readFileSync(join(folder, 'game.json'), 'utf8')).platforms[0].arguments).toEqual(['-fullscreen']);
  });

  it("removes a game but keeps its files, unless asked to delete them", async () => {
    const core = await open();
    writeGame(library(core), 'keep', { id: 'keep', title: 'Keep', platforms: [{ platform: 'linux', executable: 'keep' }] });
    writeGame(library(core), 'drop', { id: 'drop', title: 'Drop', platforms: [{ platform: 'linux', executable: 'drop' }] });
    const kept = await call<{ folder: string; filesDeleted: boolean }>(core, 'library.remove', { gameId: 'keep' });
    expect(kept.filesDeleted).toBe(false);
    expect(readFileSync(join(kept.folder, 'keep'), 'utf8')).toBe('#!/bin/sh\n');
    expect(await call(core, 'library.remove', { gameId: 'drop', deleteFiles: true })).toMatchObject({ filesDeleted: true });
    expect(existsSync(join(library(core), 'drop'))).toBe(false);
    // Neither is listed, and the hidden folder is not reported as a problem.
    expect(await call(core, 'library.list')).toMatchObject({ games: [], problems: [] });
    expect(readdirSync(library(core))).toEqual([expect.stringMatching(/^\.removed-keep-/)]);
  });

  it('makes ids from titles', () => {
    expect(slugOf('Half-Life 2: Episode One')).toBe('half-life-2-episode-one');
    expect(slugOf('???')).toBe('game');
  });
});

describe('a game.json that names its own location', () => {
  it('cannot open the host: launch.validate refuses a location outside the folders games may use', async () => {
    const core = await open({ env: {} });
    mkdirSync(join(library(core), 'sneaky'), { recursive: true });
    writeFileSync(join(library(core), 'sneaky', 'game.json'), JSON.stringify({ id: 'sneaky', title: 'Sneaky', location: '/', platforms: [{ platform: 'linux', executable: 'bin/sh' }] }));
    expect(await call(core, 'library.list')).toMatchObject({ games: [{ id: 'sneaky', location: '/' }] });
    const verdict = await call<{ ok: boolean; problems: Array<{ path: string; message: string }> }>(core, 'launch.validate', {
      request: { gameId: 'sneaky', userId: 'me', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' } } },
    });
    expect(verdict.problems).toContainEqual({ path: 'gameId', message: expect.stringMatching(/^Sneaky's folder \/ .*Fix "location" in its game\.json/) });
  });

  it('is written readable by the user (0644), as they would write it by hand', async () => {
    const core = await open();
    const folder = gameFiles(core, 'plain', ['run']);
    await call(core, 'library.add', { folder, title: 'Plain', platforms: [{ platform: 'linux', executable: 'run' }] });
    expect(statSync(join(folder, 'game.json')).mode & 0o777).toBe(0o644);
  });
});

describe('library.cover', () => {
  it('hands a cover over as a data: URL, and null for none, an unknown type or a missing file', async () => {
    const core = await open();
    writeGame(library(core), 'art', { id: 'art', title: 'Art', platforms: [{ platform: 'linux', executable: 'art' }] });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    writeFileSync(join(library(core), 'art', 'cover.png'), png);
    writeFileSync(join(library(core), 'art', 'cover.txt'), 'not an image');
    expect(await call(core, 'library.cover', { gameId: 'art' })).toEqual({ dataUrl: null });
    await call(core, 'library.update', { gameId: 'art', cover: 'cover.png' });
    expect(await call(core, 'library.cover', { gameId: 'art' })).toEqual({ dataUrl: `data:image/png;base64,${png.toString('base64')}` });
    await call(core, 'library.update', { gameId: 'art', cover: 'cover.txt' });
    expect(await call(core, 'library.cover', { gameId: 'art' })).toEqual({ dataUrl: null });
    expect(await refusal(core, 'library.update', { gameId: 'art', cover: 'missing.png' })).toMatchObject({ problems: [{ path: 'cover' }] });
    expect(await refusal(core, 'library.cover', { gameId: 'nope' })).toMatchObject({ code: 'not_found' });

    // A cover that is a link out of the game's folder, or not an image inside, is never read out.
    const secret = join(tempDir(), 'secret.png');
    writeFileSync(secret, png);
    symlinkSync(secret, join(library(core), 'art', 'link.png'));
    await call(core, 'library.update', { gameId: 'art', cover: 'link.png' });
    expect(await call(core, 'library.cover', { gameId: 'art' })).toEqual({ dataUrl: null });
    writeFileSync(join(library(core), 'art', 'fake.png'), 'PRIVATE KEY');
    await call(core, 'library.update', { gameId: 'art', cover: 'fake.png' });
    expect(await call(core, 'library.cover', { gameId: 'art' })).toEqual({ dataUrl: null });
  });
});

describe('library.stats', () => {
  it('sums play time per game from the session records, with the last time played', async () => {
    const dataDir = tempDir();
    const record = (n: number, gameId: string, startTime: string, endTime: string, status = 'terminated') => ({
      sessionId: `sess_00000000-0000-4000-8000-00000000000${n}`, containerId: 'dillinger_runner_x', gameId, userId: 'me', status,
      startTime, endTime, displayInfo: { method: 'x11', displayId: ':0' },
    });
    const failedLaunch = record(4, 'doom', '2025-01-04T10:00:00Z', '2025-01-04T10:00:30Z', 'failed'); // neither played nor play time
    for (const session of [record(1, 'doom', '2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z'), record(2, 'doom', '2025-01-03T10:00:00Z', '2025-01-03T10:30:00Z'), record(3, 'quake', '2025-01-02T10:00:00Z', '2025-01-02T10:00:10Z'), failedLaunch]) {
      const day = join(dataDir, 'runner-sessions', 'history', session.endTime.slice(0, 10));
      mkdirSync(day, { recursive: true });
      writeFileSync(join(day, `${session.sessionId}.json`), JSON.stringify(session));
    }
    const core = await open({ dataDir });
    expect(await call(core, 'library.stats')).toEqual({
      doom: { sessionCount: 2, totalPlaySeconds: 5400, lastPlayed: '2025-01-03T10:00:00Z' },
      quake: { sessionCount: 1, totalPlaySeconds: 10, lastPlayed: '2025-01-02T10:00:00Z' },
    });
  });
});

describe('games.settings', () => {
  const env = { DISPLAY: ':42' }; // detectDisplays needs the socket: the defaults fall back to x11 without it too

  it('answers defaults, saves settings checked against this machine, keeps them across a restart, and resets', async () => {
    const dataDir = tempDir();
    let core = await open({ dataDir, env });
    writeGame(library(core), 'win', { id: 'win', title: 'Win', platforms: [{ platform: 'windows', executable: 'Game.exe' }] });
    const defaults = await call<{ saved: boolean; platform: string; launchConfig: Record<string, unknown> }>(core, 'games.settings.get', { gameId: 'win' });
    expect(defaults).toMatchObject({ gameId: 'win', platform: 'windows', saved: false, launchConfig: { displayMode: 'x11', audioEnabled: true, networkMode: 'none', winePrefix: 'dillinger-prefix-win', resources: { gpuAccess: 'none' } } });

    const bad = await refusal(core, 'games.settings.save', { gameId: 'win', platform: 'windows', launchConfig: { ...defaults.launchConfig, resources: { gpuAccess: 'none', memoryLimit: '12zz' } } });
    expect(bad).toMatchObject({ code: 'invalid_payload', problems: [{ path: 'launchConfig.resources.memoryLimit', message: expect.stringMatching(/not a size Docker understands/) }] });
    expect(existsSync(join(dataDir, GAME_SETTINGS_DIR))).toBe(false);

    const launchConfig = { ...defaults.launchConfig, resources: { gpuAccess: 'none', memoryLimit: '2g', cpuLimit: 1 }, environment: { DEMO_EXIT_CODE: '3' } };
    expect(await call(core, 'games.settings.save', { gameId: 'win', platform: 'windows', launchConfig })).toMatchObject({ saved: true, launchConfig: { resources: { memoryLimit: '2g' } } });
    await core.close();
    opened.splice(0);
    core = await open({ dataDir, env });
    expect(await call(core, 'games.settings.get', { gameId: 'win' })).toMatchObject({ saved: true, updatedAt: expect.any(String), launchConfig: { environment: { DEMO_EXIT_CODE: '3' } } });
    expect(await call(core, 'games.settings.reset', { gameId: 'win' })).toMatchObject({ saved: false, launchConfig: { environment: {} } });
    expect(await call(core, 'games.settings.get', { gameId: 'win' })).toMatchObject({ saved: false });
  });

  it('sets an unreadable settings file aside with a warning and answers the defaults', async () => {
    const core = await open({ env });
    writeGame(library(core), 'lin', { id: 'lin', title: 'Lin', platforms: [{ platform: 'linux', executable: 'lin' }] });
    mkdirSync(join(core.dataDir, GAME_SETTINGS_DIR));
    writeFileSync(join(core.dataDir, GAME_SETTINGS_DIR, 'lin.json'), '{"platform": "linux", "launchConf');
    const pushed: unknown[] = [];
    core.onEvent((name, payload) => name === 'app.warning' && pushed.push(payload));
    expect(await call(core, 'games.settings.get', { gameId: 'lin' })).toMatchObject({ saved: false });
    // An open window learns of it at once (a notice), not only at its next app.info.
    expect(pushed).toEqual([{ message: expect.stringMatching(/launch settings of lin could not be read/) }]);
    expect(readdirSync(join(core.dataDir, GAME_SETTINGS_DIR))).toEqual([expect.stringMatching(/^lin\.json\.invalid-/)]);
    expect((await call<{ warnings: string[] }>(core, 'app.info')).warnings).toEqual([expect.stringMatching(/launch settings of lin could not be read .* kept in .*lin\.json\.invalid-/)]);
  });
});

describe('launch.preview', () => {
  it('shows the container a request would get: image, command, mounts, limits, network and what is dropped; or its problems', async () => {
    const core = await open();
    writeGame(library(core), 'lin', { id: 'lin', title: 'Lin', platforms: [{ platform: 'linux', executable: 'bin/lin', arguments: ['--fast'] }] });
    const request = { gameId: 'lin', userId: 'me', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none', cpuLimit: 2, memoryLimit: '1g', diskLimit: '512m' }, environment: { LANG: 'C' } } };
    // No display in this environment: the preview says so, as the launch would.
    const refused = await call<{ ok: boolean; problems: Array<{ path: string }> }>(core, 'launch.preview', { request });
    expect(refused.ok).toBe(false);
    expect(refused.problems.map((p) => p.path)).toContain('launchConfig.displayMode');
  });

});

describe('settings', () => {
  it('answers every setting with its default, saves a change, names those that need a restart, and refuses bad values by field', async () => {
    const core = await open();
    const settings = await call<Record<string, unknown>>(core, 'settings.get');
    expect(settings).toMatchObject({ dataDir: core.dataDir, libraryDir: library(core), maxConcurrentSessions: 4, metricsRetentionDays: 90, runnerImage: '' });
    expect(await call(core, 'settings.save', { maxConcurrentSessions: 2, runnerImage: 'ghcr.io/me/runner:1' })).toEqual({
      settings: expect.objectContaining({ maxConcurrentSessions: 2, runnerImage: 'ghcr.io/me/runner:1' }),
      restartNeeded: ['runnerImage'],
    });
    expect(JSON.parse(readFileSync(join(core.dataDir, 'settings.json'), 'utf8'))).toMatchObject({ maxConcurrentSessions: 2, runnerImage: 'ghcr.io/me/runner:1' });
    // Opened again (a reload of the window), Settings still shows what was saved and what waits for a restart.
    expect(await call(core, 'settings.get')).toMatchObject({ maxConcurrentSessions: 2, runnerImage: 'ghcr.io/me/runner:1', restartNeeded: ['runnerImage'] });
    expect(await refusal(core, 'settings.save', { maxConcurrentSessions: 0, allowedHostDirectories: ['/etc'] })).toMatchObject({
      code: 'invalid_payload',
      problems: expect.arrayContaining([{ path: 'maxConcurrentSessions', message: expect.any(String) }, { path: 'allowedHostDirectories.0', message: expect.stringMatching(/system folder/) }]),
    });
    // Clearing an optional setting goes back to its default.
    expect(await call(core, 'settings.save', { runnerImage: '' })).toMatchObject({ settings: { runnerImage: '', restartNeeded: [] }, restartNeeded: ['runnerImage'] });
  });
});

describe('host.pickPath', () => {
  it("is unavailable without a file dialog (a browser), and answers the dialog's choice when the shell gives one", async () => {
    expect(await refusal(await open(), 'host.pickPath', { kind: 'folder' })).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/type the full path/) });
    const asked: unknown[] = [];
    const core = await open({ pickPath: async (request) => (asked.push(request), '/home/me/Games/doom') });
    expect(await call(core, 'app.info')).toMatchObject({ canPickPaths: true });
    expect(await call(core, 'host.pickPath', { kind: 'file', title: 'Choose the game' })).toEqual({ path: '/home/me/Games/doom' });
    expect(asked).toEqual([{ kind: 'file', title: 'Choose the game' }]);
  });
});
