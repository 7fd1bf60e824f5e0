// The running sessions: one card each with its status, uptime and live CPU / memory / GPU sparklines,
// opening its page; Stop right there. The last few that ended sit below, linking to History.
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import type { RunnerSession } from '../../../shared/model/entities';
import { isTerminal } from '../../../shared/model/session-states';
import { formatDateTime } from '../graphs/format';
import { SPARKLINE_SERIES } from '../graphs/graph-series';
import { SPARKLINE_SAMPLES } from '../graphs/Sparkline';
import { samplesFromQuery } from '../graphs/time-range';
import { Sparkline } from '../graphs/Sparkline';
import { LaunchPhaseNote } from '../play/LaunchPhaseNote';
import { useClient } from '../shell/client-context';
import { messageOf } from '../../../shared/errors';
import { routeHref } from '../shell/route';
import { useGameTitles, useSessionsConnection } from './hooks';
import { liveSamples } from './live-samples';
import { Uptime } from './SessionPage';
import { useSessionsStore } from './sessions-store';
import { StatusBadge } from './StatusBadge';
import { SessionPicture } from './SessionPicture';
import { sessionKindLabel } from './session-kind';
import './sessions.css';

const RECENT_ENDED = 5;

/** Running (not yet ended) sessions, newest first; and the most recently ended ones. */
export function splitSessions(sessions: Record<string, RunnerSession>): { active: RunnerSession[]; ended: RunnerSession[] } {
  const all = Object.values(sessions);
  const active = all.filter((s) => !isTerminal(s.status)).sort((a, b) => b.startTime.localeCompare(a.startTime));
  const ended = all
    .filter((s) => isTerminal(s.status))
    .sort((a, b) => (b.endTime ?? b.startTime).localeCompare(a.endTime ?? a.startTime))
    .slice(0, RECENT_ENDED);
  return { active, ended };
}

export function SessionsScreen() {
  const client = useClient();
  useSessionsConnection(client);
  const sessions = useSessionsStore((state) => state.sessions);
  const load = useSessionsStore((state) => state.load);
  const titleOf = useGameTitles();
  const { active, ended } = useMemo(() => splitSessions(sessions), [sessions]);

  return (
    <section className="screen sessions-screen" aria-labelledby="sessions-heading">
      <header className="page-header">
        <h2 id="sessions-heading">Sessions</h2>
        <p className="page-subtitle">{active.length === 1 ? '1 game running' : `${active.length} games running`}</p>
      </header>
      {load.state === 'error' && (
        <p className="banner banner-error" role="alert">
          Could not list the sessions: {load.message}
        </p>
      )}
      {active.length === 0 && load.state !== 'loading' ? (
        <p className="empty-state">
          No game is running. Press Play on a game in the <a href={routeHref({ name: 'library' })}>Library</a>.
        </p>
      ) : (
        <ul className="session-cards" aria-label="Running sessions">
          {active.map((session) => (
            <SessionCard key={session.sessionId} session={session} title={titleOf(session.gameId)} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <section className="recent-ended" aria-labelledby="recent-ended-heading">
          <h3 id="recent-ended-heading">Recently ended</h3>
          <ul aria-label="Recently ended sessions">
            {ended.map((session) => (
              <li key={session.sessionId}>
                <a href={routeHref({ name: 'session', sessionId: session.sessionId })}>{titleOf(session.gameId)}</a>{' '}
                <StatusBadge status={session.status} />
                {session.exitCode !== undefined && session.exitCode !== 0 && <span className="muted"> exit code {session.exitCode}</span>}
                <span className="muted"> · {formatDateTime(session.endTime ?? session.startTime)}</span>
              </li>
            ))}
          </ul>
          <a href={routeHref({ name: 'history' })}>All past sessions</a>
        </section>
      )}
    </section>
  );
}

/** Memoised: a change of one session re-renders its card only. */
const SessionCard = memo(function SessionCard({ session, title }: { session: RunnerSession; title: string }) {
  const client = useClient();
  const stop = useSessionsStore((state) => state.stop);
  const [error, setError] = useState<string | undefined>();
  const { sessionId } = session;
  const ring = useCallback(() => liveSamples.ring(sessionId), [sessionId]);
  const subscribe = useCallback((listener: () => void) => liveSamples.subscribe(sessionId, listener), [sessionId]);
  const headingId = `card-${sessionId}`;

  // A game that ran before the page opened: its last minute from the stored samples, at once.
  useEffect(() => {
    if ((liveSamples.ring(sessionId)?.length ?? 0) >= SPARKLINE_SAMPLES) return;
    let current = true;
    const from = new Date(Date.now() - SPARKLINE_SAMPLES * 1000).toISOString();
    client.invoke('metrics.query', { sessionId, from, maxPoints: SPARKLINE_SAMPLES }).then(
      (result) => current && liveSamples.prepend(sessionId, samplesFromQuery(result)),
      () => undefined, // the sparklines fill from the live samples anyway
    );
    return () => {
      current = false;
    };
  }, [client, sessionId]);

  return (
    <li className="session-card" aria-labelledby={headingId}>
      <div className="session-card-head">
        <h3 id={headingId} className="session-card-title">
          <a href={routeHref({ name: 'session', sessionId })}>{title}</a>
        </h3>
        <StatusBadge status={session.status} />
      </div>
      <p className="session-card-meta">
        <span>
          Up <Uptime session={session} />
        </span>
        {session.platform && <span>{session.platform === 'windows' ? 'Windows' : 'Linux'}</span>}
        {sessionKindLabel(session) && <span className="badge">{sessionKindLabel(session)}</span>}
      </p>
      <LaunchPhaseNote session={session} />
      <SessionPicture client={client} session={session} title={title} />
      <div className="session-card-sparklines">
        {SPARKLINE_SERIES.map((series) => (
          <Sparkline key={series.key} name={series.name} seriesKey={series.key} color={series.color} format={series.format} yMax={series.yMax} ring={ring} subscribe={subscribe} />
        ))}
      </div>
      <div className="session-card-actions">
        <a className="button button-secondary" href={routeHref({ name: 'session', sessionId })} aria-label={`Open ${title}`}>
          Open
        </a>
        <button
          type="button"
          className="button"
          aria-label={`Stop ${title}`}
          disabled={session.status === 'stopping'}
          onClick={() => stop(client, sessionId).catch((failure: unknown) => setError(messageOf(failure)))}
        >
          Stop
        </button>
      </div>
      {error && (
        <p className="stop-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
});
