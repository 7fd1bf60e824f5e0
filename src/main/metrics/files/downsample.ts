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
  if (count <= maxPoints) {
    const timestamps = new Array<number>(count);
    for (let i = 0; i < count; i += 1) timestamps[i] = (times[first + i] ?? 0) / 1000;
    const columns = SERIES_KEYS.map(() => new Array<number | null>(count));
    const present = SERIES_KEYS.map(() => false);
    for (let i = 0; i < count; i += 1) {
      const sample = samples[first + i];
      for (let k = 0; k < SERIES_COUNT; k += 1) {
        const value = sample === undefined ? undefined : seriesValue(sample, k);
        (columns[k] as (number | null)[])[i] = value ?? null;
        if (value !== undefined) present[k] = true;
      }
    }
    const series: Partial<Record<SeriesKey, SeriesPoints>> = {};
    SERIES_KEYS.forEach((key, k) => {
      const values = columns[k] as (number | null)[];
      if (present[k]) series[key] = { min: values, max: values, mean: values };
    });
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

  // One pass over the samples for every series, each field read by name (seriesValue): reading
  // `sample[key]` with six different keys made the loads megamorphic, the bulk of a cold query's
  // downsampling. Accumulators are typed arrays, slot = bucket * SERIES_COUNT + series.
  const slots = buckets * SERIES_COUNT;
  const low = new Float64Array(slots).fill(Number.POSITIVE_INFINITY);
  const high = new Float64Array(slots).fill(Number.NEGATIVE_INFINITY);
  const sum = new Float64Array(slots);
  const n = new Uint32Array(slots);
  const present = SERIES_KEYS.map(() => false);
  for (let i = 0; i < count; i += 1) {
    const sample = samples[first + i];
    if (sample === undefined) continue;
    const base = Math.floor(((times[first + i] ?? startMs) - startMs) / bucketMs) * SERIES_COUNT;
    for (let k = 0; k < SERIES_COUNT; k += 1) {
      const value = seriesValue(sample, k);
      if (value === undefined) continue;
      const slot = base + k;
      if (value < (low[slot] as number)) low[slot] = value;
      if (value > (high[slot] as number)) high[slot] = value;
      sum[slot] = (sum[slot] as number) + value;
      n[slot] = (n[slot] as number) + 1;
      present[k] = true;
    }
  }
  const series: Partial<Record<SeriesKey, SeriesPoints>> = {};
  SERIES_KEYS.forEach((key, k) => {
    if (!present[k]) return;
    const min = new Array<number | null>(buckets);
    const max = new Array<number | null>(buckets);
    const mean = new Array<number | null>(buckets);
    for (let b = 0; b < buckets; b += 1) {
      const slot = b * SERIES_COUNT + k;
      const m = n[slot] as number;
      min[b] = m === 0 ? null : (low[slot] as number);
      max[b] = m === 0 ? null : (high[slot] as number);
      mean[b] = m === 0 ? null : (sum[slot] as number) / m;
    }
    series[key] = { min, max, mean };
  });
  return { timestamps, bucketMs, sampleCount: count, series };
}

const SERIES_COUNT = SERIES_KEYS.length;

/** Series k (SERIES_KEYS order) of a sample, read by name so every load stays monomorphic. */
function seriesValue(sample: StoredSample, k: number): number | undefined {
  switch (k) {
    case 0:
      return sample.cpuPercent;
    case 1:
      return sample.memoryUsed;
    case 2:
      return sample.memoryPercent;
    case 3:
      return sample.gpuUsage;
    case 4:
      return sample.gpuMemoryUsed;
    default:
      return sample.diskUsage;
  }
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
