// A launch gets the game's folders (the prefix users only for the app's prefix volume), and a
// snapshot before an installer, a tool or winetricks verbs change the prefix; one that fails stops
// the launch with what to do.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type GameLaunchRequestInput } from '../../shared/model/entities';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { launchFolders, reasonBefore } from './launch-folders';
import { restoreGuard } from './restore-guard';
import { savesLayout } from './saves-layout';

const tempDir = useTempDirs();
const GAME = 'game_folders';
const USER = { uid: process.getuid?.() ?? 1000, gid: process.getgid?.() ?? 1000 };

function request(platform: 'windows' | 'linux', extra: Partial<GameLaunchRequestInput> = {}, launchConfig: Partial<GameLaunchRequestInput['launchConfig']> = {}) {
  return GameLaunchRequest.parse({
    gameId: GAME, userId: 'user_a', platform, sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678', timestamp: '2026-12-02T02:00:00Z',
    launchConfig: { ...(platform === 'windows' ? { winePrefix: 'prefix-volume' } : {}), displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, ...launchConfig },
    ...extra,
  });
}

describe('launchFolders', () => {
  it("makes the home, and the prefix users only for a Windows game whose prefix is the app's volume", async () => {
    const dataDir = tempDir();
    const folders = launchFolders({ dataDir, saves: openGameSaves({ dataDir }), restores: restoreGuard() });
    const layout = savesLayout(dataDir, GAME);
    expect(await folders(request('linux'), USER)).toEqual({ home: layout.homeDir });
    expect(await folders(request('windows', {}, { winePrefix: join(tempDir(), 'prefix') }), USER)).toEqual({ home: layout.homeDir });
    expect(await folders(request('windows'), USER)).toEqual({ home: layout.homeDir, prefixUsers: layout.prefixUsersDir });
  });

  it('snapshots the saves before an installer, a tool or winetricks verbs, never before a plain play', async () => {
    expect(reasonBefore(request('windows'))).toBeUndefined();
    expect(reasonBefore(request('linux'))).toBeUndefined();
    expect(reasonBefore(request('windows', { program: { kind: 'install', file: '/home/me/setup.exe' } }))).toBe('before-install');
    expect(reasonBefore(request('windows', { program: { kind: 'tool', tool: 'winecfg' } }))).toBe('before-tool');
    expect(reasonBefore(request('windows', {}, { wine: { winetricks: ['corefonts'] } }))).toBe('before-winetricks');

    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const told: string[] = [];
    const folders = launchFolders({ dataDir, saves, restores: restoreGuard(), onSnapshot: (_game, outcome) => told.push(outcome.status) });
    const layout = savesLayout(dataDir, GAME);
    await folders(request('windows'), USER);
    mkdirSync(join(layout.prefixUsersDir, 'player/Documents'), { recursive: true });
    writeFileSync(join(layout.prefixUsersDir, 'player/Documents/save.dat'), '1\n');
    await folders(request('windows', { program: { kind: 'install', file: '/home/me/setup.exe' } }), USER);
    await folders(request('windows', { program: { kind: 'tool', tool: 'winecfg' } }), USER); // nothing changed: nothing stored
    expect(told).toEqual(['created', 'unchanged']);
    const [snapshot] = await saves.list(GAME);
    expect(snapshot?.reason).toEqual({ kind: 'before-install', sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678' });
    expect(snapshot?.roots.find((r) => r.name === 'users')).toMatchObject({ present: true, entries: 3 });
  });

  it('stops the launch when that snapshot fails, and while a restore of the game runs', async () => {
    const dataDir = tempDir();
    const restores = restoreGuard();
    const folders = launchFolders({ dataDir, saves: openGameSaves({ dataDir }), restores });
    const layout = savesLayout(dataDir, GAME);
    await folders(request('windows'), USER);
    writeFileSync(join(layout.homeDir, 'save.dat'), '1\n');
    writeFileSync(layout.objectsDir, 'not a folder'); // the store cannot be written
    await expect(folders(request('windows', { program: { kind: 'install', file: '/home/me/setup.exe' } }), USER))
      .rejects.toThrow(/could not be snapshotted before the installer runs, so nothing was started/);
    const done = restores.begin(GAME);
    await expect(folders(request('linux'), USER)).rejects.toThrow(/being restored/);
    done();
  });
});
