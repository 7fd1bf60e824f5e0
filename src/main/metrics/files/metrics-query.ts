// metrics.query(sessionId, timeRange): a session's samples over a time range, downsampled for
// the graphs (downsample.ts says what comes back and why).
//
// Range rules:
// - `to` defaults to the session's newest sample, or now when it has none;
// - `from` defaults to one hour before `to`;
// - both ends are included; both must be ISO-8601 dates with a zone (`2025-10-29T14:30:00Z`);
// - an explicit `from` must be before an explicit (or defaulted) `to`, except that a `from` after
//   the newest sample, with `to` left out, is simply an empty answer (a live graph asking "since").
import { SESSION_ID_PATTERN, isoDate } from '../../../shared/model/entities';
import { DEFAULT_MAX_POINTS, downsample, type Downsampled } from './downsample';
import type { MetricsReader } from './metrics-reader';

export const DEFAULT_QUERY_SPAN_MS = 60 * 60_000;

export interface MetricsTimeRange {
  readonly from?: string;
  readonly to?: string;
}

export interface MetricsQueryResult extends Downsampled {
  readonly sessionId: string;
  /** The range answered, defaults filled in (ISO-8601, UTC). */
  readonly from: string;
  readonly to: string;
}

/** A refused query; `field` names what to fix. */
export class MetricsQueryError extends Error {
  constructor(
    readonly field: 'sessionId' | 'from' | 'to' | 'range',
    message: string,
  ) {
    super(message);
    this.name = 'MetricsQueryError';
  }
}

export async function queryMetrics(
  reader: MetricsReader,
  sessionId: string,
  range: MetricsTimeRange = {},
  options: { maxPoints?: number; now?: () => Date } = {},
): Promise<MetricsQueryResult> {
  if (typeof sessionId !== 'string' || !SESSION_ID_PATTERN.test(sessionId)) {
    throw new MetricsQueryError('sessionId', `${JSON.stringify(sessionId)} is not a session id: session ids look like sess_<uuid>.`);
  }
  const explicitFrom = parseEnd('from', range.from);
  const explicitTo = parseEnd('to', range.to);
  if (explicitFrom !== undefined && explicitTo !== undefined && explicitFrom >= explicitTo) {
    throw new MetricsQueryError('range', `"from" (${range.from}) must be before "to" (${range.to}).`);
  }
  const { samples, timesMs } = await reader.read(sessionId);
  const newest = timesMs[timesMs.length - 1];
  let toMs = explicitTo ?? newest ?? (options.now ?? (() => new Date()))().getTime();
  if (explicitTo === undefined && explicitFrom !== undefined && explicitFrom > toMs) toMs = explicitFrom;
  const fromMs = explicitFrom ?? toMs - DEFAULT_QUERY_SPAN_MS;

  const points = downsample(samples, { fromMs, toMs }, { maxPoints: options.maxPoints ?? DEFAULT_MAX_POINTS, timesMs });
  return {
    sessionId,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    ...points,
  };
}

function parseEnd(field: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isoDate.safeParse(value).success) {
    throw new MetricsQueryError(
      field,
      `"${field}" must be an ISO-8601 date and time with a zone, such as 2025-10-29T14:30:00Z; got ${JSON.stringify(value)}.`,
    );
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new MetricsQueryError(field, `"${field}" (${value}) is not a real date and time.`);
  return ms;
}
