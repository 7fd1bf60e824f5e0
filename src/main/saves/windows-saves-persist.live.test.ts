// Through the core, the Windows proof: a 32-bit Win32 program (fixtures/counter-win32.c,
// built here with mingw) keeps a counter in its Documents folder (SHGetFolderPath CSIDL_PERSONAL)
// and one in %APPDATA%, both inside the Wine prefix's drive_c/users. After three sessions (one
// force-stopped while it waits after writing, one after an app restart) both read 3; each session
// left a snapshot; restoring the snapshot of session 1 brings back 1, and undoing that brings back
// 3, as the next session reads; exported, then imported on a fresh data dir, they play on there.
// And a prefix made before the users folder was bound (its users
// still inside the volume) keeps its saves: the entrypoint moves them into the game's folder once.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { gameUser } from '../container/game-user';
import { GAME_VOLUME_PURPOSE } from '../docker/game-volumes';
import { GAME_LABEL, PURPOSE_LABEL } from '../docker/labels';
import { savesLayout } from './saves-layout';
import { MINGW_32, hasBuildTools } from '../test-support/build-tools';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const GAME = 'save-counter-win32';
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const SOURCE = join(__dirname, 'fixtures/counter-win32.c');
const COUNTER_DIR = 'Dillinger Counter';

const mingw = hasBuildTools([MINGW_32], 'the Win32 counter', 'the Windows saves test');

function addCounterGame(dataDir: string): void {
  const folder = join(dataDir, 'library', GAME);
  mkdirSync(folder, { recursive: true });
  execFileSync(MINGW_32.command, ['-O2', '-Wall', '-Wextra', '-Werror', '-mconsole', '-o', join(folder, 'counter.exe'), SOURCE, '-lshell32']);
  copyFileSync(SOURCE, join(folder, 'counter-win32.c'));
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: GAME, title: 'Save counter (Win32)', platforms: [{ platform: 'windows', executable: 'counter.exe' }] }));
}

const volumeName = () => `dillinger_test_saves_${Math.random().toString(36).slice(2, 10)}`;

async function play(live: LiveCore, winePrefix: string, environment: Record<string, string> = {}, whileRunning?: (session: RunnerSession, logs: () => Promise<string>) => Promise<void>) {
  await untilInLibrary(live, GAME);
  const request = { gameId: GAME, userId: 'user_tester', platform: 'windows', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment, winePrefix } };
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  const logs = async () => (await live.call<{ text: string }>('sessions.logs', { sessionId: session.sessionId })).text;
  await whileRunning?.(session, logs);
  const ended = await live.waitFor(session.sessionId, ENDED, 180_000);
  return { ended, log: await logs() };
}

/** The two counters as the host sees them, in the game's own prefix-users folder. */
function counters(dataDir: string): { documents: string; appdata: string } {
  const users = join(savesLayout(dataDir, GAME).prefixUsersDir, 'player');
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').trim() : 'absent');
  return { documents: read(join(users, 'Documents', COUNTER_DIR, 'save.dat')), appdata: read(join(users, 'AppData/Roaming', COUNTER_DIR, 'save.dat')) };
}

interface Snapshot { id: string; reason: { kind: string; sessionId?: string } }

describe.skipIf(!engine.available || !x.available || !mingw)("a Windows game's saves in its prefix, through the core", () => {
  it('read 3 after three sessions (one force-stopped, one after an app restart); restoring session 1 brings back 1, undoing it 3; export and import carry them to a fresh data dir', async () => {
    const dataDir = tempDir();
    const prefix = volumeName();
    addCounterGame(dataDir);
    let live = await cores.start(coreOptions(dataDir, x), [prefix]);

    const first = await play(live, prefix);
    expect(first.ended, first.log).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(first.log).toContain('documents 1 appdata 1');
    expect(counters(dataDir)).toEqual({ documents: '1', appdata: '1' });

    const killed = await play(live, prefix, { COUNTER_WAIT: '1' }, async (session, logs) => {
      let seen = '';
      await until(async () => /documents 2 appdata 2/.test((seen = await logs())), 120_000, () => `the second session to write 2 (its log: ${seen})`);
      await live.call('sessions.stop', { sessionId: session.sessionId, force: true });
    });
    expect(killed.ended.status).not.toBe('failed');
    await until(async () => (await live.call<Snapshot[]>('saves.list', { gameId: GAME })).length === 2, 30_000, 'a snapshot for each of the first two sessions');
    await cores.expectCleanClose(live);

    live = await cores.start(coreOptions(dataDir, x), [prefix]); // the app restarted on the same data dir
    const third = await play(live, prefix);
    expect(third.ended, third.log).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(third.log).toContain('documents 3 appdata 3');
    await until(async () => (await live.call<Snapshot[]>('saves.list', { gameId: GAME })).length === 3, 30_000, 'a snapshot for each ended session');
    expect(counters(dataDir)).toEqual({ documents: '3', appdata: '3' });

    const list = await live.call<Snapshot[]>('saves.list', { gameId: GAME });
    const afterFirst = list.find((s) => s.reason.kind === 'session-end' && s.reason.sessionId === first.ended.sessionId);
    expect(afterFirst, JSON.stringify(list)).toBeDefined();
    const restored = await live.call<{ undoSnapshotId: string | null }>('saves.restore', { gameId: GAME, snapshotId: afterFirst!.id });
    expect(counters(dataDir)).toEqual({ documents: '1', appdata: '1' });
    expect(restored.undoSnapshotId).toBeTruthy();
    await live.call('saves.restore', { gameId: GAME, snapshotId: restored.undoSnapshotId });
    expect(counters(dataDir)).toEqual({ documents: '3', appdata: '3' });
    const fourth = await play(live, prefix); // the game itself sees the undone state
    expect(fourth.log).toContain('documents 4 appdata 4');
    await until(async () => (await live.call<Snapshot[]>('saves.list', { gameId: GAME })).some((s) => s.reason.sessionId === fourth.ended.sessionId), 30_000, 'the fourth session\'s snapshot');
    const [latest] = await live.call<Snapshot[]>('saves.list', { gameId: GAME });
    const archive = join(dataDir, 'exports', 'counter-saves.tar');
    await live.call('saves.export', { gameId: GAME, snapshotId: latest!.id, path: archive });
    await cores.expectCleanClose(live);

    // Export, then import on a fresh data dir (another computer, say), with a new prefix: after a
    // restore the game reads on from 4.
    const freshDir = tempDir();
    const freshPrefix = volumeName();
    addCounterGame(freshDir);
    mkdirSync(join(freshDir, 'exports'), { recursive: true });
    copyFileSync(archive, join(freshDir, 'exports', 'counter-saves.tar'));
    const fresh = await cores.start(coreOptions(freshDir, x), [freshPrefix]);
    const imported = await fresh.call<Snapshot>('saves.import', { gameId: GAME, path: join(freshDir, 'exports', 'counter-saves.tar') });
    await fresh.call('saves.restore', { gameId: GAME, snapshotId: imported.id });
    expect(counters(freshDir)).toEqual({ documents: '4', appdata: '4' });
    const elsewhere = await play(fresh, freshPrefix);
    expect(elsewhere.ended, elsewhere.log).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(elsewhere.log).toContain('documents 5 appdata 5');
    await cores.expectCleanClose(fresh);
  }, 900_000);

  it("moves an older prefix's user folders (still inside its volume) into the game's saves folder once, keeping their saves", async () => {
    const dataDir = tempDir();
    const prefix = volumeName();
    addCounterGame(dataDir);
    const live = await cores.start(coreOptions(dataDir, x), [prefix]);
    // A prefix as a session before this change left it: the ready-made prefix, its users inside the
    // volume, a save in Documents, owned by the player.
    const { uid, gid } = gameUser();
    execFileSync('docker', ['volume', 'create', '--label', `${PURPOSE_LABEL}=${GAME_VOLUME_PURPOSE}`, '--label', `${GAME_LABEL}=${GAME}`, prefix]);
    execFileSync('docker', ['run', '--rm', '--network', 'none', '-v', `${prefix}:/wine-prefix`, '--entrypoint', '/bin/bash', 'dillinger-runner:local', '-c',
      `cp -a /opt/dillinger/wine-prefix-template/. /wine-prefix/ && mkdir -p "/wine-prefix/drive_c/users/player/Documents/${COUNTER_DIR}" && echo 41 > "/wine-prefix/drive_c/users/player/Documents/${COUNTER_DIR}/save.dat" && chown -R ${uid}:${gid} /wine-prefix`], { timeout: 120_000 });
    const played = await play(live, prefix);
    expect(played.ended, played.log).toMatchObject({ status: 'terminated', exitCode: 0 });
    expect(played.log).toContain('documents 42 appdata 1');
    expect(played.log).toContain("now live in the game's saves folder");
    expect(counters(dataDir)).toEqual({ documents: '42', appdata: '1' });
    const again = await play(live, prefix); // moved once: the next session reads the bound folder, says nothing
    expect(again.log).toContain('documents 43 appdata 2');
    expect(again.log).not.toContain("now live in the game's saves folder");
    await cores.expectCleanClose(live);
  }, 600_000);
});
