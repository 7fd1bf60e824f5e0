import { describe, expect, it } from 'vitest';
import { countPoints, defaultRange, mergeGraphData, rangeQuery, rangeWindow, samplesFromQuery, type MetricsQueryResult } from './time-range';

const start = '2026-01-01T10:00:00.000Z';
const startSec = Date.parse(start) / 1000;
const running = { sessionId: 'sess_1', status: 'running' as const, startTime: start };
const finished = { sessionId: 'sess_2', status: 'terminated' as const, startTime: start, endTime: '2026-01-01T13:00:00.000Z' };
const now = Date.parse('2026-01-01T11:00:00.000Z');

describe('time ranges', () => {
  it('opens a running session live and a finished one whole', () => {
    expect(defaultRange(running)).toBe('live');
    expect(defaultRange(finished)).toBe('session');
    expect(defaultRange({ status: 'crashed' })).toBe('session');
  });

  it('follows now while the session runs', () => {
    expect(rangeWindow('live', running, now)).toEqual({ fromSec: now / 1000 - 120, toSec: undefined });
    expect(rangeWindow('5m', running, now)).toEqual({ fromSec: now / 1000 - 300, toSec: undefined });
    expect(rangeWindow('session', running, now)).toEqual({ fromSec: startSec, toSec: undefined });
  });

  it('never starts before the session did', () => {
    expect(rangeWindow('1h', running, Date.parse(start) + 60_000).fromSec).toBe(startSec);
  });

  it("anchors a finished session's ranges at its end", () => {
    const end = Date.parse(finished.endTime) / 1000;
    expect(rangeWindow('1h', finished, now)).toEqual({ fromSec: end - 3600, toSec: end });
    expect(rangeWindow('session', finished, now)).toEqual({ fromSec: startSec, toSec: end });
  });

  it('asks metrics.query for the range, with a second of slack', () => {
    expect(rangeQuery('5m', running, now, 600)).toEqual({ sessionId: 'sess_1', from: '2026-01-01T10:54:59.000Z', maxPoints: 600 });
    expect(rangeQuery('session', finished, now, 2)).toEqual({
      sessionId: 'sess_2', from: '2026-01-01T09:59:59.000Z', to: '2026-01-01T13:00:01.000Z', maxPoints: 10,
    });
  });
});

describe('mergeGraphData', () => {
  const stored: MetricsQueryResult = {
    sessionId: 'sess_1', from: '', to: '', bucketMs: 0, sampleCount: 3,
    timestamps: [100, 101, 102],
    series: { cpuPercent: { min: [1, 2, 3], max: [1, 2, 3], mean: [1, 2, 3] } },
  };

  it('appends live samples newer than the stored ones', () => {
    const merged = mergeGraphData(stored, { times: [101, 102, 103, 104], values: { cpuPercent: [2, 3, 4, 5], gpuUsage: [null, null, 7, 8] } }, 0);
    expect(merged.times).toEqual([100, 101, 102, 103, 104]);
    expect(merged.series.cpuPercent).toEqual({ mean: [1, 2, 3, 4, 5] });
    expect(merged.series.gpuUsage).toEqual({ mean: [null, null, null, 7, 8] });
    expect(countPoints(merged.series.gpuUsage)).toBe(2);
  });

  it('cuts both at the window start', () => {
    const merged = mergeGraphData(stored, { times: [103], values: { cpuPercent: [4] } }, 102);
    expect(merged.times).toEqual([102, 103]);
    expect(merged.series.cpuPercent?.mean).toEqual([3, 4]);
  });

  it('keeps min and max of stored buckets', () => {
    const buckets: MetricsQueryResult = { ...stored, bucketMs: 5000, series: { cpuPercent: { min: [0, 1, 2], max: [2, 3, 4], mean: [1, 2, 3] } } };
    const merged = mergeGraphData(buckets, { times: [110], values: { cpuPercent: [9] } }, 0);
    expect(merged.series.cpuPercent).toEqual({ mean: [1, 2, 3, 9], min: [0, 1, 2, 9], max: [2, 3, 4, 9] });
  });

  it('works with either side alone', () => {
    expect(mergeGraphData(undefined, { times: [1], values: { cpuPercent: [5] } }, 0)).toEqual({ times: [1], series: { cpuPercent: { mean: [5] } } });
    expect(mergeGraphData(stored, undefined, 0).times).toEqual([100, 101, 102]);
    expect(mergeGraphData(undefined, undefined, 0)).toEqual({ times: [], series: {} });
  });
});

describe('samplesFromQuery', () => {
  it('turns points back into samples, leaving gaps out', () => {
    const result: MetricsQueryResult = {
      sessionId: 's', from: '', to: '', bucketMs: 0, sampleCount: 2, timestamps: [100, 101],
      series: { cpuPercent: { min: [1, 2], max: [1, 2], mean: [1, 2] }, gpuUsage: { min: [null, 5], max: [null, 5], mean: [null, 5] } },
    };
    expect(samplesFromQuery(result)).toEqual([
      { timestamp: new Date(100_000).toISOString(), cpuPercent: 1 },
      { timestamp: new Date(101_000).toISOString(), cpuPercent: 2, gpuUsage: 5 },
    ]);
  });
});
