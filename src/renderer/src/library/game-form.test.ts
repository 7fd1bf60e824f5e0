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
    expect(form.platforms.windows).toEqual({ enabled: true, executable: 'Two.exe', argumentsText: '', savedArguments: [] });
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
    form.platforms.linux = { enabled: true, executable: '/games/tux/bin/tux', argumentsText: '', savedArguments: [] };
    form.platforms.windows = { enabled: false, executable: 'Tux.exe', argumentsText: '-x', savedArguments: [] };
    expect(platformLaunches(form)).toEqual([{ platform: 'linux', executable: 'bin/tux', arguments: [] }]);
  });

  it('takes the arguments one per line, as typed', () => {
    const form = emptyGameForm();
    form.folder = '/games/q';
    form.platforms.windows = { enabled: true, executable: 'Quake.exe', argumentsText: '/S\n-windowed\n\n+connect 192.168.1.5\n', savedArguments: [] };
    expect(platformLaunches(form)).toEqual([{ platform: 'windows', executable: 'Quake.exe', arguments: ['/S', '-windowed', '+connect 192.168.1.5'] }]);
  });

  it("keeps game.json's arguments exactly while their text is not changed", () => {
    // An empty argument and one with spaces at its ends: the text cannot show them, an unrelated edit must not lose them.
    const game: LibraryGame = { id: 'q', title: 'Q', folder: 'q', platforms: [{ platform: 'linux', executable: 'q', arguments: ['', ' padded ', '-x'] }] };
    const form = gameFormFrom(game);
    expect(form.platforms.linux.argumentsText).toBe('\n padded \n-x');
    expect(platformLaunches({ ...form, title: 'Quake' })[0]?.arguments).toEqual(['', ' padded ', '-x']);
    const edited = { ...form, platforms: { ...form.platforms, linux: { ...form.platforms.linux, argumentsText: 'padded\n-x\n-y' } } };
    expect(platformLaunches(edited)[0]?.arguments).toEqual(['padded', '-x', '-y']);
  });

  it('finds arguments game.json would refuse, at the arguments field, before asking the core', () => {
    const form = emptyGameForm();
    form.title = 'Q';
    form.platforms.linux = { enabled: true, executable: 'q', argumentsText: `-ok\n${'x'.repeat(1025)}`, savedArguments: [] };
    expect(gameFormProblems(form, 'edit')).toEqual([{ path: 'arguments.linux', message: expect.stringMatching(/^Argument 2 must be at most 1024 characters/) as unknown as string }]);
    form.platforms.linux.argumentsText = Array.from({ length: 1000 }, () => '-windowed').join('\n');
    expect(gameFormProblems(form, 'edit')).toEqual([{ path: 'arguments.linux', message: expect.stringMatching(/^The arguments are 10000 characters in all, more than 8192/) as unknown as string }]);
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
      { path: 'platforms.1.arguments.2', message: 'must not contain a NUL character: remove it' },
      { path: 'platforms.0.arguments', message: 'are 9000 characters in all, more than 8192: leave some out' },
      { path: 'arguments.linux', message: 'Argument 1 is too long.' },
    ], form)).toEqual({
      'platform.windows': ['must be inside'], folder: ['not in the library'], title: ['taken'],
      'arguments.windows': ['Argument 3 must not contain a NUL character: remove it.'],
      'arguments.linux': ['The arguments are 9000 characters in all, more than 8192: leave some out.', 'Argument 1 is too long.'],
    });
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
