// The shell: the left nav, the host strip and the engine banner on every screen, and the screen the
// address's #/… names.
// The page reaches the core only through the typed client it is given (ClientContext).
import { useEffect, useRef } from 'react';
import type { DillingerClient } from '../../shared/contract/client';
import { isLive, isTerminal, type SessionStatusName } from '../../shared/model/session-states';
import { GameSettingsScreen } from './game-settings/GameSettingsScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { LibraryScreen } from './library/LibraryScreen';
import { useStatsStore } from './library/stats-store';
import { useSessionsConnection } from './sessions/hooks';
import { SessionPage } from './sessions/SessionPage';
import { useSessionsStore } from './sessions/sessions-store';
import { SessionsScreen } from './sessions/SessionsScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { useAppInfoStore } from './shell/app-info-store';
import { ClientContext } from './shell/client-context';
import { EngineBanner } from './shell/EngineStatus';
import { StartupNotices } from './shell/StartupNotices';
import { HostStrip } from './shell/HostStrip';
import { Nav } from './shell/Nav';
import { NotFoundScreen } from './shell/NotFoundScreen';
import { sectionOf, useRoute, type Route } from './shell/route';
import { useLibraryStore } from './library/library-store';
import type { PickedClient } from './transport/pick-client';
import './shell/shell.css';

export function App({ connection }: { connection: PickedClient }) {
  if (connection.mode === 'none') {
    return (
      <div className="no-connection">
        <h1>Dillinger Runner</h1>
        <p className="banner banner-error" role="alert">
          {connection.error}
        </p>
      </div>
    );
  }
  return (
    <ClientContext.Provider value={connection.client}>
      <Shell client={connection.client} />
    </ClientContext.Provider>
  );
}

function Shell({ client }: { client: DillingerClient }) {
  const connectLibrary = useLibraryStore((state) => state.connect);
  const connectStats = useStatsStore((state) => state.connect);
  const loadAppInfo = useAppInfoStore((state) => state.load);
  const engine = useLibraryStore((state) => state.engine);
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  useEffect(() => connectLibrary(client), [client, connectLibrary]);
  useEffect(() => connectStats(client), [client, connectStats]);
  useEffect(() => void loadAppInfo(client), [client, loadAppInfo]);
  // The nav counts the games running now, so the sessions store follows the core on every screen.
  useSessionsConnection(client);
  const active = useSessionsStore((state) => countActive(state.sessions));
  // An ended session's page belongs to History in the nav, as its breadcrumb says.
  const sessionEnded = useSessionsStore((state) => route.name === 'session' && isTerminal(state.sessions[route.sessionId]?.status ?? 'running'));

  // A new screen: keyboard and screen-reader users start at its top, not on the link they pressed.
  const key = JSON.stringify(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [key]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); main.current?.focus(); }}>
        Skip to content
      </a>
      <Nav current={sectionOf(route, sessionEnded)} engine={engine} activeSessions={active} />
      <main className="shell-main" id="main" ref={main} tabIndex={-1}>
        <HostStrip />
        <EngineBanner engine={engine} />
        <StartupNotices client={client} />
        <Screen route={route} />
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'library':
      return <LibraryScreen />;
    case 'game-settings':
      return <GameSettingsScreen key={route.gameId} gameId={route.gameId} />;
    case 'sessions':
      return <SessionsScreen />;
    case 'session':
      return <SessionPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'history':
      return <HistoryScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'not-found':
      return <NotFoundScreen hash={route.hash} />;
  }
}

function countActive(sessions: Record<string, { status: SessionStatusName }>): number {
  let count = 0;
  for (const session of Object.values(sessions)) if (isLive(session.status)) count += 1;
  return count;
}
