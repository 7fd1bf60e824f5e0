// Past sessions, filterable by game, status and user, with how long each ran, how it ended and the
// snapshot of its saves it left (a link to the game's Saves panel); choosing one replays its graphs
// from the stored samples (metrics.query) below the list.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionStatus } from '../../../shared/model/entities';
import { formatDateTime, formatDuration, sessionSeconds } from '../graphs/format';
import { useClient } from '../shell/client-context';
import { routeHref } from '../shell/route';
import { useGameTitles, useSessionsConnection } from '../sessions/hooks';
import { SessionGraphs } from '../sessions/SessionGraphs';
import { SessionPicture } from '../sessions/SessionPicture';
import { useSessionsStore } from '../sessions/sessions-store';
import { StatusBadge } from '../sessions/StatusBadge';
import { sessionKindLabel } from '../sessions/session-kind';
import { savesNote } from './history-saves';
import { ANY_FILTER, applyHistoryFilter, filterChoices, outcomeText, pastSessions, type HistoryFilter } from './history-filters';
import './history.css';

export function HistoryScreen() {
  const client = useClient();
  useSessionsConnection(client);
  const sessions = useSessionsStore((state) => state.sessions);
  const load = useSessionsStore((state) => state.load);
  const titleOf = useGameTitles();
  const [filter, setFilter] = useState<HistoryFilter>(ANY_FILTER);
  const [selectedId, setSelectedId] = useState<string | undefined>();

  const past = useMemo(() => pastSessions(sessions), [sessions]);
  const choices = useMemo(() => filterChoices(past, titleOf), [past, titleOf]);
  const shown = useMemo(() => applyHistoryFilter(past, filter), [past, filter]);
  const selected = selectedId ? sessions[selectedId] : undefined;
  const change = (patch: Partial<HistoryFilter>) => setFilter((previous) => ({ ...previous, ...patch }));
  const replay = useRef<HTMLElement>(null);
  useEffect(() => {
    if (selectedId) replay.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [selectedId]);

  return (
    <section className="screen history-screen" aria-labelledby="history-heading">
      <header className="page-header">
        <h2 id="history-heading">History</h2>
        <p className="page-subtitle">{past.length === 1 ? '1 past session' : `${past.length} past sessions`}</p>
      </header>
      <form className="history-filters" aria-label="Filter past sessions" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect label="Game" any="All games" value={filter.gameId} options={choices.games.map((game) => ({ value: game.id, text: game.title }))} onChange={(gameId) => change({ gameId })} />
        <FilterSelect label="Status" any="Any status" value={filter.status} options={choices.statuses.map((status) => ({ value: status, text: status }))} onChange={(status) => change({ status: status as SessionStatus | '' })} />
        <FilterSelect label="User" any="All users" value={filter.userId} options={choices.users.map((user) => ({ value: user, text: user }))} onChange={(userId) => change({ userId })} />
        {(filter.gameId || filter.status || filter.userId) && (
          <button type="button" className="button button-secondary" onClick={() => setFilter(ANY_FILTER)}>
            Clear filters
          </button>
        )}
      </form>
      {load.state === 'error' && (
        <p className="banner banner-error" role="alert">
          Could not list the sessions: {load.message}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="empty-state">{load.state === 'loading' ? 'Loading…' : past.length === 0 ? 'No session has ended yet.' : 'No past session matches these filters.'}</p>
      ) : (
        <div className="history-table-wrap">
          <table className="history-table" aria-label="Past sessions">
            <thead>
              <tr>
                <th scope="col">Game</th>
                <th scope="col">Picture</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Status</th>
                <th scope="col">Exit</th>
                <th scope="col">User</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((session) => {
                const title = titleOf(session.gameId);
                const isSelected = session.sessionId === selectedId;
                return (
                  <tr key={session.sessionId} aria-selected={isSelected} className={isSelected ? 'selected' : undefined}>
                    <th scope="row">
                      <a href={routeHref({ name: 'session', sessionId: session.sessionId })}>{title}</a>
                      {sessionKindLabel(session) && <span className="badge"> {sessionKindLabel(session)}</span>}
                    </th>
                    <td>{session.picture && <SessionPicture client={client} session={session} title={title} className="session-picture-small" />}</td>
                    <td>{formatDateTime(session.startTime)}</td>
                    <td>{formatDuration(sessionSeconds(session, Date.parse(session.lastActivity ?? session.startTime)))}</td>
                    <td>
                      <StatusBadge status={session.status} />
                    </td>
                    <td className="history-outcome">
                      {outcomeText(session)}
                      <SavesNoteLine session={session} title={title} />
                    </td>
                    <td>{session.userId}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-pressed={isSelected}
                        aria-label={`Graphs of ${title}, ${formatDateTime(session.startTime)}`}
                        onClick={() => setSelectedId(isSelected ? undefined : session.sessionId)}
                      >
                        Graphs
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {selected && (
        <section ref={replay} className="history-replay" aria-label={`Replay of ${titleOf(selected.gameId)}`}>
          <h3>
            {titleOf(selected.gameId)} · {formatDateTime(selected.startTime)}
          </h3>
          <SessionGraphs key={selected.sessionId} client={client} session={selected} initialRange="session" />
        </section>
      )}
    </section>
  );
}

/** The snapshot a session left, linked to its game's settings page, where the Saves panel is. */
function SavesNoteLine({ session, title }: { session: Parameters<typeof savesNote>[0]; title: string }) {
  const note = savesNote(session);
  if (!note) return null;
  return (
    <div className={note.failed ? 'history-saves history-saves-failed' : 'history-saves'}>
      <a href={routeHref({ name: 'game-settings', gameId: session.gameId })} title={`The Saves panel of ${title}`}>
        {note.text}
      </a>
    </div>
  );
}

/** One filter of the list: `any` (the empty value) and a choice per option. */
function FilterSelect({ label, any, value, options, onChange }: { label: string; any: string; value: string; options: Array<{ value: string; text: string }>; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </label>
  );
}
