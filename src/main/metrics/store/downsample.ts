// Pure: turns a session's samples into at most `maxPoints` points per series, for uPlot.
//
// Output (`Downsampled`):
//   timestamps: number[]   x values in SECONDS since the epoch (uPlot's default time scale), ascending
//   sampleCount: number    samples in range before downsampling
//   bucketMs:   number     0 when these are the samples themselves; otherwise each point summarises
//                          [timestamps[i], timestamps[i] + bucketMs / 1000) seconds
//   series:     { cpuPercent?, memoryUsed?, memoryPercent?, gpuUsage?, gpuMemoryUsed?, diskUsage? }
//               each { min, max, mean }: arrays aligned with timestamps, `null` where there is no
//               value (uPlot draws a gap there). When bucketMs is 0 the three are the same array.
//
// Why min/max/mean per bucket rather than picking samples: a one-second spike in a three-hour
// session would fall between picked points and vanish; here it is the bucket's max. The graph can
// draw the mean as the line and min..max as a band (uPlot `bands`), so spikes and dips both show.
//
// A series absent from every sample in range is absent from `series` (no GPU is not 0 % GPU);
// one present in some samples only (diskUsage before the first disk sample) is null elsewhere.
// An empty bucket (the app was not sampling) is null in every series, so lines break there.
import type { StoredSample } from './stored-sample';

export const SERIES_KEYS = ['cpuPercent', 'memoryUsed', 'memoryPercent', 'gpuUsage', 'gpuMemoryUsed', 'diskUsage'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];
export const DEFAULT_MAX_POINTS = 1000;

export interface SeriesPoints {
  readonly min: (number | null)[];
  readonly max: (number | null)[];
  readonly mean: (number | null)[];
}

export interface Downsampled {
  readonly timestamps: number[];
  readonly bucketMs: number;
  /** Samples in the range, before downsampling. */
  readonly sampleCount: number;
  readonly series: Partial<Record<SeriesKey, SeriesPoints>>;
}

/** Milliseconds since the epoch, both ends included. */
export interface TimeRangeMs {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * `samples` in time order, with `timesMs[i]` the time of `samples[i]` in ms (the reader gives both;
 * computed from the timestamps when left out).
 */
export function downsample(
  samples: readonly StoredSample[],
  range: TimeRangeMs,
  options: { maxPoints?: number; timesMs?: readonly number[] } = {},
): Downsampled {
  const maxPoints = Math.max(1, Math.floor(options.maxPoints ?? DEFAULT_MAX_POINTS));
  const times = options.timesMs ?? samples.map((sample) => Date.parse(sample.timestamp));
  let first = lowerBound(times, range.fromMs);
  const end = lowerBound(times, range.toMs + 1); // exclusive
  if (first > end) first = end;
  const count = end - first;
  const keys = SERIES_KEYS.filter((key) => hasAny(samples, first, end, key));

  if (count <= maxPoints) {
    const timestamps = new Array<number>(count);
    for (let i = 0; i < count; i += 1) timestamps[i] = (times[first + i] ?? 0) / 1000;
    const series: Partial<Record<SeriesKey, SeriesPoints>> = {};
    for (const key of keys) {
      const values = new Array<number | null>(count);
      for (let i = 0; i < count; i += 1) values[i] = samples[first + i]?.[key] ?? null;
      series[key] = { min: values, max: values, mean: values };
    }
    return { timestamps, bucketMs: 0, sampleCount: count, series };
  }

  // Buckets over the data actually in range, whole milliseconds (whole seconds once they reach one),
  // wide enough that span / width < maxPoints, so there are at most maxPoints of them.
  const startMs = times[first] ?? range.fromMs;
  const spanMs = (times[end - 1] ?? startMs) - startMs;
  let bucketMs = Math.floor(spanMs / maxPoints) + 1;
  if (bucketMs >= 1000) bucketMs = Math.ceil(bucketMs / 1000) * 1000;
  const buckets = Math.floor(spanMs / bucketMs) + 1;
  const timestamps = new Array<number>(buckets);
  for (let b = 0; b < buckets; b += 1) timestamps[b] = (startMs + b * bucketMs) / 1000;

  const bucketOf = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) bucketOf[i] = Math.floor(((times[first + i] ?? startMs) - startMs) / bucketMs);
  const series: Partial<Record<SeriesKey, SeriesPoints>> = {};
  for (const key of keys) {
    const low = new Float64Array(buckets).fill(Number.POSITIVE_INFINITY);
    const high = new Float64Array(buckets).fill(Number.NEGATIVE_INFINITY);
    const sum = new Float64Array(buckets);
    const n = new Uint32Array(buckets);
    for (let i = 0; i < count; i += 1) {
      const value = samples[first + i]?.[key];
      if (value === undefined) continue;
      const b = bucketOf[i] ?? 0;
      if (value < (low[b] ?? value)) low[b] = value;
      if (value > (high[b] ?? value)) high[b] = value;
      sum[b] = (sum[b] ?? 0) + value;
      n[b] = (n[b] ?? 0) + 1;
    }
    const min = new Array<number | null>(buckets);
    const max = new Array<number | null>(buckets);
    const mean = new Array<number | null>(buckets);
    for (let b = 0; b < buckets; b += 1) {
      const k = n[b] ?? 0;
      min[b] = k === 0 ? null : (low[b] ?? null);
      max[b] = k === 0 ? null : (high[b] ?? null);
      mean[b] = k === 0 ? null : (sum[b] ?? 0) / k;
    }
    series[key] = { min, max, mean };
  }
  return { timestamps, bucketMs, sampleCount: count, series };
}

/** First index whose time is >= `ms` (times ascending). */
function lowerBound(times: readonly number[], ms: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] ?? Number.POSITIVE_INFINITY) < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

function hasAny(samples: readonly StoredSample[], first: number, end: number, key: SeriesKey): boolean {
  for (let i = first; i < end; i += 1) {
    if (samples[i]?.[key] !== undefined) return true;
  }
  return false;
}
