import { describe, expect, it } from 'vitest';
import type { LibraryGame } from '../../../shared/library/manifest';
import {
  absoluteFolder, applyPickedPath, coverChange, emptyGameForm, gameFormFrom, gameFormProblems, gameProblemsByField, platformLaunches, titleFromName,
} from './game-form';

describe('add game form', () => {
  it('takes a bare folder name as a folder of the library', () => {
    expect(absoluteFolder('tux', '/games/')).toBe('/games/tux');
    expect(absoluteFolder(' /games/tux/ ', '/games')).toBe('/games/tux');
    expect(absoluteFolder('', '/games')).toBe('');
  });

  it('fills folder, platform, executable and title from a picked executable', () => {
    const form = applyPickedPath(emptyGameForm(), '/games/two_worlds/Two.exe', 'file');
    expect(form.folder).toBe('/games/two_worlds');
    expect(form.title).toBe('Two Worlds');
    expect(form.platforms.windows).toEqual({ enabled: true, executable: 'Two.exe', arguments: [] });
    expect(form.platforms.linux.enabled).toBe(false);
    const linux = applyPickedPath(form, '/games/two_worlds/bin/two', 'file');
    expect(linux.title).toBe('Two Worlds');
    expect(linux.platforms.linux).toMatchObject({ enabled: true, executable: 'two' });
  });

  it('fills folder and title from a picked folder', () => {
    expect(applyPickedPath(emptyGameForm(), '/games/tux-racer/', 'folder')).toMatchObject({ folder: '/games/tux-racer', title: 'Tux Racer' });
    expect(titleFromName('super_tux.x86')).toBe('Super Tux');
  });

  it('lists the chosen platforms, executables made relative to the folder', () => {
    const form = emptyGameForm();
    form.folder = '/games/tux';
    form.platforms.linux = { enabled: true, executable: '/games/tux/bin/tux', arguments: [] };
    form.platforms.windows = { enabled: false, executable: 'Tux.exe', arguments: [] };
    expect(platformLaunches(form)).toEqual([{ platform: 'linux', executable: 'bin/tux', arguments: [] }]);
  });

  it('finds what is missing before asking the core', () => {
    const form = emptyGameForm();
    expect(gameFormProblems(form, 'add').map((p) => p.path)).toEqual(['folder', 'title', 'platforms']);
    form.platforms.windows.enabled = true;
    expect(gameFormProblems(form, 'edit').map((p) => p.path)).toEqual(['title', 'platform.windows']);
  });

  it("puts the core's problems at the form's fields", () => {
    const form = gameFormFrom({
      id: 'two', title: 'Two', folder: 'two',
      platforms: [{ platform: 'linux', executable: 'two', arguments: [] }, { platform: 'windows', executable: '../Two.exe', arguments: [] }],
    });
    expect(gameProblemsByField([
      { path: 'platforms.1.executable', message: 'must be inside' },
      { path: 'folder', message: 'not in the library' },
      { path: 'id', message: 'taken' },
    ], form)).toEqual({ 'platform.windows': ['must be inside'], folder: ['not in the library'], title: ['taken'] });
  });

  it('edits the cover: a new path, made relative to the folder; empty removes it; unchanged sends nothing', () => {
    const game: LibraryGame = { id: 'tux', title: 'Tux', folder: 'tux', cover: 'cover.png', platforms: [{ platform: 'linux', executable: 'tux', arguments: [] }] };
    const form = gameFormFrom(game);
    expect(form.cover).toBe('cover.png');
    expect(coverChange(form, game, '/games/tux')).toBeUndefined();
    expect(coverChange({ ...form, cover: ' art/box.jpg ' }, game, '/games/tux')).toBe('art/box.jpg');
    expect(coverChange({ ...form, cover: '/games/tux/art/box.webp' }, game, '/games/tux')).toBe('art/box.webp');
    expect(coverChange({ ...form, cover: '  ' }, game, '/games/tux')).toBeNull();
    const bare = { ...game, cover: undefined };
    expect(gameFormFrom(bare).cover).toBe('');
    expect(coverChange(gameFormFrom(bare), bare, '/games/tux')).toBeUndefined();
    expect(gameProblemsByField([{ path: 'cover', message: 'missing.png is not a file in /games/tux.' }], form)).toEqual({
      cover: ['missing.png is not a file in /games/tux.'],
    });
  });
});
