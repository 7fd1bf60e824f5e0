// The first page: the engine's status and the library, as plain accessible markup. (The full UI, with
// forms, sessions and graphs, builds on this store and client.)
import { useEffect } from 'react';
import type { EngineStatus } from '../../shared/contract/engine-status';
import type { LibraryGame, LibrarySnapshot } from '../../shared/library/manifest';
import { useLibraryStore, type Loadable } from './stores/library-store';
import type { PickedClient } from './transport/pick-client';

const PLATFORM_LABELS: Record<string, string> = { windows: 'Windows', linux: 'Linux' };

export function App({ connection }: { connection: PickedClient }) {
  const connect = useLibraryStore((state) => state.connect);
  const library = useLibraryStore((state) => state.library);
  const engine = useLibraryStore((state) => state.engine);
  const client = connection.mode === 'none' ? undefined : connection.client;

  useEffect(() => (client ? connect(client) : undefined), [client, connect]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Dillinger Runner</h1>
      </header>
      <main className="app-main">
        {connection.mode === 'none' ? (
          <p className="banner banner-error" role="alert">
            {connection.error}
          </p>
        ) : (
          <>
            <EngineLine engine={engine} />
            <LibraryView library={library} />
          </>
        )}
      </main>
    </div>
  );
}

function EngineLine({ engine }: { engine: Loadable<EngineStatus> }) {
  if (engine.state === 'loading') {
    return (
      <p className="engine-status" role="status">
        Checking the Docker engine…
      </p>
    );
  }
  if (engine.state === 'error') {
    return (
      <p className="banner banner-error" role="alert">
        Could not ask for the Docker engine's status: {engine.message}
      </p>
    );
  }
  const status = engine.value;
  if (!status.reachable) {
    return (
      <p className="banner banner-error" role="alert">
        {status.message ?? `The Docker engine at ${status.endpoint} does not answer.`}
      </p>
    );
  }
  const version = status.version ? ` ${status.version}` : '';
  const api = status.apiVersion ? ` (API ${status.apiVersion})` : '';
  return (
    <p className="engine-status" role="status">
      <span className="engine-dot" aria-hidden="true" />
      Docker engine{version}{api} at {status.endpoint}
    </p>
  );
}

function LibraryView({ library }: { library: Loadable<LibrarySnapshot> }) {
  if (library.state === 'loading') return <p role="status">Loading the library…</p>;
  if (library.state === 'error') {
    return (
      <p className="banner banner-error" role="alert">
        Could not read the library: {library.message}
      </p>
    );
  }
  const { root, games, problems } = library.value;
  return (
    <>
      <section className="library" aria-labelledby="library-heading">
        <h2 id="library-heading">Library</h2>
        <p className="library-root">{root}</p>
        <ul aria-label="Library" className="game-list">
          {games.map((game) => (
            <GameItem key={game.folder} game={game} />
          ))}
        </ul>
        {games.length === 0 && <p>No games yet: add a folder with a game.json to the library folder.</p>}
      </section>
      {problems.length > 0 && (
        <section className="library-problems" aria-labelledby="library-problems-heading">
          <h2 id="library-problems-heading">Library problems</h2>
          <ul>
            {problems.map((problem) => (
              <li key={problem.folder}>
                <span className="problem-folder">{problem.folder}</span>: {problem.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function GameItem({ game }: { game: LibraryGame }) {
  return (
    <li className="game">
      <span className="game-title">{game.title}</span>
      <span className="badges">
        {game.platforms.map(({ platform }) => (
          <span key={platform} className={`badge badge-${platform}`}>
            {PLATFORM_LABELS[platform] ?? platform}
          </span>
        ))}
      </span>
    </li>
  );
}
