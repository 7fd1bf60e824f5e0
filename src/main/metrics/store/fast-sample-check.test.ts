import { describe, expect, it } from 'vitest';
import { FAST_SAMPLE_CHECK_MATCHES_SCHEMA, isStoredSampleFast } from './fast-sample-check';
import { StoredSample } from './stored-sample';
import { syntheticSample } from './test-fixtures/synthetic-samples';

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

describe('isStoredSampleFast', () => {
  it('is on for the schema as it stands', () => {
    expect(FAST_SAMPLE_CHECK_MATCHES_SCHEMA).toBe(true);
  });

  it.each(valid.map((value) => [JSON.stringify(value), value]))('accepts %s, as the schema does', (_, value) => {
    const json: unknown = JSON.parse(JSON.stringify(value));
    expect(StoredSample.safeParse(json).success).toBe(true);
    expect(isStoredSampleFast(json)).toBe(true);
  });

  it.each(invalid.map((value) => [JSON.stringify(value), value]))('refuses %s, as the schema does', (_, value) => {
    const json: unknown = JSON.parse(JSON.stringify(value));
    expect(StoredSample.safeParse(json).success).toBe(false);
    expect(isStoredSampleFast(json)).toBe(false);
  });
});
