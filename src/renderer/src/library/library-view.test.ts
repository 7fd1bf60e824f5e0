import { describe, expect, it } from 'vitest';
import type { LibraryGame } from '../../../shared/library/manifest';
import { filterGames, formatLastPlayed, formatPlayTime, playTimeLine } from './library-view';

const game = (id: string, title: string, platforms: Array<'linux' | 'windows'>): LibraryGame => ({
  id,
  title,
  folder: id,
  platforms: platforms.map((platform) => ({ platform, executable: 'x', arguments: [] })),
});
const GAMES = [
  game('tux', 'Tux Racer', ['linux']),
  game('both', 'Two Worlds', ['linux', 'windows']),
  game('demo-win', 'Dillinger Demo (Windows)', ['windows']),
];

describe('library filter', () => {
  it('keeps games holding every word, in title order', () => {
    expect(filterGames(GAMES, '', 'all').map((g) => g.id)).toEqual(['demo-win', 'tux', 'both']);
    expect(filterGames(GAMES, 'tux', 'all').map((g) => g.id)).toEqual(['tux']);
    expect(filterGames(GAMES, '  DEMO  win ', 'all').map((g) => g.id)).toEqual(['demo-win']);
    expect(filterGames(GAMES, 'demo tux', 'all')).toEqual([]);
  });

  it('filters by platform', () => {
    expect(filterGames(GAMES, '', 'windows').map((g) => g.id)).toEqual(['demo-win', 'both']);
    expect(filterGames(GAMES, '', 'linux').map((g) => g.id)).toEqual(['tux', 'both']);
    expect(filterGames(GAMES, 'tux', 'windows')).toEqual([]);
  });
});

describe('play figures', () => {
  it('formats play time', () => {
    expect(formatPlayTime(0)).toBe('0 min');
    expect(formatPlayTime(20)).toBe('under a minute');
    expect(formatPlayTime(12 * 60 + 5)).toBe('12 min');
    expect(formatPlayTime(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
  });

  it("writes the card's play-time line as a sentence, capitalised", () => {
    expect(playTimeLine(undefined)).toBe('No play time yet');
    expect(playTimeLine(0)).toBe('No play time yet');
    expect(playTimeLine(20)).toBe('Under a minute played');
    expect(playTimeLine(12 * 60)).toBe('12 min played');
  });

  it('says when a game was last played', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(formatLastPlayed(undefined, now)).toBe('Never played');
    expect(formatLastPlayed('2026-01-10T11:59:30Z', now)).toBe('Played just now');
    expect(formatLastPlayed('2026-01-10T11:55:00Z', now)).toBe('Played 5 minutes ago');
    expect(formatLastPlayed('2026-01-10T11:00:00Z', now)).toBe('Played 1 hour ago');
    expect(formatLastPlayed('2026-01-09T10:00:00Z', now)).toBe('Played yesterday');
    expect(formatLastPlayed('2026-01-05T10:00:00Z', now)).toBe('Played 5 days ago');
    expect(formatLastPlayed('2025-10-01T10:00:00Z', now)).toBe('Played on 2025-10-01');
  });
});
