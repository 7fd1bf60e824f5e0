import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, sectionOf } from './route';

describe('hash routes', () => {
  it('reads every screen', () => {
    expect(parseRoute('')).toEqual({ name: 'library' });
    expect(parseRoute('#/')).toEqual({ name: 'library' });
    expect(parseRoute('#/library')).toEqual({ name: 'library' });
    expect(parseRoute('#/games/tux-racer/settings')).toEqual({ name: 'game-settings', gameId: 'tux-racer' });
    expect(parseRoute('#/sessions')).toEqual({ name: 'sessions' });
    expect(parseRoute('#/sessions/sess_1')).toEqual({ name: 'session', sessionId: 'sess_1' });
    expect(parseRoute('#/history/')).toEqual({ name: 'history' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
  });

  it('answers not-found for anything else, and for broken escapes', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', hash: '#/nowhere' });
    expect(parseRoute('#/games/%E0%A4%A/settings').name).toBe('not-found');
    expect(parseRoute('#/games//settings').name).toBe('not-found');
  });

  it('writes links that read back as the same route', () => {
    const routes = [
      { name: 'library' },
      { name: 'game-settings', gameId: 'a.b_c-1' },
      { name: 'session', sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678' },
      { name: 'sessions' },
      { name: 'history' },
      { name: 'settings' },
    ] as const;
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('puts a game and a session under their nav sections', () => {
    expect(sectionOf({ name: 'game-settings', gameId: 'x' })).toBe('library');
    expect(sectionOf({ name: 'session', sessionId: 'x' })).toBe('sessions');
    // An ended session is under History, as its breadcrumb says.
    expect(sectionOf({ name: 'session', sessionId: 'x' }, true)).toBe('history');
    expect(sectionOf({ name: 'not-found', hash: '' })).toBeUndefined();
  });
});
