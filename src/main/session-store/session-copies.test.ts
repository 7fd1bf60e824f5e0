// The order in which copies of one session record are preferred, independent of folder names.
import { describe, expect, it } from 'vitest';
import { compareCopies, isSameRecord, rankCopies, reasonToPrefer, type SessionCopy } from './session-copies';
import { sampleSession } from '../test-support/sample-sessions';

const base = sampleSession({ status: 'terminated', endTime: '2025-10-31T10:00:00Z', exitCode: 0 });
const copy = (file: string, overrides: Partial<typeof base> = {}): SessionCopy => ({ file, session: { ...base, ...overrides } });

describe('choosing between copies of one session', () => {
  it('prefers a finished record to a live one, whatever their times', () => {
    const live = copy('/h/2025-12-01/a.json', { status: 'running', endTime: '2025-12-01T00:00:00Z' });
    const done = copy('/h/2025-10-31/a.json');
    expect(rankCopies([live, done])[0]).toBe(done);
    expect(reasonToPrefer(done, live)).toMatch(/finished \('terminated'\) and this copy is still 'running'/);
  });

  it('then the later endTime, then the more complete record, then its own day folder, then the path', () => {
    const later = copy('/h/2025-10-31/a.json');
    const earlier = copy('/h/2025-11-30/a.json', { endTime: '2025-10-30T10:00:00Z' });
    const noEnd = copy('/h/2025-10-01/a.json', { endTime: undefined });
    const poorer = copy('/h/2025-10-29/a.json', { exitCode: undefined });
    const away = copy('/h/2025-10-01/a.json');
    const awayToo = copy('/h/2025-10-02/a.json');
    expect(rankCopies([awayToo, noEnd, poorer, away, earlier, later])).toEqual([later, away, awayToo, poorer, earlier, noEnd]);
  });

  it('is a total order: one answer for any two different files, in either order', () => {
    const copies = [copy('/h/x/a.json'), copy('/h/y/a.json'), copy('/h/2025-10-31/a.json', { statusReason: 'r' }), copy('/a/a.json', { status: 'crashed' })];
    for (const a of copies) {
      for (const b of copies) {
        if (a === b) continue;
        expect(Math.sign(compareCopies(a, b))).toBe(-Math.sign(compareCopies(b, a)));
        expect(compareCopies(a, b)).not.toBe(0);
      }
    }
  });

  it('calls two records the same when only the kept one has an endTime', () => {
    expect(isSameRecord(base, { ...base, endTime: undefined })).toBe(true);
    expect(isSameRecord(base, { ...base })).toBe(true);
    expect(isSameRecord(base, { ...base, exitCode: 1 })).toBe(false);
  });
});
