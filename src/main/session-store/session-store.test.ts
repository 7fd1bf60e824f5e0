import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunnerSession } from '../../shared/model/entities';
import { InvalidTransitionError } from '../../shared/model/session-states';
import { openSessionStore, type SessionStore } from './session-store';
import { SessionStoreError } from './store-errors';
import { filesUnder, makeTempDataDir, removeDataDir, sampleSession } from '../test-support/sample-sessions';
import { messageOf } from '../../shared/errors';

const NOW = new Date('2025-10-29T23:30:00.000Z');
let dataDir: string;
let store: SessionStore;
const quietLog = { warn: () => undefined, info: () => undefined };
const open = (): Promise<SessionStore> => openSessionStore({ dataDir, now: () => NOW, log: quietLog });

beforeEach(async () => {
  dataDir = makeTempDataDir('session-store-');
  store = await open();
});
afterEach(async () => {
  await store.close();
  removeDataDir(dataDir);
});

const onDisk = (file: string): RunnerSession => RunnerSession.parse(JSON.parse(readFileSync(file, 'utf8')));

describe('session store round trip', () => {
  it('creates, updates and finishes a session, moving its file from active/ to history/{UTC day}/', async () => {
    const session = sampleSession({ userId: 'ann', gameId: 'doom' });
    const active = store.layout.activeFile(session.sessionId);

    expect(await store.create(session)).toEqual(session);
    expect(onDisk(active)).toEqual(session);

    await store.update(session.sessionId, { status: 'starting' });
    const running = await store.update(session.sessionId, { status: 'running', processId: 1234 });
    expect(onDisk(active)).toEqual(running);
    expect(store.activeSessionsOfUser('ann')).toEqual([running]);
    expect(store.running()).toEqual([running]);
    expect(store.toCleanUp()).toEqual([]);

    await store.update(session.sessionId, { status: 'stopping' });
    // 00:30 at +01:00 is still the 29th in UTC.
    const done = await store.update(session.sessionId, { status: 'terminated', endTime: '2025-10-30T00:30:00+01:00', exitCode: 0 });
    expect(existsSync(active)).toBe(false);
    expect(onDisk(join(store.layout.historyDir, '2025-10-29', `${session.sessionId}.json`))).toEqual(done);
    expect(filesUnder(store.layout.root)).toEqual([join('history', '2025-10-29', `${session.sessionId}.json`)]);

    expect(store.get(session.sessionId)).toEqual(done);
    expect(store.activeSessionsOfUser('ann')).toEqual([]);
    expect(store.running()).toEqual([]);
    expect(store.toCleanUp()).toEqual([done]);
    expect(store.gameHistory('doom')).toEqual([done]);
    expect(store.list({ status: 'terminated', userId: 'ann' })).toEqual([done]);
    expect(store.sessionIds()).toEqual([session.sessionId]);

    await store.close();
    store = await open();
    expect(store.get(session.sessionId)).toEqual(done);
    expect(store.warnings).toEqual([]);
  });

  it('stamps endTime with now when a session finishes without one, and files it under that day', async () => {
    const session = await store.create(sampleSession());
    const failed = await store.update(session.sessionId, { status: 'failed', statusReason: 'image build failed' });
    expect(failed.endTime).toBe(NOW.toISOString());
    expect(existsSync(join(store.layout.historyDir, '2025-10-29', `${session.sessionId}.json`))).toBe(true);
  });

  it('answers every query across several users, games and states, newest first', async () => {
    const make = (minute: number, userId: string, gameId: string) =>
      store.create(sampleSession({ userId, gameId, startTime: `2025-10-29T10:0${minute}:00Z` }));
    const [a, b, c] = await Promise.all([make(1, 'ann', 'doom'), make(2, 'bob', 'doom'), make(3, 'ann', 'quake')]);
    if (!a || !b || !c) throw new Error('create returned nothing');
    for (const s of [a, b, c]) await store.update(s.sessionId, { status: 'starting' });
    await store.update(a.sessionId, { status: 'running' });
    await store.update(c.sessionId, { status: 'running' });
    await store.update(b.sessionId, { status: 'crashed' });

    const ids = (list: RunnerSession[]) => list.map((s) => s.sessionId);
    expect(ids(store.activeSessionsOfUser('ann'))).toEqual([c.sessionId, a.sessionId]);
    expect(ids(store.running())).toEqual([c.sessionId, a.sessionId]);
    expect(ids(store.toCleanUp())).toEqual([b.sessionId]);
    expect(ids(store.gameHistory('doom'))).toEqual([b.sessionId, a.sessionId]);
    expect(ids(store.list({ limit: 1, offset: 1 }))).toEqual([b.sessionId]);
    expect(ids(store.list({ status: ['running', 'crashed'], gameId: 'doom' }))).toEqual([b.sessionId, a.sessionId]);
    expect(store.sessionIds()).toEqual([c.sessionId, b.sessionId, a.sessionId]);
  });
});

describe('session store refusals', () => {
  it('rejects an invalid transition, naming both states, and writes nothing', async () => {
    const session = await store.create(sampleSession());
    const before = filesUnder(store.layout.root);
    const error = await store.update(session.sessionId, { status: 'running' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(messageOf(error)).toMatch(/'requested' to 'running'/);
    expect(filesUnder(store.layout.root)).toEqual(before);
    expect(onDisk(store.layout.activeFile(session.sessionId))).toEqual(session);
    expect(store.get(session.sessionId)?.status).toBe('requested');
  });

  it('rejects a duplicate session id, also once the first one has finished', async () => {
    const session = await store.create(sampleSession());
    await expect(store.create({ ...session, userId: 'someone_else' })).rejects.toThrow(/already exists.*must be unique/);
    await store.update(session.sessionId, { status: 'failed' });
    await expect(store.create(session)).rejects.toMatchObject({ code: 'duplicate_session' });
    expect(store.get(session.sessionId)?.status).toBe('failed');
  });

  it('refuses any change to a finished session', async () => {
    const session = await store.create(sampleSession());
    await store.update(session.sessionId, { status: 'failed' });
    await expect(store.update(session.sessionId, { statusReason: 'late note' })).rejects.toThrow(/'failed', which is final/);
    await expect(store.update(session.sessionId, { status: 'starting' })).rejects.toMatchObject({ code: 'session_final' });
  });

  it("amends a final record with its saves snapshot only: once, in its history file, every other field unchanged, surviving a reopen", async () => {
    const session = await store.create(sampleSession());
    await store.update(session.sessionId, { status: 'starting' });
    await store.update(session.sessionId, { status: 'running' });
    // Not final yet: the snapshot is taken after the session ends, never before.
    await expect(store.recordSavesSnapshot(session.sessionId, { status: 'failed', error: 'early' })).rejects.toThrow(/only once the session has ended/);
    await store.update(session.sessionId, { status: 'stopping' });
    const done = await store.update(session.sessionId, { status: 'terminated', exitCode: 0 });
    const file = store.layout.historyFile(session.sessionId, done.endTime, NOW);
    const savesSnapshot = { status: 'created' as const, snapshotId: 'snap_20251029T233000000Z_abcdef', snapshotAt: '2025-10-29T23:30:00.000Z', filesChanged: 2, bytesAdded: 10 };
    const amended = await store.recordSavesSnapshot(session.sessionId, savesSnapshot);
    expect(amended).toEqual({ ...done, savesSnapshot });
    expect(onDisk(file)).toEqual(amended);
    expect(filesUnder(store.layout.root)).toEqual([file.slice(store.layout.root.length + 1)]);
    await expect(store.recordSavesSnapshot(session.sessionId, { status: 'failed', error: 'again' })).rejects.toMatchObject({ code: 'session_final' });
    await expect(store.recordSavesSnapshot(session.sessionId, { status: 'bogus' } as never)).rejects.toMatchObject({ code: 'session_final' });
    await expect(store.update(session.sessionId, { statusReason: 'late note' })).rejects.toMatchObject({ code: 'session_final' });
    await expect(store.recordSavesSnapshot('sess_00000000-0000-0000-0000-000000000000', savesSnapshot)).rejects.toMatchObject({ code: 'unknown_session' });
    expect(onDisk(file)).toEqual(amended);
    await store.close();
    store = await open();
    expect(store.get(session.sessionId)).toEqual(amended);
  });

  it('refuses a saves snapshot that fails its schema, and writes nothing', async () => {
    const session = await store.create(sampleSession());
    const done = await store.update(session.sessionId, { status: 'failed' });
    const file = store.layout.historyFile(session.sessionId, done.endTime, NOW);
    await expect(store.recordSavesSnapshot(session.sessionId, { status: 'gone' } as never)).rejects.toThrow(/status/);
    await expect(store.recordSavesSnapshot(session.sessionId, { status: 'failed', error: 'x', extra: 1 } as never)).rejects.toMatchObject({ code: 'invalid_session' });
    expect(onDisk(file)).toEqual(done);
  });

  it('refuses records that fail the schema, on create and on update, with the field at fault', async () => {
    await expect(store.create(sampleSession({ status: 'running' }))).rejects.toThrow(/starts as 'requested'/);
    await expect(store.create(sampleSession({ sessionId: '../escape' }))).rejects.toThrow(/sessionId: must look like sess_<uuid>/);
    const session = await store.create(sampleSession());
    const error = await store.update(session.sessionId, { displayInfo: { method: 'x11', displayId: 'nope' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionStoreError);
    expect(messageOf(error)).toMatch(/displayInfo\.displayId: "nope" is not an X11 display/);
    await expect(store.update(session.sessionId, { sessionId: 'sess_other' })).rejects.toThrow(/ids never change/);
    await expect(store.update('sess_00000000-0000-0000-0000-000000000000', { status: 'starting' })).rejects.toMatchObject({
      code: 'unknown_session',
    });
    expect(onDisk(store.layout.activeFile(session.sessionId))).toEqual(session);
  });

  it('refuses changes once closed, after finishing the writes in flight', async () => {
    const session = sampleSession();
    const pending = store.create(session);
    await store.close();
    await expect(pending).resolves.toEqual(session);
    await expect(store.update(session.sessionId, { status: 'starting' })).rejects.toMatchObject({ code: 'store_closed' });
  });
});

describe('session store concurrency', () => {
  it('applies concurrent updates of one session one at a time, in call order', async () => {
    const session = await store.create(sampleSession());
    const steps = [
      store.update(session.sessionId, { status: 'starting' }),
      store.update(session.sessionId, { status: 'running' }),
      store.update(session.sessionId, { lastActivity: '2025-10-29T14:31:00Z' }),
      store.update(session.sessionId, { status: 'stopping' }),
      store.update(session.sessionId, { status: 'terminated' }),
    ];
    const results = await Promise.all(steps);
    expect(results.map((r) => r.status)).toEqual(['starting', 'running', 'running', 'stopping', 'terminated']);
    expect(store.get(session.sessionId)).toMatchObject({ status: 'terminated', lastActivity: '2025-10-29T14:31:00Z' });
  });

  it('lets one failed update not block the ones queued after it', async () => {
    const session = await store.create(sampleSession());
    const bad = store.update(session.sessionId, { status: 'stopping' });
    const good = store.update(session.sessionId, { status: 'starting' });
    await expect(bad).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(good).resolves.toMatchObject({ status: 'starting' });
  });

  it('creates many sessions at once without losing any', async () => {
    const sessions = Array.from({ length: 50 }, () => sampleSession());
    await Promise.all(sessions.map((s) => store.create(s)));
    expect(store.sessionIds()).toHaveLength(50);
    expect(filesUnder(store.layout.activeDir)).toHaveLength(50);
  });
});
