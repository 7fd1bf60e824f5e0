// checkStoredSample runs the schema compiled by zod: it must say exactly what StoredSample says.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from '../../session-store/store-errors';
import { syntheticSample } from '../../test-support/synthetic-samples';
import { StoredSample, checkStoredSample } from './stored-sample';

const valid: unknown[] = [
  syntheticSample(0),
  syntheticSample(1, { gpu: false }),
  { cpuPercent: 0, memoryUsed: 0, memoryPercent: 100, timestamp: '2025-10-29T14:30:00+02:00' },
  { ...syntheticSample(2), raw: { cpuPercent: 390.5, memoryPercent: -1 } },
  { ...syntheticSample(3), raw: {} },
];
const invalid: unknown[] = [
  null,
  [],
  'sample',
  { ...syntheticSample(0), cpuPercent: 100.01 },
  { ...syntheticSample(0), cpuPercent: -1 },
  { ...syntheticSample(0), memoryUsed: -1 },
  { ...syntheticSample(0), memoryPercent: '5' },
  { ...syntheticSample(0), gpuUsage: 101 },
  { ...syntheticSample(0), gpuMemoryUsed: null },
  { ...syntheticSample(0), diskUsage: -0.5 },
  { ...syntheticSample(0), timestamp: '2025-10-29' },
  { ...syntheticSample(0), timestamp: '2025-10-29T14:30:00' },
  { ...syntheticSample(0), extra: 1 },
  { ...syntheticSample(0), raw: { cpuPercent: '390' } },
  { ...syntheticSample(0), raw: [1, 2] },
  { ...syntheticSample(0), raw: null },
  { cpuPercent: 1, memoryUsed: 1, timestamp: '2025-10-29T14:30:00Z' },
];

describe('checkStoredSample', () => {
  it('is compiled: zod can build a fast path for the whole StoredSample schema', () => {
    // If this fails, the schema gained something z.compile cannot model: samples are still judged
    // rightly through the runtime parser, but cold metrics queries get slower (npm run bench:metrics).
    expect(() => z.compile(StoredSample, { strict: true })).not.toThrow();
  });

  it.each(valid.map((value) => [JSON.stringify(value), value]))('accepts %s, as the schema does', (_, value) => {
    const json: unknown = JSON.parse(JSON.stringify(value));
    const parsed = StoredSample.safeParse(json);
    expect(parsed.success).toBe(true);
    expect(checkStoredSample(json)).toEqual({ ok: true, sample: parsed.data });
  });

  it.each(invalid.map((value) => [JSON.stringify(value), value]))('refuses %s, as the schema does, for its reasons', (_, value) => {
    const json: unknown = JSON.parse(JSON.stringify(value));
    const parsed = StoredSample.safeParse(json);
    expect(parsed.success).toBe(false);
    expect(checkStoredSample(json)).toEqual({ ok: false, reason: parsed.success ? '' : describeIssues(parsed.error) });
  });
});
