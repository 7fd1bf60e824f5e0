import { describe, expect, it } from 'vitest';
import { SAMPLE_MAX_AGE_MS, validateResourceUsage } from './resource-usage';

const NOW = new Date('2025-10-29T14:46:00Z');
const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow).toISOString();
const sample = (patch: Record<string, unknown> = {}) => ({
  cpuPercent: 45.2, memoryUsed: 2147483648, memoryPercent: 53.7, gpuUsage: 78.9, diskUsage: 0, timestamp: at(30_000), ...patch,
});
const problemsOf = (input: unknown) => {
  const result = validateResourceUsage(input, NOW);
  return result.ok ? [] : result.problems;
};

describe('validateResourceUsage (with a fixed now)', () => {
  it("accepts the data model's example sample, 30 s old", () => {
    // The RunnerSession example's resourceUsage, timestamp 2025-10-29T14:45:30Z.
    const example = { cpuPercent: 45.2, memoryUsed: 2147483648, memoryPercent: 53.7, gpuUsage: 78.9, timestamp: '2025-10-29T14:45:30Z' };
    const result = validateResourceUsage(example, NOW);
    expect(result).toEqual({ ok: true, value: example });
  });

  it.each([0, 60_000, SAMPLE_MAX_AGE_MS, -30_000])('a sample %d ms old is recent', (age) => {
    expect(problemsOf(sample({ timestamp: at(age) }))).toEqual([]);
  });

  it('a sample older than 5 minutes is refused, saying how old', () => {
    expect(problemsOf(sample({ timestamp: at(SAMPLE_MAX_AGE_MS + 1000) }))).toEqual([
      { path: 'timestamp', message: 'This sample is 301 s old; samples must be from the last 5 minutes: discard it and take a new one.' },
    ]);
  });

  it('a sample from the future (beyond clock drift) is refused, pointing at the clock', () => {
    expect(problemsOf(sample({ timestamp: at(-31_000) }))).toEqual([
      { path: 'timestamp', message: "This sample is dated in the future: check the computer's clock." },
    ]);
  });

  it('judges the timestamp offset, not the written hour', () => {
    expect(problemsOf(sample({ timestamp: '2025-10-29T16:45:30+02:00' }))).toEqual([]);
  });

  it.each([
    [{ cpuPercent: 100.5 }, 'cpuPercent', 'Must be between 0 and 100.'],
    [{ cpuPercent: -1 }, 'cpuPercent', 'Must be between 0 and 100.'],
    [{ memoryPercent: 150 }, 'memoryPercent', 'Must be between 0 and 100.'],
    [{ gpuUsage: 101 }, 'gpuUsage', 'Must be between 0 and 100.'],
    [{ memoryUsed: -1 }, 'memoryUsed', 'Must not be negative.'],
    [{ gpuMemoryUsed: -5 }, 'gpuMemoryUsed', 'Must not be negative.'],
    [{ diskUsage: -0.5 }, 'diskUsage', 'Must not be negative.'],
  ])('%j is refused', (patch, path, message) => {
    expect(problemsOf(sample(patch))).toEqual([{ path, message }]);
  });

  it('accepts the edges 0 and 100, and zero sizes', () => {
    expect(problemsOf(sample({ cpuPercent: 0, memoryPercent: 100, gpuUsage: 0, memoryUsed: 0, gpuMemoryUsed: 0, diskUsage: 0 }))).toEqual([]);
  });

  it('reports a stale timestamp together with the other problems', () => {
    const found = problemsOf(sample({ cpuPercent: 120, memoryUsed: -1, timestamp: at(3_600_000) }));
    expect(found.map((p) => p.path).sort()).toEqual(['cpuPercent', 'memoryUsed', 'timestamp']);
    expect(found.find((p) => p.path === 'timestamp')?.message).toMatch(/3600 s old/);
  });

  it('a malformed timestamp is reported once, as malformed', () => {
    expect(problemsOf(sample({ timestamp: 'yesterday' }))).toEqual([
      { path: 'timestamp', message: 'Must be an ISO-8601 date and time, such as 2025-10-29T14:30:00Z.' },
    ]);
  });

  it('missing fields are required; unknown ones refused', () => {
    expect(problemsOf({ timestamp: at(0), cpu: 1 }).map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      'cpu: Unknown field "cpu": check its spelling or remove it.',
      'cpuPercent: This field is required.',
      'memoryPercent: This field is required.',
      'memoryUsed: This field is required.',
    ]);
  });
});
