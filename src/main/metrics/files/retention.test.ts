import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLayout } from '../../session-store/layout';
import { makeTempDataDir, removeDataDir } from '../../test-support/sample-sessions';
import { createMetricsWriter } from './metrics-writer';
import { pruneMetrics } from './retention';
import { newSessionId, syntheticSamples } from '../../test-support/synthetic-samples';

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDataDir('metrics-retention-');
});
afterEach(() => removeDataDir(dataDir));

const NOW = new Date('2026-03-01T00:00:00Z');
const daysAgo = (days: number): number => NOW.getTime() - days * 86_400_000;
const dirOf = (sessionId: string): string => storeLayout(dataDir).sessionMetricsDir(sessionId);

async function sessionWithMetrics(startMs: number): Promise<string> {
  const sessionId = newSessionId();
  const writer = createMetricsWriter({ dataDir, sessionId, flushIntervalMs: 0, maxSamplesPerChunk: 5 });
  for (const sample of syntheticSamples(12, { startMs })) writer.append(sample);
  await writer.close();
  return sessionId;
}

describe('pruneMetrics', () => {
  it('removes the metrics of sessions that ended before the retention, and only those', async () => {
    const old = await sessionWithMetrics(daysAgo(100));
    const recent = await sessionWithMetrics(daysAgo(10));
    const activeButOld = await sessionWithMetrics(daysAgo(400));
    const orphanOld = await sessionWithMetrics(daysAgo(95));
    const orphanRecent = await sessionWithMetrics(daysAgo(1));
    const history = [
      { sessionId: old, endTime: new Date(daysAgo(91)).toISOString() },
      // Started long ago, ended recently: kept (the end decides).
      { sessionId: recent, endTime: new Date(daysAgo(89)).toISOString() },
      { sessionId: activeButOld, endTime: new Date(daysAgo(399)).toISOString() },
    ];
    mkdirSync(join(storeLayout(dataDir).metricsDir, 'not-a-session'), { recursive: true });

    const result = await pruneMetrics({ dataDir, history, activeSessionIds: [activeButOld], now: NOW });

    expect(result.cutoff).toBe(new Date(daysAgo(90)).toISOString());
    expect(result.failed).toEqual([]);
    expect(result.removed.map((r) => r.sessionId).sort()).toEqual([old, orphanOld].sort());
    expect(result.removed.find((r) => r.sessionId === old)).toEqual({
      sessionId: old,
      why: 'history',
      endedAt: new Date(daysAgo(91)).toISOString(),
      files: 3,
      bytes: expect.any(Number),
    });
    expect(result.removed.find((r) => r.sessionId === orphanOld)).toMatchObject({ why: 'orphan', endedAt: new Date(daysAgo(95) + 10_000).toISOString() });
    expect(existsSync(dirOf(old))).toBe(false);
    expect(existsSync(dirOf(orphanOld))).toBe(false);
    for (const kept of [recent, activeButOld, orphanRecent]) expect(existsSync(dirOf(kept))).toBe(true);
    expect(existsSync(join(storeLayout(dataDir).metricsDir, 'not-a-session'))).toBe(true);
  });

  it('honours a configured retention and judges an empty orphan folder by its mtime', async () => {
    const weekOld = await sessionWithMetrics(daysAgo(8));
    const empty = newSessionId();
    mkdirSync(dirOf(empty), { recursive: true });
    writeFileSync(join(dirOf(empty), 'stray.txt'), 'x');
    utimesSync(dirOf(empty), new Date(daysAgo(30)), new Date(daysAgo(30)));
    const result = await pruneMetrics({ dataDir, history: [], activeSessionIds: [], retentionDays: 7, now: NOW });
    expect(result.removed.map((r) => r.sessionId).sort()).toEqual([weekOld, empty].sort());
  });

  it('refuses a retention that is not a positive number of days and copes with no metrics at all', async () => {
    await expect(pruneMetrics({ dataDir, history: [], activeSessionIds: [], retentionDays: 0 })).rejects.toThrow(/positive number of days/);
    expect(await pruneMetrics({ dataDir, history: [], activeSessionIds: [], now: NOW })).toMatchObject({ removed: [], failed: [] });
  });
});
