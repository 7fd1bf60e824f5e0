import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { SessionIndex, type SessionFilter } from './session-index';
import { sampleSession } from '../test-support/sample-sessions';

function at(minute: number, overrides: Partial<RunnerSession>): RunnerSession {
  return sampleSession({ startTime: `2025-10-29T14:${String(minute).padStart(2, '0')}:00Z`, ...overrides });
}

const ann1 = at(1, { userId: 'ann', gameId: 'doom', status: 'running' });
const ann2 = at(2, { userId: 'ann', gameId: 'quake', status: 'terminated' });
const bob3 = at(3, { userId: 'bob', gameId: 'doom', status: 'running' });
const bob4 = at(4, { userId: 'bob', gameId: 'doom', status: 'crashed' });
const ids = (sessions: RunnerSession[]): string[] => sessions.map((s) => s.sessionId);

function loaded(): SessionIndex {
  const index = new SessionIndex();
  index.loadAll([ann2, bob4, ann1, bob3]);
  return index;
}

describe('SessionIndex', () => {
  it('lists newest first by startTime, whatever the load order', () => {
    expect(ids(loaded().list())).toEqual(ids([bob4, bob3, ann2, ann1]));
  });

  it('orders by instant, not by text, when offsets differ', () => {
    const index = loaded();
    // 15:30+02:00 is 13:30Z: older than all the others despite sorting last as text.
    const early = at(0, { startTime: '2025-10-29T15:30:00+02:00' });
    index.put(early);
    expect(ids(index.list()).at(-1)).toBe(early.sessionId);
  });

  it('filters by status, user and game together', () => {
    const index = loaded();
    expect(ids(index.list({ status: 'running' }))).toEqual(ids([bob3, ann1]));
    expect(ids(index.list({ status: ['terminated', 'crashed'] }))).toEqual(ids([bob4, ann2]));
    expect(ids(index.list({ userId: 'bob', status: 'running' }))).toEqual(ids([bob3]));
    expect(ids(index.list({ gameId: 'doom' }))).toEqual(ids([bob4, bob3, ann1]));
    expect(ids(index.list({ gameId: 'doom', userId: 'ann', status: 'crashed' }))).toEqual([]);
    expect(index.list({ userId: 'nobody' })).toEqual([]);
  });

  it('pages with offset and limit', () => {
    const index = loaded();
    expect(ids(index.list({ limit: 2 }))).toEqual(ids([bob4, bob3]));
    expect(ids(index.list({ offset: 1, limit: 2 }))).toEqual(ids([bob3, ann2]));
    expect(ids(index.list({ gameId: 'doom', offset: 2 }))).toEqual(ids([ann1]));
    expect(index.list({ limit: 0 })).toEqual([]);
    expect(() => index.list({ limit: -1 })).toThrow(/limit must be a whole number of 0 or more/);
    expect(() => index.list({ offset: 1.5 })).toThrow(/offset/);
  });

  it('moves a replaced record between the status, user and game sets', () => {
    const index = loaded();
    index.put({ ...ann1, status: 'stopping', userId: 'carol', startTime: '2025-10-29T15:00:00Z' });
    expect(ids(index.list({ status: 'running' }))).toEqual(ids([bob3]));
    expect(ids(index.list({ userId: 'carol' }))).toEqual([ann1.sessionId]);
    expect(ids(index.list({ userId: 'ann' }))).toEqual(ids([ann2]));
    expect(index.ids()[0]).toBe(ann1.sessionId);
    expect(index.size).toBe(4);
  });

  it('hands out frozen records, so a caller cannot desync the indexes', () => {
    const record = loaded().get(ann1.sessionId);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record?.displayInfo)).toBe(true);
  });

  it('forgets removed sessions everywhere', () => {
    const index = loaded();
    index.remove(bob3.sessionId);
    expect(index.has(bob3.sessionId)).toBe(false);
    expect(ids(index.list({ userId: 'bob' }))).toEqual(ids([bob4]));
    expect(index.ids()).not.toContain(bob3.sessionId);
  });

  it('answers like a brute-force filter and sort, whichever index it starts from', () => {
    const statuses = ['requested', 'running', 'terminated', 'crashed'] as const;
    const all = Array.from({ length: 400 }, (_, i) =>
      at(i % 60, {
        startTime: `2025-10-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`,
        userId: `user${i % 7}`,
        gameId: i % 50 === 0 ? 'rare' : `game${i % 3}`,
        status: statuses[i % statuses.length] ?? 'running',
      }),
    );
    const index = new SessionIndex();
    index.loadAll(all);
    const sorted = [...all].sort(
      (a, b) => Date.parse(b.startTime) - Date.parse(a.startTime) || (a.sessionId < b.sessionId ? -1 : 1),
    );
    const filters: SessionFilter[] = [
      { gameId: 'rare' },
      { gameId: 'rare', status: 'requested' },
      { userId: 'user3', status: ['running', 'crashed'], limit: 5, offset: 2 },
      { status: 'terminated', offset: 10, limit: 20 },
      { gameId: 'game1', userId: 'user2' },
    ];
    for (const filter of filters) {
      const statuses: readonly string[] | undefined = typeof filter.status === 'string' ? [filter.status] : filter.status;
      const wanted = sorted.filter(
        (s) =>
          (filter.gameId === undefined || s.gameId === filter.gameId) &&
          (filter.userId === undefined || s.userId === filter.userId) &&
          (statuses === undefined || statuses.includes(s.status)),
      );
      const offset = filter.offset ?? 0;
      const limit = filter.limit ?? Infinity;
      expect(ids(index.list(filter)), JSON.stringify(filter)).toEqual(ids(wanted.slice(offset, offset + limit)));
    }
  });
});
