// The end of a session snapshots its game's home once; a game never played costs nothing; a
// snapshot that fails is a warning that says what to do, never a thrown error; what it did
// (created, unchanged, failed) is written on the session's final record, which stays intact.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunnerSession } from '../../shared/model/entities';
import { openSessionStore, type SessionStore } from '../session-store/session-store';
import { sampleSession } from '../test-support/sample-sessions';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { missedSessionEnds, snapshotAtSessionEnd } from './session-end-snapshots';
import { savesLayout } from './saves-layout';

const tempDir = useTempDirs();

/** A store holding `session` ended as terminated, the way the session manager leaves it. */
async function endedIn(dataDir: string, session: RunnerSession): Promise<{ store: SessionStore; ended: RunnerSession }> {
  const store = await openSessionStore({ dataDir, log: { warn: () => undefined, info: () => undefined } });
  await store.create({ ...session, status: 'requested' });
  for (const status of ['starting', 'running', 'stopping'] as const) await store.update(session.sessionId, { status });
  const ended = await store.update(session.sessionId, { status: 'terminated', exitCode: 0 });
  return { store, ended };
}

const recordOf = (store: SessionStore, session: RunnerSession): RunnerSession =>
  RunnerSession.parse(JSON.parse(readFileSync(store.layout.historyFile(session.sessionId, session.endTime, new Date()), 'utf8')));

describe('snapshotAtSessionEnd', () => {
  it('snapshots the home once when a session ends, not while it runs', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'running' });
    const home = await saves.ensureHome(session.gameId);
    mkdirSync(join(home, '.local/share/game'), { recursive: true });
    writeFileSync(join(home, '.local/share/game/save.dat'), '1\n');
    const warnings: string[] = [];
    const onEnd = snapshotAtSessionEnd({ dataDir, saves, warn: (m) => warnings.push(m) });
    await onEnd(session);
    expect(await saves.list(session.gameId)).toHaveLength(0);
    await onEnd({ ...session, status: 'terminated' });
    await onEnd({ ...session, status: 'terminated' });
    const list = await saves.list(session.gameId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ reason: { kind: 'session-end', sessionId: session.sessionId } });
    expect(warnings).toEqual([]);
  });

  it("snapshots a Windows game's prefix user folders beside its home: the app's folder for a volume, the prefix's own for a host folder", async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'terminated' });
    const layout = savesLayout(dataDir, session.gameId);
    mkdirSync(join(layout.prefixUsersDir, 'player/Documents'), { recursive: true });
    writeFileSync(join(layout.prefixUsersDir, 'player/Documents/save.dat'), '1\n');
    const hostPrefix = join(tempDir(), 'prefix');
    mkdirSync(join(hostPrefix, 'drive_c/users/player/AppData/Roaming/Game'), { recursive: true });
    writeFileSync(join(hostPrefix, 'drive_c/users/player/AppData/Roaming/Game/save.dat'), '2\n');
    let prefix: string | undefined = 'dillinger-prefix-volume';
    const onEnd = snapshotAtSessionEnd({ dataDir, saves, warn: (m) => expect.fail(m), winePrefixOf: async () => prefix });
    await onEnd(session);
    prefix = hostPrefix;
    await onEnd({ ...session, sessionId: `${session.sessionId}0` });
    const [second, first] = await saves.list(session.gameId);
    expect(first?.roots).toEqual([{ name: 'home', present: false, entries: 0 }, { name: 'users', present: true, entries: 3 }]);
    expect(second?.roots.find((r) => r.name === 'users')?.entries).toBe(5);
  });

  it('costs nothing for a game whose home was never made', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'crashed' });
    await snapshotAtSessionEnd({ dataDir, saves, warn: () => undefined })(session);
    expect(await saves.list(session.gameId)).toEqual([]);
  });

  it('tells a failed snapshot as a warning with what to do', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'terminated' });
    await saves.ensureHome(session.gameId);
    const layout = savesLayout(dataDir, session.gameId);
    mkdirSync(layout.snapshotsDir, { recursive: true });
    writeFileSync(join(layout.gameDir, 'objects'), 'not a folder'); // the store cannot be written
    chmodSync(layout.gameDir, 0o700);
    writeFileSync(join(layout.homeDir, 'save.dat'), '1\n');
    const warnings: string[] = [];
    await snapshotAtSessionEnd({ dataDir, saves, warn: (m) => warnings.push(m) })(session);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not be snapshotted after session ${session.sessionId}`);
    expect(warnings[0]).toContain('free some disk space, then play again');
  });

  it('records on the session what its snapshot did: created with files changed, then unchanged since that snapshot', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const first = await endedIn(dataDir, sampleSession());
    const { store } = first;
    const home = await saves.ensureHome(first.ended.gameId);
    writeFileSync(join(home, 'save.dat'), '1\n');
    writeFileSync(join(home, 'options.ini'), 'x=1\n');
    const onEnd = snapshotAtSessionEnd({ dataDir, saves, warn: (m) => expect.fail(m), record: (id, s) => store.recordSavesSnapshot(id, s) });
    await onEnd(first.ended);
    const [snapshot] = await saves.list(first.ended.gameId);
    const created = recordOf(store, first.ended);
    expect(created).toEqual({ ...first.ended, savesSnapshot: { status: 'created', snapshotId: snapshot!.id, snapshotAt: snapshot!.createdAt, filesChanged: 2, bytesAdded: 6 } });
    expect(store.get(first.ended.sessionId)).toEqual(created);

    const second = sampleSession({ gameId: first.ended.gameId });
    await store.create({ ...second, status: 'requested' });
    for (const status of ['starting', 'running', 'stopping'] as const) await store.update(second.sessionId, { status });
    const ended = await store.update(second.sessionId, { status: 'terminated' });
    await onEnd(ended);
    expect(recordOf(store, ended).savesSnapshot).toEqual({ status: 'unchanged', snapshotId: snapshot!.id, snapshotAt: snapshot!.createdAt });
    await store.close();
  });

  it('records a failed snapshot on the session with its reason, keeps the warning, and leaves the record otherwise intact', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const { store, ended } = await endedIn(dataDir, sampleSession());
    await saves.ensureHome(ended.gameId);
    const layout = savesLayout(dataDir, ended.gameId);
    writeFileSync(join(layout.gameDir, 'objects'), 'not a folder'); // the store cannot be written
    writeFileSync(join(layout.homeDir, 'save.dat'), '1\n');
    const warnings: string[] = [];
    const changed: RunnerSession[] = [];
    await snapshotAtSessionEnd({
      dataDir, saves, warn: (m) => warnings.push(m),
      record: async (id, s) => {
        const next = await store.recordSavesSnapshot(id, s);
        changed.push(next);
        return next;
      },
    })(ended);
    expect(warnings).toHaveLength(1);
    const record = recordOf(store, ended);
    const { savesSnapshot, ...rest } = record;
    expect(rest).toEqual(ended);
    expect(savesSnapshot).toMatchObject({ status: 'failed' });
    expect(savesSnapshot?.error).toBeTruthy();
    expect(warnings[0]).toContain(savesSnapshot!.error!.replace(/\.$/, ''));
    expect(changed).toEqual([record]);
    await store.close();
  });

  it('takes no second snapshot for a session whose record already names one (a restart that announces it again)', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const session = sampleSession({ status: 'terminated', savesSnapshot: { status: 'failed', error: 'disk full' } });
    const home = await saves.ensureHome(session.gameId);
    writeFileSync(join(home, 'save.dat'), '1\n');
    await snapshotAtSessionEnd({ dataDir, saves, warn: (m) => expect.fail(m), record: () => expect.fail('recorded twice') })(session);
    expect(await saves.list(session.gameId)).toEqual([]);
  });

  it('prunes with the retention read at each session end, so a change in Settings applies to the next prune', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const gameId = 'game_retention';
    const home = await saves.ensureHome(gameId);
    let retention = { keepLast: 5, keepDays: 0 };
    const onEnd = snapshotAtSessionEnd({ dataDir, saves, warn: (m) => expect.fail(m), retention: () => retention });
    for (const round of [1, 2, 3]) {
      writeFileSync(join(home, 'save.dat'), `${round}\n`);
      await onEnd(sampleSession({ gameId, status: 'terminated' }));
    }
    expect(await saves.list(gameId)).toHaveLength(3);
    retention = { keepLast: 1, keepDays: 0 }; // saved in Settings while the app runs
    writeFileSync(join(home, 'save.dat'), '4\n');
    const last = sampleSession({ gameId, status: 'terminated' });
    await onEnd(last);
    const kept = await saves.list(gameId);
    expect(kept.map((s) => s.reason.sessionId)).toEqual([last.sessionId]);
  });
});

describe('missedSessionEnds', () => {
  it("names each game's newest ended session without a snapshot, unless the game is live or that session has one", () => {
    const at = (status: RunnerSession['status'], gameId: string, endTime: string | undefined, extra: Partial<RunnerSession> = {}) =>
      sampleSession({ status, gameId, sessionId: `sess_${gameId}-${endTime ?? 'live'}-${status}`, ...(endTime ? { endTime } : {}), ...extra });
    const newestA = at('crashed', 'game_a', '2026-12-02T02:00:00.000Z');
    const sessions = [
      at('terminated', 'game_a', '2026-12-01T02:00:00.000Z'),
      newestA,
      at('failed', 'game_a', '2026-12-02T03:00:00.000Z'), // never ran: not a session end to snapshot
      at('terminated', 'game_b', '2026-12-02T01:00:00.000Z', { savesSnapshot: { status: 'unchanged', snapshotId: 'snap_20261202T010000000Z_abcdef' } }),
      at('terminated', 'game_c', '2026-12-02T01:00:00.000Z'),
      at('running', 'game_c', undefined),
    ];
    expect(missedSessionEnds(sessions)).toEqual([newestA]);
  });
});
