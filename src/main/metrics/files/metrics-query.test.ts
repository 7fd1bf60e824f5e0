import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDataDir, removeDataDir } from '../../test-support/sample-sessions';
import { createMetricsReader, type MetricsReader } from './metrics-reader';
import { MetricsQueryError, queryMetrics } from './metrics-query';
import { createMetricsWriter } from './metrics-writer';
import { newSessionId, SYNTHETIC_START_MS, syntheticSamples } from '../../test-support/synthetic-samples';

let dataDir: string;
let reader: MetricsReader;
let sessionId: string;
const COUNT = 3 * 3600;
const iso = (seconds: number): string => new Date(SYNTHETIC_START_MS + seconds * 1000).toISOString();

beforeEach(async () => {
  dataDir = makeTempDataDir('metrics-query-');
  reader = createMetricsReader({ dataDir, log: { warn: () => undefined } });
  sessionId = newSessionId();
  const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0 });
  for (const sample of syntheticSamples(COUNT)) writer.append(sample);
  await writer.close();
});
afterEach(() => removeDataDir(dataDir));

describe('queryMetrics', () => {
  it('answers the last hour before the newest sample by default', async () => {
    const result = await queryMetrics(reader, sessionId);
    expect(result).toMatchObject({ sessionId, from: iso(COUNT - 1 - 3600), to: iso(COUNT - 1), sampleCount: 3601 });
    expect(result.timestamps.length).toBeLessThanOrEqual(1000);
    const onlyTo = await queryMetrics(reader, sessionId, { to: iso(3600) });
    expect(onlyTo).toMatchObject({ from: iso(0), to: iso(3600), sampleCount: 3601 });
  });

  it('answers a whole three-hour session in at most 1,000 points per series', async () => {
    const result = await queryMetrics(reader, sessionId, { from: iso(0), to: iso(COUNT - 1) });
    expect(result.sampleCount).toBe(COUNT);
    expect(result.timestamps.length).toBeLessThanOrEqual(1000);
    for (const series of Object.values(result.series)) expect(series.max).toHaveLength(result.timestamps.length);
    const short = await queryMetrics(reader, sessionId, { from: iso(100), to: '2025-10-29T16:33:19.000+02:00' });
    expect(short).toMatchObject({ sampleCount: 100, bucketMs: 0 });
  });

  it('answers a session without samples, or a "since" after its newest sample, with nothing', async () => {
    const now = () => new Date('2025-11-01T00:00:00Z');
    const empty = await queryMetrics(reader, newSessionId(), {}, { now });
    expect(empty).toMatchObject({ from: '2025-10-31T23:00:00.000Z', to: '2025-11-01T00:00:00.000Z', sampleCount: 0, timestamps: [] });
    const since = await queryMetrics(reader, sessionId, { from: iso(COUNT + 60) });
    expect(since).toMatchObject({ from: iso(COUNT + 60), to: iso(COUNT + 60), sampleCount: 0 });
  });

  it('refuses ranges it cannot answer, saying what to fix', async () => {
    const refused = async (range: { from?: string; to?: string }, id = sessionId) => {
      try {
        await queryMetrics(reader, id, range);
      } catch (error) {
        expect(error).toBeInstanceOf(MetricsQueryError);
        return error instanceof MetricsQueryError ? { field: error.field, message: error.message } : undefined;
      }
      throw new Error(`${JSON.stringify(range)} was accepted`);
    };
    expect(await refused({ from: 'yesterday' })).toEqual({ field: 'from', message: expect.stringMatching(/"from" must be an ISO-8601 date.*"yesterday"/) });
    expect(await refused({ to: '2025-10-29' })).toMatchObject({ field: 'to' });
    expect(await refused({ to: '2025-10-29T14:30:00' })).toMatchObject({ field: 'to' }); // no zone: whose 14:30?
    expect(await refused({ from: iso(10), to: iso(10) })).toEqual({ field: 'range', message: expect.stringMatching(/"from" .* must be before "to"/) });
    expect(await refused({ from: iso(20), to: iso(10) })).toMatchObject({ field: 'range' });
    expect(await refused({}, '../../etc')).toMatchObject({ field: 'sessionId', message: expect.stringMatching(/not a session id/) });
  });
});
