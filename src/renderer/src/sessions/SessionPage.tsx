// One session: its game, status and clock; the launch progress while it starts (or why it did not);
// Stop and Force stop; live graphs with a time range; and the log.
import { useEffect, useState } from 'react';
import type { RunnerSession } from '../../../shared/model/entities';
import { isTerminal } from '../../../shared/model/session-states';
import { formatDateTime, formatDuration, formatUptime, sessionSeconds } from '../graphs/format';
import { PlayProgress } from '../play/PlayProgress';
import { adviceFor, showsProgress } from '../play/play-steps';
import { useClient } from '../shell/client-context';
import { SessionPicture } from './SessionPicture';
import { messageOf } from '../../../shared/errors';
import { routeHref } from '../shell/route';
import { useGameTitles, useSecondTick, useSessionsConnection } from './hooks';
import { LogTail } from './LogTail';
import { SessionGraphs } from './SessionGraphs';
import { useSessionsStore } from './sessions-store';
import { StatusBadge } from './StatusBadge';
import './sessions.css';

export function SessionPage({ sessionId }: { sessionId: string }) {
  const client = useClient();
  useSessionsConnection(client);
  const session = useSessionsStore((state) => state.sessions[sessionId]);
  const fetchSession = useSessionsStore((state) => state.fetch);
  const [missing, setMissing] = useState<string | undefined>();

  // Opened by its address before the list came: ask for this one.
  const known = session !== undefined;
  useEffect(() => {
    if (known) return;
    let current = true;
    fetchSession(client, sessionId).catch((error: unknown) => current && setMissing(messageOf(error)));
    return () => {
      current = false;
    };
  }, [client, fetchSession, known, sessionId]);

  if (!session) {
    return (
      <section className="screen session-page" aria-labelledby="session-heading">
        <header className="page-header">
          <h2 id="session-heading">Session</h2>
        </header>
        {missing ? (
          <p className="banner banner-error" role="alert">
            {missing} <a href={routeHref({ name: 'sessions' })}>All sessions</a>
          </p>
        ) : (
          <p role="status">Loading the session…</p>
        )}
      </section>
    );
  }
  return <SessionView session={session} />;
}

function SessionView({ session }: { session: RunnerSession }) {
  const client = useClient();
  const titleOf = useGameTitles();
  const title = titleOf(session.gameId);
  const ended = isTerminal(session.status);

  return (
    <section className="screen session-page" aria-labelledby="session-heading">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <a href={routeHref({ name: ended ? 'history' : 'sessions' })}>{ended ? 'History' : 'Sessions'}</a>
        <span aria-hidden="true"> / </span>
        <span>{title}</span>
      </nav>
      <header className="page-header session-header">
        <div className="session-title">
          <h2 id="session-heading">{title}</h2>
          <StatusBadge status={session.status} live label="Session status" />
        </div>
        <StopButtons session={session} title={title} />
      </header>
      <SessionFacts session={session} />
      <SessionPicture client={client} session={session} title={title} screenshot={!ended} />
      {showsProgress(session) && <PlayProgress session={session} title={title} />}
      {ended && !showsProgress(session) && <Outcome session={session} />}
      <SessionGraphs key={session.sessionId} client={client} session={session} />
      <LogTail client={client} sessionId={session.sessionId} ended={ended} />
    </section>
  );
}

function SessionFacts({ session }: { session: RunnerSession }) {
  const ended = isTerminal(session.status);
  return (
    <dl className="session-facts">
      <div>
        <dt>{ended ? 'Played for' : 'Uptime'}</dt>
        <dd>{ended ? formatDuration(sessionSeconds(session, Date.parse(session.lastActivity ?? session.startTime))) : <Uptime session={session} />}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{formatDateTime(session.startTime)}</dd>
      </div>
      {session.endTime && (
        <div>
          <dt>Ended</dt>
          <dd>{formatDateTime(session.endTime)}</dd>
        </div>
      )}
      {session.platform && (
        <div>
          <dt>Platform</dt>
          <dd>{session.platform === 'windows' ? 'Windows (Wine)' : 'Linux'}</dd>
        </div>
      )}
      <div>
        <dt>User</dt>
        <dd>{session.userId}</dd>
      </div>
      <div>
        <dt>Display</dt>
        <dd>
          {session.displayInfo.method.toUpperCase()} {session.displayInfo.displayId}
        </dd>
      </div>
      <div>
        <dt>Container</dt>
        <dd>
          <code title={session.containerId}>{session.containerId.slice(0, 24)}</code>
        </dd>
      </div>
    </dl>
  );
}

/** Only the clock re-renders each second, not the page. */
export function Uptime({ session }: { session: Pick<RunnerSession, 'startTime' | 'endTime'> }) {
  const now = useSecondTick();
  return <span className="uptime">{formatUptime(sessionSeconds(session, now))}</span>;
}

function Outcome({ session }: { session: RunnerSession }) {
  const advice = adviceFor(session);
  const crashed = session.status === 'crashed' || session.status === 'failed';
  return (
    <div className={`session-outcome${crashed ? ' session-outcome-bad' : ''}`} role={crashed ? 'alert' : undefined}>
      {session.exitCode !== undefined && <p className="session-exit">Exit code {session.exitCode}</p>}
      {session.statusReason && <p>{session.statusReason}</p>}
      {advice && <p className="session-advice">{advice}</p>}
    </div>
  );
}

function StopButtons({ session, title }: { session: RunnerSession; title: string }) {
  const client = useClient();
  const stop = useSessionsStore((state) => state.stop);
  const [pending, setPending] = useState<'stop' | 'force' | undefined>();
  const [error, setError] = useState<string | undefined>();
  if (isTerminal(session.status)) return null;
  const press = async (force: boolean) => {
    setPending(force ? 'force' : 'stop');
    setError(undefined);
    try {
      await stop(client, session.sessionId, force);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(undefined);
    }
  };
  const stopping = session.status === 'stopping';
  return (
    <div className="stop-buttons">
      <button type="button" className="button" onClick={() => void press(false)} disabled={stopping || pending !== undefined} title={`Ask ${title} to quit (SIGTERM, then SIGKILL after a grace period)`}>
        {stopping || pending === 'stop' ? 'Stopping…' : 'Stop'}
      </button>
      <button type="button" className="button button-danger" onClick={() => void press(true)} disabled={pending === 'force'} title={`Kill ${title} at once (SIGKILL): unsaved progress is lost`}>
        Force stop
      </button>
      {error && (
        <p className="stop-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
