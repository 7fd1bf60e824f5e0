// Hash routing: the page's place is its `#/…` fragment, so reloads, the back button and links work
// the same in Electron (file://) and in serve mode. parseRoute and routeHref are pure and tested.
import { useSyncExternalStore } from 'react';
import { installLeaveGuard, leaveGuard } from './leave-guard';

export type Route =
  | { name: 'library' }
  | { name: 'game-settings'; gameId: string }
  | { name: 'sessions' }
  | { name: 'session'; sessionId: string }
  | { name: 'history' }
  | { name: 'settings' }
  | { name: 'not-found'; hash: string };

export type NavSection = 'library' | 'sessions' | 'history' | 'settings';

function decode(part: string): string | undefined {
  try {
    const value = decodeURIComponent(part);
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = path === '' ? [] : path.split('/');
  const [first, second, third] = parts;
  if (parts.length === 0 || (parts.length === 1 && first === 'library')) return { name: 'library' };
  if (parts.length === 1 && first === 'sessions') return { name: 'sessions' };
  if (parts.length === 1 && first === 'history') return { name: 'history' };
  if (parts.length === 1 && first === 'settings') return { name: 'settings' };
  if (parts.length === 2 && first === 'sessions') {
    const sessionId = decode(second ?? '');
    if (sessionId) return { name: 'session', sessionId };
  }
  if (parts.length === 3 && first === 'games' && third === 'settings') {
    const gameId = decode(second ?? '');
    if (gameId) return { name: 'game-settings', gameId };
  }
  return { name: 'not-found', hash };
}

export function routeHref(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'library':
      return '#/library';
    case 'game-settings':
      return `#/games/${encodeURIComponent(route.gameId)}/settings`;
    case 'sessions':
      return '#/sessions';
    case 'session':
      return `#/sessions/${encodeURIComponent(route.sessionId)}`;
    case 'history':
      return '#/history';
    case 'settings':
      return '#/settings';
  }
}

/**
 * Which nav link a route belongs to: a game's settings live under Library; one session under
 * Sessions while it runs and under History once it ended (as its breadcrumb says).
 */
export function sectionOf(route: Route, sessionEnded = false): NavSection | undefined {
  switch (route.name) {
    case 'library':
    case 'game-settings':
      return 'library';
    case 'sessions':
      return 'sessions';
    case 'session':
      return sessionEnded ? 'history' : 'sessions';
    case 'history':
      return 'history';
    case 'settings':
      return 'settings';
    default:
      return undefined;
  }
}

/** Goes to route; with force, past a screen's unsaved-changes question (Play from a settings form). */
export function navigate(route: Exclude<Route, { name: 'not-found' }>, options: { force?: boolean } = {}): void {
  const href = routeHref(route);
  if (options.force) leaveGuard.allow(href);
  window.location.hash = href;
}

function subscribe(onChange: () => void): () => void {
  // First, so a move held by a screen with unsaved edits is put back before the route follows it.
  installLeaveGuard();
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, following the address bar. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
