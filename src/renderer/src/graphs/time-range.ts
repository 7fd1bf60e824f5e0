// The session page's time ranges, and how a graph's points are put together for one: the stored,
// downsampled history (metrics.query) followed by the live samples pushed since it was read.
import type { MethodResult } from '../../../shared/contract/contract';
import type { ResourceUsage, RunnerSession } from '../../../shared/model/entities';
import { isTerminal } from '../../../shared/model/session-states';
import { SERIES_KEYS, type SampleWindow, type SeriesKey } from './sample-ring';

export const TIME_RANGES = [
  { id: 'live', label: 'Live', seconds: 120 },
  { id: '5m', label: '5 min', seconds: 300 },
  { id: '1h', label: '1 h', seconds: 3600 },
  { id: 'session', label: 'Whole session', seconds: undefined },
] as const;
export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];

export type MetricsQueryResult = MethodResult<'metrics.query'>;

export interface RangeWindow {
  /** Seconds since the epoch where the graph starts. */
  fromSec: number;
  /** Where it ends; undefined while the session runs (the graph follows the newest sample). */
  toSec: number | undefined;
}

/** A running session opens live; a finished one on its whole run. */
export function defaultRange(session: Pick<RunnerSession, 'status'>): TimeRangeId {
  return isTerminal(session.status) ? 'session' : 'live';
}

/** The end of a finished session's data: its end time, else its last activity, else now. */
function endMs(session: Pick<RunnerSession, 'status' | 'endTime' | 'lastActivity'>, nowMs: number): number | undefined {
  if (!isTerminal(session.status)) return undefined;
  const end = Date.parse(session.endTime ?? session.lastActivity ?? '');
  return Number.isNaN(end) ? nowMs : end;
}

export function rangeWindow(range: TimeRangeId, session: Pick<RunnerSession, 'status' | 'startTime' | 'endTime' | 'lastActivity'>, nowMs: number): RangeWindow {
  const end = endMs(session, nowMs);
  const startSec = Date.parse(session.startTime) / 1000;
  const anchorSec = (end ?? nowMs) / 1000;
  const span = TIME_RANGES.find((r) => r.id === range)?.seconds;
  const fromSec = span === undefined ? startSec : Math.max(startSec, anchorSec - span);
  return { fromSec: Number.isFinite(fromSec) ? fromSec : anchorSec - 120, toSec: end === undefined ? undefined : anchorSec };
}

/** metrics.query's input for a range: `to` left out while the session runs. */
export function rangeQuery(
  range: TimeRangeId,
  session: Pick<RunnerSession, 'sessionId' | 'status' | 'startTime' | 'endTime' | 'lastActivity'>,
  nowMs: number,
  maxPoints = 1000,
): { sessionId: string; from: string; to?: string; maxPoints: number } {
  const window = rangeWindow(range, session, nowMs);
  // One second of slack on each side: samples are taken a little after start, and a little before the end is announced.
  const from = new Date(Math.floor(window.fromSec - 1) * 1000).toISOString();
  const query = { sessionId: session.sessionId, from, maxPoints: Math.max(10, Math.min(5000, Math.round(maxPoints))) };
  return window.toSec === undefined ? query : { ...query, to: new Date(Math.ceil(window.toSec + 1) * 1000).toISOString() };
}

export interface SeriesPoints {
  mean: (number | null)[];
  /** Present when the stored points were buckets (min and max of each). */
  min?: (number | null)[];
  max?: (number | null)[];
}

export interface GraphData {
  times: number[];
  series: Partial<Record<SeriesKey, SeriesPoints>>;
}

/**
 * The stored points at or after `fromSec`, then the live samples newer than the last stored one.
 * A series that only one side has is null on the other (a gap, not a zero).
 */
export function mergeGraphData(stored: MetricsQueryResult | undefined, live: SampleWindow | undefined, fromSec: number): GraphData {
  const times: number[] = [];
  const series: GraphData['series'] = {};
  const bucketed = (stored?.bucketMs ?? 0) > 0;

  const storedTimes = stored?.timestamps ?? [];
  let first = 0;
  while (first < storedTimes.length && storedTimes[first]! < fromSec) first++;
  const lastStored = storedTimes.length > 0 ? storedTimes[storedTimes.length - 1]! : -Infinity;
  const liveTimes = live?.times ?? [];
  let liveFirst = 0;
  while (liveFirst < liveTimes.length && (liveTimes[liveFirst]! <= lastStored || liveTimes[liveFirst]! < fromSec)) liveFirst++;

  const storedCount = storedTimes.length - first;
  const liveCount = liveTimes.length - liveFirst;
  for (let i = first; i < storedTimes.length; i++) times.push(storedTimes[i]!);
  for (let i = liveFirst; i < liveTimes.length; i++) times.push(liveTimes[i]!);

  for (const key of SERIES_KEYS) {
    const fromStore = stored?.series[key];
    const fromLive = live?.values[key];
    if (!fromStore && !fromLive) continue;
    const nulls = (n: number) => new Array<number | null>(n).fill(null);
    const tail = fromLive ? fromLive.slice(liveFirst) : nulls(liveCount);
    const points: SeriesPoints = {
      mean: [...(fromStore ? fromStore.mean.slice(first) : nulls(storedCount)), ...tail],
    };
    if (bucketed && fromStore) {
      // Live samples are single points: their min and max are the sample itself.
      points.min = [...fromStore.min.slice(first), ...tail];
      points.max = [...fromStore.max.slice(first), ...tail];
    }
    series[key] = points;
  }
  return { times, series };
}

/** Points drawn for a series: the samples that are not gaps. */
export function countPoints(points: SeriesPoints | undefined): number {
  if (!points) return 0;
  let n = 0;
  for (const value of points.mean) if (value !== null) n++;
  return n;
}

/** A query's points as samples (their means), for seeding a live ring. */
export function samplesFromQuery(result: MetricsQueryResult): ResourceUsage[] {
  return result.timestamps.map((t, i) => {
    const sample: Record<string, number | string> = { timestamp: new Date(t * 1000).toISOString() };
    for (const key of SERIES_KEYS) {
      const value = result.series[key]?.mean[i];
      if (value !== null && value !== undefined) sample[key] = value;
    }
    return sample as unknown as ResourceUsage;
  });
}
