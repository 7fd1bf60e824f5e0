import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName, type MethodResult, type SessionFilter } from '../../shared/contract/contract';
import type { RunnerSession } from '../../shared/model/entities';
import { useTempDirs } from '../test-support/temp-dir';
import { plantTree } from '../test-support/save-trees';
import { createDispatcher, type Handlers } from '../transport/dispatcher';
import { openGameSaves, type GameSaves } from './game-saves';
import { restoreGuard } from './restore-guard';
import { savesHandlers } from './saves-handlers';

const tempDir = useTempDirs();
const GAME = 'game_saves_api';
const SAVE = '.local/share/demo/save.dat';

function setup(live: Partial<RunnerSession>[] = [], gate?: Promise<void>) {
  const dataDir = tempDir();
  const allowed = tempDir();
  const engineSaves = openGameSaves({ dataDir });
  // A gate holds a restore inside the engine, as a long one would be.
  const saves: GameSaves = { ...engineSaves, restore: async (...args) => { await gate; return engineSaves.restore(...args); } };
  const restores = restoreGuard();
  const sessions = { current: live };
  const events: unknown[] = [];
  const store = { list: (filter?: SessionFilter) => sessions.current.filter((s) => s.gameId === filter?.gameId) as RunnerSession[] };
  const unused = () => Promise.reject(new Error('not in this test'));
  const handlers = { ...(Object.fromEntries(METHOD_NAMES.map((m: MethodName) => [m, unused])) as unknown as Handlers), ...savesHandlers({ dataDir, saves, store, restores, emit: (name, payload) => events.push({ name, payload }), allowedDirectories: () => [allowed], titleOf: () => 'Demo' }) };
  const dispatch = createDispatcher(handlers, () => undefined);
  const call = async <M extends MethodName>(method: M, payload: unknown): Promise<MethodResult<M>> => {
    const envelope = await dispatch(method, payload);
    if ('error' in envelope) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.result as MethodResult<M>;
  };
  const home = join(dataDir, 'saves', GAME, 'home');
  const endSession = async (counter: number, sessionId: string) => {
    plantTree(home, { [SAVE]: `counter=${counter}` });
    await saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'session-end', sessionId });
  };
  return { dataDir, allowed, saves, sessions, events, restores, call, home, endSession };
}

describe('saves.* handlers', () => {
  it('lists snapshots newest first with why, size and files changed, diffs one against the home, restores it (telling saves.changed) and undoes that', async () => {
    const { call, home, endSession, events } = setup();
    expect(await call('saves.list', { gameId: GAME })).toEqual([]); // never played: nothing, no error
    await endSession(1, 'sess_one');
    await endSession(3, 'sess_three');
    const list = await call('saves.list', { gameId: GAME });
    expect(list.map((s) => s.reason)).toEqual([{ kind: 'session-end', sessionId: 'sess_three' }, { kind: 'session-end', sessionId: 'sess_one' }]);
    expect(list[1]?.totals).toMatchObject({ files: 1, bytes: 'counter=1'.length, filesChanged: 1 });
    const first = list[1]?.id ?? '';

    writeFileSync(join(home, 'extra.txt'), 'new');
    const diff = await call('saves.diff', { gameId: GAME, snapshotId: first });
    expect(diff.added.map((f) => f.path)).toEqual(['home/extra.txt']);
    expect(diff.changed.map((f) => f.path)).toEqual([`home/${SAVE}`]);

    const restored = await call('saves.restore', { gameId: GAME, snapshotId: first });
    expect(readFileSync(join(home, SAVE), 'utf8')).toBe('counter=1');
    expect(existsSync(join(home, 'extra.txt'))).toBe(false);
    expect(events).toEqual([{ name: 'saves.changed', payload: { gameId: GAME, snapshotId: restored.undoSnapshotId } }]);
    await call('saves.restore', { gameId: GAME, snapshotId: restored.undoSnapshotId });
    expect(readFileSync(join(home, SAVE), 'utf8')).toBe('counter=3');
    expect(readFileSync(join(home, 'extra.txt'), 'utf8')).toBe('new');
  });

  it('refuses a restore while a session of the game is live, saying to stop it first, and changes nothing', async () => {
    const { call, home, endSession, sessions } = setup();
    await endSession(1, 'sess_one');
    await endSession(2, 'sess_two');
    const [, first] = await call('saves.list', { gameId: GAME });
    sessions.current = [{ sessionId: 'sess_live', gameId: GAME, status: 'running' }];
    await expect(call('saves.restore', { gameId: GAME, snapshotId: first?.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Demo is running.*stop it first/) });
    expect(readFileSync(join(home, SAVE), 'utf8')).toBe('counter=2');
    expect(await call('saves.list', { gameId: GAME })).toHaveLength(2); // not even the undo snapshot
    sessions.current = [{ sessionId: 'sess_other', gameId: 'game_other', status: 'running' }];
    await call('saves.restore', { gameId: GAME, snapshotId: first?.id }); // another game's session does not block it
    expect(readFileSync(join(home, SAVE), 'utf8')).toBe('counter=1');
  });

  it('fails a launch of the game while its restore runs (the launch prepares its home then), and lets it through afterwards', async () => {
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { call, endSession, restores } = setup([], gate);
    await endSession(1, 'sess_one');
    await endSession(2, 'sess_two');
    const [, first] = await call('saves.list', { gameId: GAME });
    const restoring = call('saves.restore', { gameId: GAME, snapshotId: first?.id });
    await expect.poll(() => { try { restores.refuseLaunch(GAME); return 'allowed'; } catch (error) { return (error as Error).message; } }).toMatch(/being restored: play again when the restore has finished/);
    expect(() => restores.refuseLaunch('game_other')).not.toThrow();
    open();
    await restoring;
    expect(() => restores.refuseLaunch(GAME)).not.toThrow();
  });

  it('exports into an allowed folder or the exports folder, imports on a fresh data dir, and refuses other places', async () => {
    const a = setup();
    await a.endSession(7, 'sess_seven');
    const [snap] = await a.call('saves.list', { gameId: GAME });
    const archive = join(a.allowed, 'demo-saves.tar');
    const written = await a.call('saves.export', { gameId: GAME, snapshotId: snap?.id, path: archive });
    expect(written).toMatchObject({ path: archive, bytes: expect.any(Number) });
    const inExports = join(a.dataDir, 'exports', 'demo.tar');
    expect((await a.call('saves.export', { gameId: GAME, snapshotId: snap?.id, path: inExports })).path).toBe(inExports);
    await expect(a.call('saves.export', { gameId: GAME, snapshotId: snap?.id, path: archive })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) });
    await expect(a.call('saves.export', { gameId: GAME, snapshotId: snap?.id, path: join(a.dataDir, 'saves', 'x.tar') })).rejects.toMatchObject({ message: expect.stringMatching(/data folder: use its exports folder/) });
    const outside = tempDir();
    await expect(a.call('saves.export', { gameId: GAME, snapshotId: snap?.id, path: join(outside, 'x.tar') })).rejects.toMatchObject({ message: expect.stringMatching(/outside the allowed folders.*Settings → Allowed folders/) });
    symlinkSync(outside, join(a.allowed, 'sneaky'));
    await expect(a.call('saves.export', { gameId: GAME, snapshotId: snap?.id, path: join(a.allowed, 'sneaky', 'x.tar') })).rejects.toMatchObject({ message: expect.stringMatching(/which is/) });
    expect(existsSync(join(outside, 'x.tar'))).toBe(false);

    const b = setup();
    mkdirSync(b.allowed, { recursive: true });
    writeFileSync(join(b.allowed, 'copy.tar'), readFileSync(archive));
    const imported = await b.call('saves.import', { gameId: GAME, path: join(b.allowed, 'copy.tar') });
    expect(imported.reason.kind).toBe('import');
    expect(b.events).toEqual([{ name: 'saves.changed', payload: { gameId: GAME, snapshotId: imported.id } }]);
    await b.call('saves.restore', { gameId: GAME, snapshotId: imported.id });
    expect(readFileSync(join(b.home, SAVE), 'utf8')).toBe('counter=7');
    await expect(b.call('saves.import', { gameId: GAME, path: archive })).rejects.toMatchObject({ message: expect.stringMatching(/outside the allowed folders/) });
    await expect(b.call('saves.import', { gameId: GAME, path: join(b.allowed, 'none.tar') })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers the engine errors in words with a code: an unknown snapshot, a refused archive (nothing written)', async () => {
    const { call, allowed, dataDir } = setup();
    await expect(call('saves.diff', { gameId: GAME, snapshotId: 'snap_20260101T000000000Z_abcdef' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/list the snapshots again/) });
    await expect(call('saves.restore', { gameId: GAME, snapshotId: 'nope' })).rejects.toMatchObject({ code: 'invalid_payload' });
    writeFileSync(join(allowed, 'junk.tar'), 'this is no tar archive at all');
    await expect(call('saves.import', { gameId: GAME, path: join(allowed, 'junk.tar') })).rejects.toMatchObject({ code: 'invalid_payload' });
    expect(existsSync(join(dataDir, 'saves', GAME))).toBe(false);
  });
});
