import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/model/entities';
import { sampleTimeMs, writerTimestampMs } from './sample-time';

describe('writerTimestampMs', () => {
  // In this order on purpose: the day cache is hit, missed, and must not carry a bad day over.
  const stamps = [
    '2025-10-29T14:30:00.000Z',
    '2025-10-29T23:59:59.999Z',
    '2025-10-29T00:00:00.001Z',
    '2025-10-30T00:00:00.000Z',
    '2024-02-29T12:00:00.500Z',
    '2025-02-29T12:00:00.500Z', // no such day
    '2025-02-29T12:00:01.500Z', // still none, right after a refusal
    '2025-04-31T12:00:00.000Z',
    '2025-13-01T12:00:00.000Z',
    '2025-10-29T24:00:00.000Z',
    '2025-10-29T14:60:00.000Z',
    '2025-10-29T14:30:60.000Z',
    '2025-10-29T14:30:00.0a0Z',
    '2025-10-29T14:30:00.000+',
    '2025-10-29t14:30:00.000Z',
    '2025-10-29T14-30:00.000Z',
    '2025-10-29T14:30:00Z',
    '2025-10-29T14:30:00.000000Z',
    '2025-10-29T16:30:00.000+02:00',
    '1999-12-31T23:59:59.999Z',
    '2000-02-29T00:00:00.000Z',
    '2100-02-29T00:00:00.000Z',
  ];

  it.each(stamps)('%s: a number exactly when the schema accepts it in the writer\'s form, and the same as Date.parse', (stamp) => {
    const ms = writerTimestampMs(stamp);
    const accepted = isoDate.safeParse(stamp).success;
    if (!Number.isNaN(ms)) {
      expect(accepted).toBe(true);
      expect(ms).toBe(Date.parse(stamp));
    } else if (accepted && stamp.length === 24 && stamp.endsWith('Z')) {
      throw new Error(`${stamp} is in the writer's form and accepted, yet not read by character`);
    }
    if (accepted) expect(sampleTimeMs(stamp)).toBe(Date.parse(stamp));
  });

  it('agrees with Date.parse over a day of samples', () => {
    const start = Date.parse('2025-10-29T22:00:00.000Z');
    for (let i = 0; i < 4 * 3600; i += 7) {
      const stamp = new Date(start + i * 1000 + (i % 1000)).toISOString();
      expect(writerTimestampMs(stamp)).toBe(Date.parse(stamp));
    }
  });
});
