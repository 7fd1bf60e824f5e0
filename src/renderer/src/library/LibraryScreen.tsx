// The library: every game as a card with Play, searchable and filtered by platform; Add game, Edit
// and Remove; and the folders that could not be read, with what to fix (LibraryProblems).
import { useEffect, useRef, useState } from 'react';
import type { LibraryGame } from '../../../shared/library/manifest';
import { useClient } from '../shell/client-context';
import { useLibraryStore } from './library-store';
import { GameCard } from './GameCard';
import { GameDialog } from './GameDialog';
import { LibraryProblems } from './LibraryProblems';
import { filterGames, type PlatformFilter } from './library-view';
import { RemoveDialog } from './RemoveDialog';
import { PrefixProgramsDialog } from './PrefixProgramsDialog';
import { useStatsStore } from './stats-store';
import './library.css';

type Open = { dialog: 'add'; folder?: string } | { dialog: 'edit'; game: LibraryGame } | { dialog: 'remove'; game: LibraryGame } | { dialog: 'programs'; game: LibraryGame } | undefined;

export function LibraryScreen() {
  const client = useClient();
  const library = useLibraryStore((state) => state.library);
  const refresh = useLibraryStore((state) => state.refresh);
  const stats = useStatsStore((state) => state.stats);
  const [query, setQuery] = useState('');
  const [platform, setPlatform] = useState<PlatformFilter>('all');
  const [open, setOpen] = useState<Open>();
  const [notice, setNotice] = useState<string>();
  const search = useRef<HTMLInputElement>(null);

  // "/" jumps to the search box, as in most launchers and sites.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (library.state === 'loading') {
    return (
      <section className="screen">
        <p role="status">Loading the library…</p>
      </section>
    );
  }
  if (library.state === 'error') {
    return (
      <section className="screen">
        <p className="banner banner-error" role="alert">
          Could not read the library: {library.message}
        </p>
      </section>
    );
  }

  const { root, games, problems } = library.value;
  const shown = filterGames(games, query, platform);
  const close = () => setOpen(undefined);
  /** A dialog did its work: it closes, says so, and the library is read again. */
  const finish = (message: string) => {
    close();
    setNotice(message);
    void refresh(client);
  };

  return (
    <section className="screen library-screen" aria-labelledby="library-heading">
      <header className="page-header">
        <div>
          <h2 id="library-heading">Library</h2>
          <p className="page-subtitle">
            {games.length} game{games.length === 1 ? '' : 's'} in <code>{root}</code>
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setOpen({ dialog: 'add' })}>
          <svg className="button-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 5v14M5 12h14" />
          </svg>
          Add game
        </button>
      </header>

      <div className="library-toolbar" role="search">
        <label className="visually-hidden" htmlFor="library-search">
          Search games
        </label>
        <input
          ref={search}
          id="library-search"
          className="input library-search"
          type="search"
          placeholder="Search games   ( / )"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
        <div className="field-inline">
          <label className="field-label" htmlFor="library-platform">
            Platform
          </label>
          <select id="library-platform" className="select" value={platform} onChange={(e) => setPlatform(e.target.value as PlatformFilter)}>
            <option value="all">All platforms</option>
            <option value="linux">Linux</option>
            <option value="windows">Windows</option>
          </select>
        </div>
      </div>

      {notice && (
        <p className="notice notice-ok library-notice" role="status">
          {notice}{' '}
          <button type="button" className="button button-ghost button-small" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </p>
      )}

      <ul aria-label="Library" className="game-grid">
        {shown.map((game) => (
          <li key={game.id} className="game-grid-item">
            <GameCard
              game={game}
              stats={stats[game.id]}
              onEdit={() => setOpen({ dialog: 'edit', game })}
              onRemove={() => setOpen({ dialog: 'remove', game })}
              onPrefixPrograms={() => setOpen({ dialog: 'programs', game })}
            />
          </li>
        ))}
      </ul>
      {games.length === 0 && (
        <p className="empty-state">
          No games yet. Press <strong>Add game</strong>, or copy a folder with a <code>game.json</code> into <code>{root}</code>.
        </p>
      )}
      {games.length > 0 && shown.length === 0 && (
        <p className="empty-state" role="status">
          No game matches {query ? <>&ldquo;{query}&rdquo;</> : 'this filter'}
          {platform !== 'all' ? ` on ${platform === 'linux' ? 'Linux' : 'Windows'}` : ''}.{' '}
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => {
              setQuery('');
              setPlatform('all');
            }}
          >
            Clear the search
          </button>
        </p>
      )}

      {problems.length > 0 && (
        <LibraryProblems root={root} problems={problems} onAddFolder={(folder) => setOpen({ dialog: 'add', folder })} onReload={() => void refresh(client)} />
      )}

      {open?.dialog === 'add' && (
        <GameDialog
          mode="add"
          libraryRoot={root}
          initialFolder={open.folder}
          onClose={close}
          onDone={(game) => finish(`Added ${game.title}.`)}
        />
      )}
      {open?.dialog === 'edit' && (
        <GameDialog
          mode="edit"
          game={open.game}
          libraryRoot={root}
          onClose={close}
          onDone={(game) => finish(`Saved ${game.title}.`)}
        />
      )}
      {open?.dialog === 'programs' && (
        <PrefixProgramsDialog game={open.game} onClose={close} onChosen={(game) => finish(`Play now starts ${game.platforms.find((p) => p.platform === 'windows')?.executable ?? 'the chosen program'} for ${game.title}.`)} />
      )}
      {open?.dialog === 'remove' && (
        <RemoveDialog
          game={open.game}
          libraryRoot={root}
          onClose={close}
          onDone={(result) => {
            const title = open.game.title;
            finish(result.filesDeleted ? `Removed ${title} and deleted its files.` : `Removed ${title}. Its files stay in ${result.folder}.`);
          }}
        />
      )}
    </section>
  );
}
