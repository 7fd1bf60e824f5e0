// One game in the library grid: its cover, title, platforms, when it was last played and for how
// long, and what to do with it: Play (choosing the platform when it has two), Settings, Edit, Remove.
import { useEffect, useRef, useState } from 'react';
import type { GamePlayStats } from '../../../shared/contract/contract';
import type { LibraryGame } from '../../../shared/library/manifest';
import { useClient } from '../shell/client-context';
import { routeHref } from '../shell/route';
import { GameCover } from './GameCover';
import { PLATFORM_LABELS, formatLastPlayed, playTimeLine } from './library-view';
import { usePlay } from './use-play';

export function GameCard({
  game,
  stats,
  onEdit,
  onRemove,
  onPrefixPrograms,
}: {
  game: LibraryGame;
  stats: GamePlayStats | undefined;
  onEdit: () => void;
  onRemove: () => void;
  /** Install from a setup file, or run a program in the game's Wine prefix (Windows games). */
  onPrefixPrograms?: () => void;
}) {
  const client = useClient();
  const { play, pending, failure, dismiss } = usePlay(client);
  const [choosing, setChoosing] = useState(false);
  const chooser = useRef<HTMLDivElement>(null);
  const playButton = useRef<HTMLButtonElement>(null);
  const closeChooser = () => {
    setChoosing(false);
    playButton.current?.focus();
  };
  const platforms = game.platforms.map((p) => p.platform);

  useEffect(() => {
    if (choosing) chooser.current?.querySelector('button')?.focus();
  }, [choosing]);

  const onPlay = () => {
    if (platforms.length > 1) setChoosing((open) => !open);
    else void play(game.id, platforms[0]);
  };

  return (
    <article className="game-card" aria-label={game.title}>
      <div className="game-card-art">
        <GameCover gameId={game.id} title={game.title} cover={game.cover} />
        {choosing && (
          <div
            ref={chooser}
            className="platform-chooser"
            role="group"
            aria-label={`Choose a platform for ${game.title}`}
            onKeyDown={(event) => {
              if (event.key === 'Escape') closeChooser();
            }}
          >
            <span className="platform-chooser-title">Play on</span>
            {platforms.map((platform) => (
              <button
                key={platform}
                type="button"
                className="button button-primary button-small"
                aria-label={`Play ${game.title} on ${PLATFORM_LABELS[platform]}`}
                onClick={() => {
                  setChoosing(false);
                  void play(game.id, platform);
                }}
              >
                {PLATFORM_LABELS[platform]}
              </button>
            ))}
            <button type="button" className="button button-ghost button-small" onClick={closeChooser}>
              Cancel
            </button>
          </div>
        )}
      </div>
      <div className="game-card-body">
        <h3 className="game-title" title={game.title}>
          {game.title}
        </h3>
        <div className="badges">
          {platforms.map((platform) => (
            <span key={platform} className={`badge badge-${platform}`}>
              {PLATFORM_LABELS[platform]}
            </span>
          ))}
        </div>
        <dl className="game-stats">
          <div>
            <dt className="visually-hidden">Last played</dt>
            <dd>{formatLastPlayed(stats?.lastPlayed)}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Total play time</dt>
            <dd>{playTimeLine(stats?.totalPlaySeconds)}</dd>
          </div>
        </dl>
        {failure && (
          <div className="notice notice-error game-card-failure" role="alert">
            <p>{failure.message}</p>
            {failure.problems.length > 0 && (
              <ul>
                {failure.problems.slice(0, 3).map((p) => (
                  <li key={`${p.path}:${p.message}`}>{p.message}</li>
                ))}
              </ul>
            )}
            <p>
              <a href={routeHref({ name: 'game-settings', gameId: game.id })}>Open its settings</a>{' '}
              <button type="button" className="button button-ghost button-small" onClick={dismiss}>
                Dismiss
              </button>
            </p>
          </div>
        )}
        <div className="game-card-actions">
          <button
            ref={playButton}
            type="button"
            className="button button-primary play-button"
            aria-label={`Play ${game.title}`}
            aria-haspopup={platforms.length > 1 ? 'true' : undefined}
            aria-expanded={platforms.length > 1 ? choosing : undefined}
            onClick={onPlay}
            disabled={pending}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M8 5v14l11-7z" />
            </svg>
            {pending ? 'Starting…' : 'Play'}
          </button>
          <a className="button button-small icon-button" href={routeHref({ name: 'game-settings', gameId: game.id })} aria-label={`Settings for ${game.title}`} title="Launch settings">
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M4 7h10M18 7h2M4 17h4M12 17h8M14 4v6M8 14v6" />
            </svg>
          </a>
          <button type="button" className="button button-small icon-button" aria-label={`Edit ${game.title}`} title="Edit title and platforms" onClick={onEdit}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4" />
            </svg>
          </button>
          {onPrefixPrograms && platforms.includes('windows') && (
            <button type="button" className="button button-small icon-button" aria-label={`Install or run a program for ${game.title}`} title="Install from setup file, or run a program in its Wine prefix" onClick={onPrefixPrograms}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M12 4v10M8 10l4 4 4-4M5 18h14" />
              </svg>
            </button>
          )}
          <button type="button" className="button button-small icon-button button-danger" aria-label={`Remove ${game.title}`} title="Remove from the library" onClick={onRemove}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" />
            </svg>
          </button>
        </div>
      </div>
    </article>
  );
}
