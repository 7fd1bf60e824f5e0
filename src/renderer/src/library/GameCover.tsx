// A game's cover: its image (game.json's cover, read by the core and asked for once per cover, when
// the card comes near the screen), and until it arrives, or when there is none, one generated from
// its title (see generated-cover.ts). Decorative: the card is named by the game's title.
import { useEffect, useRef } from 'react';
import { useClient } from '../shell/client-context';
import { coverKey, useCoverStore } from './cover-store';
import { coverBackground, generatedCover } from './generated-cover';

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
  const generated = generatedCover(title);
  return (
    <div ref={placeholder} className="game-cover" aria-hidden="true" data-pattern={generated.pattern} style={{ background: coverBackground(generated) }}>
      <span className="game-cover-initials">{generated.initials}</span>
    </div>
  );
}
