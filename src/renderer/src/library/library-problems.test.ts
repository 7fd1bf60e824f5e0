import { describe, expect, it } from 'vitest';
import { manifestPath, problemAction } from './library-problems';

describe('library problem actions', () => {
  it('offers to add a folder without a game.json as a game', () => {
    expect(problemAction({ folder: 'star-raiders', message: 'No game.json', kind: 'no-manifest' }, '/games')).toEqual({ action: 'add-folder', label: 'Add this folder as a game' });
  });

  it("offers the game.json's path to open in an editor for every other kind", () => {
    for (const kind of ['invalid-json', 'invalid-manifest', 'missing-location', 'missing-executable', 'duplicate-id', undefined] as const) {
      expect(problemAction({ folder: 'broken', message: 'x', kind }, '/games/')).toEqual({
        action: 'copy-manifest-path', label: 'Copy the path of its game.json', path: '/games/broken/game.json',
      });
    }
  });

  it('joins the path once', () => {
    expect(manifestPath('/home/you/Games//', 'tux')).toBe('/home/you/Games/tux/game.json');
  });
});
