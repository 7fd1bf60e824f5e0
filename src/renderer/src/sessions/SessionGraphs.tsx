// A session's five graphs with their time-range picker. The stored samples of the range come from
// metrics.query (downsampled, min and max kept); while the session runs, the live samples pushed
// since are appended as they arrive, redrawn at most once per animation frame.
import { useEffect, useMemo, useState } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';
import type { RunnerSession } from '../../../shared/model/entities';
import { isTerminal } from '../../../shared/model/session-states';
import { GRAPH_SERIES } from '../graphs/graph-series';
import { TimeSeriesGraph } from '../graphs/TimeSeriesGraph';
import { TIME_RANGES, defaultRange, mergeGraphData, rangeQuery, rangeWindow, type MetricsQueryResult, type TimeRangeId } from '../graphs/time-range';
import { messageOf } from '../../../shared/errors';
import { liveSamples } from './live-samples';

/** Points asked of metrics.query: about one per pixel of a graph (two share a row of a wide window). */
export const GRAPH_MAX_POINTS = 600;

/** The answer for one query key (range and session state); another key's answer means: still loading. */
type Stored = { key: string; result?: MetricsQueryResult; error?: string };

export function SessionGraphs({ client, session, initialRange }: { client: DillingerClient; session: RunnerSession; initialRange?: TimeRangeId }) {
  const [range, setRange] = useState<TimeRangeId>(initialRange ?? defaultRange(session));
  const [stored, setStored] = useState<Stored>({ key: '' });
  const [liveNow, setLiveNow] = useState(() => Date.now());
  const ended = isTerminal(session.status);
  const { sessionId } = session;

  // The stored part: again when the range changes, and once more when the session ends (its last samples).
  const queryKey = `${sessionId}|${range}|${ended ? session.endTime ?? 'ended' : 'live'}`;
  useEffect(() => {
    let current = true;
    client.invoke('metrics.query', rangeQuery(range, session, Date.now(), GRAPH_MAX_POINTS)).then(
      (result) => current && setStored({ key: queryKey, result }),
      (error: unknown) => current && setStored({ key: queryKey, error: messageOf(error) }),
    );
    return () => {
      current = false;
    };
    // queryKey stands for the session fields the query reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, queryKey]);

  // The live part: redraw when a sample arrives, at most once a frame.
  useEffect(() => {
    if (ended) return;
    let frame = 0;
    const off = liveSamples.subscribe(sessionId, () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setLiveNow(Date.now());
      });
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [sessionId, ended]);

  const loading = stored.key !== queryKey;
  // Keeps drawing the previous range's points until the new ones come.
  const result = stored.result;
  const { data, window } = useMemo(() => {
    const window = rangeWindow(range, session, liveNow);
    const ring = liveSamples.ring(sessionId);
    return { data: mergeGraphData(result, ring?.window(window.fromSec), window.fromSec), window };
    // liveNow: a new sample is in the ring; session fields: the window's ends.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, liveNow, range, sessionId, session.status, session.endTime, session.startTime]);

  return (
    <section className="session-graphs" aria-labelledby={`graphs-${sessionId}`}>
      <div className="session-graphs-head">
        <h3 id={`graphs-${sessionId}`}>Resources</h3>
        <div className="range-picker" role="group" aria-label="Time range">
          {TIME_RANGES.map((option) => (
            <button
              key={option.id}
              type="button"
              className="range-option"
              aria-pressed={range === option.id}
              onClick={() => setRange(option.id)}
            >
              {ended && option.id === 'live' ? 'Last 2 min' : option.label}
            </button>
          ))}
        </div>
      </div>
      {!loading && stored.error && (
        <p className="banner banner-error" role="alert">
          Could not read the stored samples: {stored.error}
        </p>
      )}
      <div className="graph-grid" aria-busy={loading}>
        {GRAPH_SERIES.map((series) => (
          <TimeSeriesGraph
            key={series.key}
            name={series.name}
            times={data.times}
            points={data.series[series.key]}
            format={series.format}
            color={series.color}
            yMax={series.yMax}
            yMinTop={series.yMinTop}
            from={window.fromSec}
            to={window.toSec}
            emptyText={emptyText(series.key, loading && !result, ended)}
          />
        ))}
      </div>
    </section>
  );
}

function emptyText(key: string, loading: boolean, ended: boolean): string {
  if (loading) return 'Loading…';
  if (key === 'gpuUsage' || key === 'gpuMemoryUsed') return 'No GPU figures for this session';
  return ended ? 'No samples were stored' : 'Waiting for the first samples…';
}
