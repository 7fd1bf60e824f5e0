// The live samples of one session, newest last, in a fixed amount of memory: a ring of columns
// (seconds since the epoch, then one column per series). Pushing is O(1) and allocates nothing;
// reading a window copies only what the graph draws.
import type { ResourceUsage } from '../../../shared/model/entities';

export const SERIES_KEYS = ['cpuPercent', 'memoryUsed', 'memoryPercent', 'gpuUsage', 'gpuMemoryUsed', 'diskUsage'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

/** An hour at one sample a second. */
export const DEFAULT_RING_CAPACITY = 3600;

export interface SampleWindow {
  /** Seconds since the epoch, ascending. */
  times: number[];
  /** One value per time (null where the sample lacked the series), for the series any sample has. */
  values: Partial<Record<SeriesKey, (number | null)[]>>;
}

export class SampleRing {
  private readonly times: Float64Array;
  private readonly columns: Record<SeriesKey, Float64Array>;
  private readonly seen = new Set<SeriesKey>();
  private start = 0;
  private count = 0;

  constructor(readonly capacity = DEFAULT_RING_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('a ring holds at least one sample');
    this.times = new Float64Array(capacity);
    this.columns = Object.fromEntries(SERIES_KEYS.map((key) => [key, new Float64Array(capacity)])) as Record<SeriesKey, Float64Array>;
  }

  get length(): number {
    return this.count;
  }

  /** Seconds since the epoch of the newest sample. */
  get lastTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[this.index(this.count - 1)];
  }

  /** Series that at least one sample carried (GPU figures are absent for a session without a GPU). */
  has(key: SeriesKey): boolean {
    return this.seen.has(key);
  }

  /** Adds a sample; one not newer than the newest is ignored (a repeat, or one that arrived late). Returns whether it was kept. */
  push(sample: ResourceUsage): boolean {
    const t = Date.parse(sample.timestamp) / 1000;
    if (!Number.isFinite(t)) return false;
    const last = this.lastTime;
    if (last !== undefined && t <= last) return false;
    let slot: number;
    if (this.count < this.capacity) {
      slot = this.index(this.count);
      this.count++;
    } else {
      slot = this.start;
      this.start = (this.start + 1) % this.capacity;
    }
    this.times[slot] = t;
    for (const key of SERIES_KEYS) {
      const value = sample[key];
      if (typeof value === 'number' && Number.isFinite(value)) {
        this.columns[key][slot] = value;
        this.seen.add(key);
      } else {
        this.columns[key][slot] = Number.NaN;
      }
    }
    return true;
  }

  /** The newest value of a series, if the newest sample had it. */
  latest(key: SeriesKey): number | undefined {
    if (this.count === 0) return undefined;
    const value = this.columns[key][this.index(this.count - 1)];
    return value === undefined || Number.isNaN(value) ? undefined : value;
  }

  /** Samples at or after `fromSeconds` (all of them without it), oldest first. */
  window(fromSeconds = -Infinity, keys: readonly SeriesKey[] = SERIES_KEYS): SampleWindow {
    const first = this.firstAtOrAfter(fromSeconds);
    const n = this.count - first;
    const times = new Array<number>(n);
    const present = keys.filter((key) => this.seen.has(key));
    const values: SampleWindow['values'] = {};
    for (const key of present) values[key] = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const slot = this.index(first + i);
      times[i] = this.times[slot]!;
      for (const key of present) {
        const value = this.columns[key][slot]!;
        values[key]![i] = Number.isNaN(value) ? null : value;
      }
    }
    return { times, values };
  }

  /** Every sample as the model's ResourceUsage (absent series left out), oldest first. */
  toSamples(): ResourceUsage[] {
    const { times, values } = this.window();
    return times.map((t, i) => {
      const sample: Record<string, number | string> = { timestamp: new Date(t * 1000).toISOString() };
      for (const key of SERIES_KEYS) {
        const value = values[key]?.[i];
        if (value !== null && value !== undefined) sample[key] = value;
      }
      return sample as unknown as ResourceUsage;
    });
  }

  /** The last `n` values of one series, oldest first (NaN where a sample lacked it), into `into` when given. */
  tail(key: SeriesKey, n: number, into?: Float64Array): Float64Array {
    const take = Math.min(n, this.count);
    const out = into && into.length >= take ? into.subarray(0, take) : new Float64Array(take);
    const column = this.columns[key];
    for (let i = 0; i < take; i++) out[i] = column[this.index(this.count - take + i)]!;
    return out;
  }

  private index(logical: number): number {
    return (this.start + logical) % this.capacity;
  }

  /** Binary search over the logical order (times ascend). */
  private firstAtOrAfter(seconds: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[this.index(mid)]! < seconds) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
