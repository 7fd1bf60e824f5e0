// A game's cover: its image (game.json's cover, read by the core and asked for once per cover, when
// the card comes near the screen), and until it arrives, or when there is none, one generated from
// its title (two colours and its initials). Decorative: the card is named by the game's title.
import { useEffect, useRef } from 'react';
import { useClient } from '../shell/client-context';
import { coverKey, useCoverStore } from './cover-store';
import { coverHues, initialsOf } from './library-view';

export function GameCover({ gameId, title, cover }: { gameId: string; title: string; cover?: string | undefined }) {
  const client = useClient();
  const entry = useCoverStore((state) => (cover ? state.covers[coverKey(gameId, cover)] : undefined));
  const image = entry?.state === 'ready' ? entry.dataUrl : null;
  const missing = cover !== undefined && entry === undefined;
  const placeholder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!missing || !cover) return;
    const load = () => void useCoverStore.getState().load(client, gameId, cover);
    const element = placeholder.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      load();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          load();
        }
      },
      { rootMargin: '400px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [client, gameId, cover, missing]);

  if (image) {
    return (
      <div className="game-cover game-cover-image">
        <img src={image} alt="" decoding="async" draggable={false} />
      </div>
    );
  }
  const [a, b] = coverHues(title);
  return (
    <div
      ref={placeholder}
      className="game-cover"
      aria-hidden="true"
      style={{
        background: `radial-gradient(circle at 25% 20%, hsl(${a} 70% 58% / 0.9), transparent 55%), linear-gradient(135deg, hsl(${a} 55% 30%), hsl(${b} 60% 18%))`,
      }}
    >
      <span className="game-cover-initials">{initialsOf(title)}</span>
    </div>
  );
}
