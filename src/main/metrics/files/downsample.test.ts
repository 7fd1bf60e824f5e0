import { describe, expect, it } from 'vitest';
import { downsample, SERIES_KEYS } from './downsample';
import { SYNTHETIC_START_MS, syntheticSample, syntheticSamples } from '../../test-support/synthetic-samples';

const THREE_HOURS = 3 * 3600;
const whole = (count: number) => ({ fromMs: SYNTHETIC_START_MS, toMs: SYNTHETIC_START_MS + (count - 1) * 1000 });

describe('downsample', () => {
  it('keeps a one-second spike of a three-hour session in at most 1,000 points', () => {
    const spikeAt = 6_543;
    const samples = syntheticSamples(THREE_HOURS, { spikeAt });
    const result = downsample(samples, whole(THREE_HOURS));

    expect(result.sampleCount).toBe(THREE_HOURS);
    expect(result.timestamps.length).toBeLessThanOrEqual(1000);
    expect(result.timestamps.length).toBeGreaterThan(900);
    expect(result.bucketMs).toBe(11_000);
    const cpu = result.series.cpuPercent;
    expect(cpu).toBeDefined();
    if (!cpu) return;
    for (const key of ['min', 'max', 'mean'] as const) expect(cpu[key]).toHaveLength(result.timestamps.length);
    expect(Math.max(...cpu.max.map((v) => v ?? 0))).toBe(100);
    const bucket = cpu.max.indexOf(100);
    const spikeSeconds = (SYNTHETIC_START_MS + spikeAt * 1000) / 1000;
    expect(result.timestamps[bucket]).toBeLessThanOrEqual(spikeSeconds);
    expect(spikeSeconds).toBeLessThan((result.timestamps[bucket] ?? 0) + result.bucketMs / 1000);
    expect(cpu.mean[bucket]).toBeLessThan(100); // the mean alone would have hidden most of it
    for (let b = 0; b < result.timestamps.length; b += 1) {
      expect(cpu.min[b]).toBeLessThanOrEqual(cpu.mean[b] ?? Number.NaN);
      expect(cpu.mean[b]).toBeLessThanOrEqual(cpu.max[b] ?? Number.NaN);
    }
    expect(result.timestamps).toEqual([...result.timestamps].sort((a, b) => a - b));
  });

  it('leaves series absent when no sample has them (no GPU is not 0 % GPU)', () => {
    for (const count of [50, THREE_HOURS]) {
      const result = downsample(syntheticSamples(count, { gpu: false }), whole(count));
      expect(Object.keys(result.series).sort()).toEqual(['cpuPercent', 'diskUsage', 'memoryPercent', 'memoryUsed']);
    }
    const withGpu = downsample(syntheticSamples(50), whole(50));
    expect(Object.keys(withGpu.series).sort()).toEqual([...SERIES_KEYS].sort());
  });

  it('returns the samples themselves, in seconds, when there are no more than maxPoints', () => {
    const samples = syntheticSamples(20);
    const result = downsample(samples, { fromMs: SYNTHETIC_START_MS + 5_000, toMs: SYNTHETIC_START_MS + 14_000 }, { maxPoints: 10 });
    expect(result.bucketMs).toBe(0);
    expect(result.sampleCount).toBe(10);
    expect(result.timestamps).toEqual(samples.slice(5, 15).map((s) => Date.parse(s.timestamp) / 1000));
    expect(result.series.memoryUsed?.mean).toEqual(samples.slice(5, 15).map((s) => s.memoryUsed));
    expect(result.series.memoryUsed?.min).toBe(result.series.memoryUsed?.max);
  });

  it('gives null where a series has no value and where nothing was sampled', () => {
    const samples = syntheticSamples(40).map((sample, i) => (i < 10 ? { ...sample, diskUsage: undefined } : sample));
    const gap = [...samples.slice(0, 20), ...syntheticSamples(60).slice(40)]; // 20 s without samples
    const raw = downsample(samples, whole(40));
    expect(raw.series.diskUsage?.mean.slice(0, 11)).toEqual([...Array<null>(10).fill(null), samples[10]?.diskUsage]);

    const bucketed = downsample(gap, whole(60), { maxPoints: 6 }); // 10-second buckets
    expect(bucketed.bucketMs).toBe(10_000);
    expect(bucketed.timestamps).toHaveLength(6);
    expect(bucketed.series.cpuPercent?.mean.map((v) => v === null)).toEqual([false, false, true, true, false, false]);
    expect(bucketed.series.diskUsage?.max[0]).toBeNull();
    expect(bucketed.series.diskUsage?.max[1]).toBe(samples[19]?.diskUsage);
  });

  it('counts nothing outside the range and nothing in an empty one', () => {
    const samples = syntheticSamples(10);
    expect(downsample(samples, { fromMs: 0, toMs: SYNTHETIC_START_MS - 1 })).toMatchObject({ timestamps: [], sampleCount: 0, series: {} });
    expect(downsample([], whole(10)).sampleCount).toBe(0);
    const timesMs = samples.map((s) => Date.parse(s.timestamp));
    const oneSample = downsample(samples, { fromMs: timesMs[3] ?? 0, toMs: timesMs[3] ?? 0 }, { timesMs });
    expect(oneSample.series.cpuPercent?.mean).toEqual([syntheticSample(3).cpuPercent]);
  });
});

describe('downsample: every series read from its own field', () => {
  const sample = (i: number) => ({
    cpuPercent: 1 + (i % 7),
    memoryUsed: 1000 + i,
    memoryPercent: 20 + (i % 3),
    gpuUsage: 40 + (i % 5),
    diskUsage: 5000 - i,
    timestamp: new Date(Date.parse('2025-10-29T14:30:00.000Z') + i * 1000).toISOString(),
  });
  const samples = Array.from({ length: 3000 }, (_, i) => sample(i));
  const range = { fromMs: Date.parse(samples[0]?.timestamp ?? ''), toMs: Date.parse(samples.at(-1)?.timestamp ?? '') };

  it('as they are, when they fit', () => {
    const out = downsample(samples.slice(0, 50), range, { maxPoints: 100 });
    expect(Object.keys(out.series).sort()).toEqual(['cpuPercent', 'diskUsage', 'gpuUsage', 'memoryPercent', 'memoryUsed']);
    for (const key of SERIES_KEYS) {
      if (key === 'gpuMemoryUsed') continue;
      expect(out.series[key]?.mean).toEqual(samples.slice(0, 50).map((s) => s[key]));
    }
  });

  it('bucketed: min, max and mean of each field, an absent one left out', () => {
    const out = downsample(samples, range, { maxPoints: 100 });
    expect(out.series.gpuMemoryUsed).toBeUndefined();
    const width = out.bucketMs / 1000;
    for (const key of SERIES_KEYS) {
      if (key === 'gpuMemoryUsed') continue;
      const bucket = samples.slice(0, width).map((s) => s[key]);
      expect(out.series[key]?.min[0]).toBe(Math.min(...bucket));
      expect(out.series[key]?.max[0]).toBe(Math.max(...bucket));
      expect(out.series[key]?.mean[0]).toBeCloseTo(bucket.reduce((a, b) => a + b, 0) / bucket.length, 9);
    }
  });
});
