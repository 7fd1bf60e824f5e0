import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../../shared/model/entities';
import { ANY_FILTER, applyHistoryFilter, filterChoices, outcomeText, pastSessions } from './history-filters';

let n = 0;
function session(extra: Partial<RunnerSession>): RunnerSession {
  n++;
  return {
    sessionId: `sess_0000000${n}-0000-0000-0000-000000000000`, containerId: 'c0ffee123456', gameId: 'doom', userId: 'alice', status: 'terminated',
    startTime: '2026-01-01T10:00:00.000Z', endTime: `2026-01-01T1${n % 10}:00:00.000Z`, displayInfo: { method: 'x11', displayId: ':0' }, ...extra,
  };
}

const doom = session({ gameId: 'doom', userId: 'alice', status: 'terminated', endTime: '2026-01-01T11:00:00.000Z' });
const quake = session({ gameId: 'quake', userId: 'bob', status: 'crashed', exitCode: 3, statusReason: 'The game exited with code 3.', endTime: '2026-01-01T12:00:00.000Z' });
const failed = session({ gameId: 'doom', userId: 'bob', status: 'failed', statusReason: 'No such image', endTime: '2026-01-01T13:00:00.000Z' });
const running = session({ gameId: 'doom', status: 'running', endTime: undefined });

describe('history', () => {
  it('lists ended sessions only, the latest first', () => {
    expect(pastSessions([doom, running, quake, failed]).map((s) => s.gameId + s.status)).toEqual(['doomfailed', 'quakecrashed', 'doomterminated']);
    expect(pastSessions({ a: doom, b: running })).toEqual([doom]);
  });

  it('filters by game, status and user together', () => {
    const all = pastSessions([doom, quake, failed]);
    expect(applyHistoryFilter(all, ANY_FILTER)).toHaveLength(3);
    expect(applyHistoryFilter(all, { ...ANY_FILTER, gameId: 'doom' })).toEqual([failed, doom]);
    expect(applyHistoryFilter(all, { ...ANY_FILTER, status: 'crashed' })).toEqual([quake]);
    expect(applyHistoryFilter(all, { gameId: 'doom', status: '', userId: 'bob' })).toEqual([failed]);
    expect(applyHistoryFilter(all, { gameId: 'quake', status: 'terminated', userId: '' })).toEqual([]);
  });

  it('offers the games by title and the users that appear', () => {
    const choices = filterChoices([doom, quake, failed], (id) => ({ doom: 'Doom', quake: 'A Quake' })[id] ?? id);
    expect(choices.games).toEqual([{ id: 'quake', title: 'A Quake' }, { id: 'doom', title: 'Doom' }]);
    expect(choices.users).toEqual(['alice', 'bob']);
    expect(choices.statuses).toEqual(['terminated', 'crashed', 'failed']);
  });

  it('says how each ended', () => {
    expect(outcomeText(quake)).toBe('Exit code 3: The game exited with code 3.');
    expect(outcomeText(failed)).toBe('No such image');
    expect(outcomeText(doom)).toBe('Ended');
  });
});
