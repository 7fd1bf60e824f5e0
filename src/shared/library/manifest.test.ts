import { describe, expect, it } from 'vitest';
import { GameManifest, LibrarySnapshot, MANIFEST_FILE } from './manifest';

const manifest = (patch: Record<string, unknown> = {}) => ({
  id: 'game_diablo_pc_12345',
  title: 'Diablo',
  platforms: [{ platform: 'windows', executable: 'Diablo.exe', arguments: ['-nointro'] }],
  cover: 'cover.png',
  ...patch,
});
const issuesOf = (input: unknown) => {
  const result = GameManifest.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('GameManifest (game.json)', () => {
  it('is read from game.json', () => {
    expect(MANIFEST_FILE).toBe('game.json');
  });

  it('accepts a full manifest, and defaults arguments to none', () => {
    expect(issuesOf(manifest())).toEqual([]);
    const parsed = GameManifest.parse(manifest({ platforms: [{ platform: 'linux', executable: 'bin/supertux2' }], cover: undefined }));
    expect(parsed.platforms[0]?.arguments).toEqual([]);
    expect(parsed.cover).toBeUndefined();
  });

  it('accepts a game on both platforms, and a UUID id', () => {
    expect(issuesOf(manifest({
      id: '7f9e2b4a-1234-5678-9abc-def012345678',
      platforms: [
        { platform: 'linux', executable: 'linux/run.sh', arguments: [] },
        { platform: 'windows', executable: 'win/Game.exe', arguments: ['--windowed', 'a b'] },
      ],
    }))).toEqual([]);
  });

  it.each([
    ['bin/game'],
    ['Game.exe'],
    ['./Game.exe'],
    ['some..name.exe'], // `..` inside a name is not a parent folder
    ['Data Files/Game Launcher.exe'],
  ])('executable %j is inside the folder', (executable) => {
    expect(issuesOf(manifest({ platforms: [{ platform: 'windows', executable }] }))).toEqual([]);
  });

  it.each([
    ['/usr/bin/game'],
    ['../other-game/game'],
    ['bin/../../etc/passwd'],
    ['..'],
    ['bin/..'],
    ['..\\..\\Windows\\notepad.exe'], // Wine reads backslashes as folder separators
    ['bin\\..\\..\\x.exe'],
    ['\\Windows\\notepad.exe'],
    // C:\... names a program in the game's Wine prefix instead: prefix-path.test.ts judges those.
    ['game\u0000.exe'],
  ])('executable %j escapes the game folder: refused', (executable) => {
    expect(issuesOf(manifest({ platforms: [{ platform: 'windows', executable }] }))).toEqual([
      { path: 'platforms.0.executable', message: expect.stringMatching(/inside the game's folder, such as bin\/game or Game\.exe/) as unknown as string },
    ]);
  });

  it.each([['/home/me/cover.png'], ['../cover.png'], ['art/../../cover.png']])('cover %j escapes the game folder: refused', (cover) => {
    expect(issuesOf(manifest({ cover }))).toEqual([
      { path: 'cover', message: expect.stringMatching(/inside the game's folder.*no \.\./) as unknown as string },
    ]);
  });

  it.each([
    [{ id: '' }, 'id', /1-128 letters/],
    [{ id: 'has space' }, 'id', /1-128 letters/],
    [{ title: '   ' }, 'title', /must not be empty/],
    [{ title: 'x'.repeat(201) }, 'title', /at most 200/],
    [{ platforms: [] }, 'platforms', /at least one platform with its executable/],
    [{ platforms: [{ platform: 'windows', executable: 'a.exe' }, { platform: 'windows', executable: 'b.exe' }] }, 'platforms', /lists a platform twice/],
    [{ platforms: [{ platform: 'dos', executable: 'a.exe' }] }, 'platforms.0.platform', /'windows' or 'linux'/],
    [{ platforms: [{ platform: 'linux' }] }, 'platforms.0.executable', /./],
    [{ platforms: [{ platform: 'linux', executable: '' }] }, 'platforms.0.executable', /must not be empty/],
    [{ platforms: [{ platform: 'linux', executable: 'a', arguments: ['ok', 'bad\u0000'] }] }, 'platforms.0.arguments.1', /NUL/],
    [{ platforms: [{ platform: 'linux', executable: 'a', arguments: '-x' }] }, 'platforms.0.arguments', /./],
    [{ platforms: [{ platform: 'linux', executable: 'a', arguments: ['-x', 'two\nlines'] }] }, 'platforms.0.arguments.1', /one line/],
    [{ cover: '' }, 'cover', /must not be empty/],
    [{ genre: 'rpg' }, '', /genre/],
  ])('%j is refused at %s', (patch, path, message) => {
    const found = issuesOf(manifest(patch));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it("accepts a store's start.sh as a Linux program, and a working directory inside the game's folder", () => {
    const parsed = GameManifest.parse(manifest({ platforms: [{ platform: 'linux', executable: 'start.sh', workingDirectory: 'game/data' }] }));
    expect(parsed.platforms[0]).toMatchObject({ executable: 'start.sh', workingDirectory: 'game/data' });
    expect(GameManifest.parse(manifest({ platforms: [{ platform: 'linux', executable: 'start.sh' }] })).platforms[0]?.workingDirectory).toBeUndefined();
  });

  it.each(['/tmp', '../other', 'data/../../x', ''])("refuses a working directory outside the game's folder: %j", (dir) => {
    expect(issuesOf(manifest({ platforms: [{ platform: 'linux', executable: 'start.sh', workingDirectory: dir }] }))).toEqual([
      { path: 'platforms.0.workingDirectory', message: expect.stringMatching(/must (be a path inside the game's folder|not be empty)/) },
    ]);
  });

  it("refuses a working directory for a Windows game: it starts in its .exe's folder", () => {
    expect(issuesOf(manifest({ platforms: [{ platform: 'windows', executable: 'Game.exe', workingDirectory: 'data' }] }))).toEqual([
      { path: 'platforms.0.workingDirectory', message: expect.stringMatching(/Linux games only.*remove it/) },
    ]);
  });

  it('bounds the arguments: each one, and all of them together', () => {
    const launch = (args: string[]) => manifest({ platforms: [{ platform: 'linux', executable: 'a', arguments: args }] });
    expect(issuesOf(launch(['x'.repeat(1025)]))).toEqual([{ path: 'platforms.0.arguments.0', message: expect.stringMatching(/at most 1024/) as unknown as string }]);
    expect(issuesOf(launch(Array.from({ length: 1000 }, () => '-windowed')))).toEqual([
      { path: 'platforms.0.arguments', message: expect.stringMatching(/in all, more than 8192/) as unknown as string },
    ]);
  });

  it('requires id, title and platforms', () => {
    expect(issuesOf({}).map((i) => i.path).sort()).toEqual(['id', 'platforms', 'title']);
  });

  it('trims the title', () => {
    expect(GameManifest.parse(manifest({ title: '  Diablo  ' })).title).toBe('Diablo');
  });
});

describe('LibrarySnapshot', () => {
  it('carries games with their folder and the problems of unreadable folders', () => {
    const snapshot = {
      root: '/home/retro/Games/library',
      games: [{ ...manifest(), folder: 'diablo', platforms: [{ platform: 'windows', executable: 'Diablo.exe', arguments: [] }] }],
      problems: [{ folder: 'broken', message: 'game.json is not valid JSON: fix it in a text editor.' }],
    };
    expect(LibrarySnapshot.parse(snapshot)).toEqual(snapshot);
  });
});
