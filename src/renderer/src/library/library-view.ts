// Pure helpers behind the library grid: search and platform filter, play-time and last-played text
// (a generated cover's look is in generated-cover.ts).
import type { LibraryGame } from '../../../shared/library/manifest';

export type PlatformFilter = 'all' | 'linux' | 'windows';

export const PLATFORM_LABELS: Record<'linux' | 'windows', string> = { linux: 'Linux', windows: 'Windows' };

/** Games whose title or id holds every word of the query (any case), on the chosen platform, by title. */
export function filterGames(games: readonly LibraryGame[], query: string, platform: PlatformFilter): LibraryGame[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return games
    .filter((game) => platform === 'all' || game.platforms.some((p) => p.platform === platform))
    .filter((game) => {
      const haystack = `${game.title} ${game.id}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
}

/** `0 min`, `12 min`, `3 h 05 min`. */
export function formatPlayTime(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 60) return seconds > 0 && minutes === 0 ? 'under a minute' : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The card's play-time line, a sentence of its own: `No play time yet`, `Under a minute played`, `12 min played`. */
export function playTimeLine(seconds: number | undefined): string {
  if (!seconds || seconds <= 0) return 'No play time yet';
  const time = formatPlayTime(seconds);
  return `${time.charAt(0).toUpperCase()}${time.slice(1)} played`;
}

/** `just now`, `5 minutes ago`, `yesterday`, `3 days ago`, then the date. */
export function formatLastPlayed(iso: string | undefined, now: Date = new Date()): string {
  if (!iso) return 'Never played';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return 'Never played';
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return 'Played just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `Played ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `Played ${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'Played yesterday';
  if (days < 30) return `Played ${days} days ago`;
  return `Played on ${then.toISOString().slice(0, 10)}`;
}
