import { describe, expect, it } from 'vitest';
import { namesPrefixPath, prefixContainerPath, prefixPathProblem, windowsPathOf } from './prefix-path';
import { GameManifest } from './manifest';

describe('a program inside the Wine prefix (C:\\...)', () => {
  it.each([
    ['C:\\Program Files\\Game\\game.exe', '/wine-prefix/drive_c/Program Files/Game/game.exe'],
    ['c:\\GOG Games\\Game (1998)\\GAME.EXE', '/wine-prefix/drive_c/GOG Games/Game (1998)/GAME.EXE'],
    ['C:/Games//Game/game.exe', '/wine-prefix/drive_c/Games/Game/game.exe'],
  ])('accepts %j, run as %j', (path, inContainer) => {
    expect(prefixPathProblem(path)).toBeUndefined();
    expect(prefixContainerPath(path)).toBe(inContainer);
  });

  it.each([
    ['C:\\Games\\..\\..\\..\\etc\\passwd', /\.\./],
    ['C:\\Games\\.\\game.exe', /\.\./],
    ['C:\\Games\\game.exe\u0000.txt', /NUL/],
    ['C:\\Games\\game\n.exe', /control/],
    ['D:\\Games\\game.exe', /drive D/],
    ['Z:\\etc\\passwd', /drive Z/],
    ['\\\\server\\share\\game.exe', /network/],
    ['\\\\.\\PhysicalDrive0', /network|device/],
    ['\\\\?\\C:\\game.exe', /network|device/],
    ['//server/share/game.exe', /network/],
    ['C:game.exe', /full path/],
    ['C:\\', /name a program/],
    ['C:\\Games\\CON', /device/],
    ['C:\\Games\\nul.exe', /device/],
    ['C:\\Games\\COM1 .txt', /device/],
    ['C:\\Games\\a:b.exe', /must not contain/],
    [`C:\\${'a'.repeat(1100)}.exe`, /at most/],
  ])('refuses %j', (path, reason) => {
    expect(prefixPathProblem(path)).toMatch(reason);
  });

  it('tells a prefix path from a path in the game folder', () => {
    expect(namesPrefixPath('C:\\Game\\game.exe')).toBe(true);
    expect(namesPrefixPath('\\\\server\\x.exe')).toBe(true);
    expect(namesPrefixPath('bin/game.exe')).toBe(false);
  });

  it('turns what the entrypoint reports back into the Windows form, and nothing outside drive_c', () => {
    expect(windowsPathOf('/wine-prefix/drive_c/Program Files/Game/game.exe')).toBe('C:\\Program Files\\Game\\game.exe');
    expect(windowsPathOf('/wine-prefix/dosdevices/z:/etc/passwd')).toBeUndefined();
  });
});

describe('game.json: a Windows executable inside the prefix', () => {
  const manifest = (platform: string, executable: string) => ({ id: 'g1', title: 'G', platforms: [{ platform, executable }] });
  const issues = (input: unknown) => {
    const result = GameManifest.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('is accepted for windows', () => {
    expect(issues(manifest('windows', 'C:\\Program Files\\Game\\game.exe'))).toEqual([]);
  });

  it('is refused with the reason when it escapes, and on linux at all', () => {
    expect(issues(manifest('windows', 'C:\\Game\\..\\..\\x.exe'))).toEqual([expect.stringMatching(/^platforms\.0\.executable: A program in the game's Wine prefix must not contain \. or \.\./)]);
    expect(issues(manifest('windows', 'D:\\x.exe'))).toEqual([expect.stringMatching(/drive D/)]);
    expect(issues(manifest('linux', 'C:\\x'))).toEqual([expect.stringMatching(/inside the game's folder/)]);
    expect(issues(manifest('windows', '../x.exe'))).toEqual([expect.stringMatching(/inside the game's folder.*C:\\Program Files/)]);
  });
});
