import { describe, expect, it } from 'vitest';
import { HOME, DATA_DIR, dir, file, makeFacts, makeRequest, missing } from '../test-support/test-facts';
import { validateLaunchRequest, pathsToProbe } from './launch-request';
import { setupFileProblem } from './setup-file';
import { PrefixProgram } from '../model/prefix-program';

const SETUP = `${HOME}/Downloads/setup.exe`;
const facts = makeFacts({
  paths: {
    [SETUP]: file(SETUP),
    [`${HOME}/Downloads/game.msi`]: file(`${HOME}/Downloads/game.msi`),
    // A name that says .exe, whose real file is something else, or lies where games may not reach.
    [`${HOME}/Downloads/innocent.exe`]: file('/etc/shadow'),
    [`${HOME}/Downloads/renamed.exe`]: file(`${HOME}/notes.txt`),
    [`${HOME}/Downloads/app-data.exe`]: file(`${DATA_DIR}/sessions/x.exe`),
    '/srv/setup.exe': file('/srv/setup.exe'),
    [`${HOME}/Downloads/folder.exe`]: dir(`${HOME}/Downloads/folder.exe`),
    [`${HOME}/Downloads/gone.exe`]: missing,
  },
});
const install = (file: string) => makeRequest({ winePrefix: 'dillinger_prefix_game_diablo_pc_12345' }, {
  gameId: 'game_diablo_pc_12345', platform: 'windows', program: { kind: 'install', file, arguments: ['/S'] },
});

describe('the setup file of an install', () => {
  it('in an allowed folder, an .exe or .msi, is accepted', () => {
    expect(setupFileProblem(SETUP, facts, 'The setup file')).toBeUndefined();
    expect(setupFileProblem(`${HOME}/Downloads/game.msi`, facts, 'The setup file')).toBeUndefined();
    expect(validateLaunchRequest(install(SETUP), facts)).toMatchObject({ ok: true });
  });

  it.each([
    ['innocent.exe', /which is \/etc\/shadow\) is a path games may not reach|lies in \/etc/],
    ['renamed.exe', /which is not a Windows program/],
    ['app-data.exe', /games may not reach/],
    ['folder.exe', /is not a file/],
    ['gone.exe', /does not exist/],
  ])('%s is refused by what it really is', (name, reason) => {
    expect(setupFileProblem(`${HOME}/Downloads/${name}`, facts, 'The setup file')).toMatch(reason);
  });

  it('outside the allowed folders is refused, saying how to allow its folder', () => {
    const verdict = validateLaunchRequest(install('/srv/setup.exe'), facts);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.problems).toEqual([
      { path: 'program.file', message: expect.stringMatching(/outside the folders games may use.*Settings → Allowed folders/) as unknown as string },
    ]);
  });

  it('is probed by the core before the check', () => {
    expect(pathsToProbe(install(SETUP))).toContain(SETUP);
  });

  it('needs the windows platform', () => {
    const verdict = validateLaunchRequest({ ...install(SETUP), platform: 'linux', gameId: 'game_both' }, facts);
    expect(!verdict.ok && verdict.problems.map((p) => p.path)).toContain('program');
  });

  it('names a file or a tool, never both; an install never a tool', () => {
    expect(PrefixProgram.safeParse({ kind: 'tool', tool: 'regedit' }).success).toBe(true);
    expect(PrefixProgram.safeParse({ kind: 'tool', tool: 'regedit', file: SETUP }).success).toBe(false);
    expect(PrefixProgram.safeParse({ kind: 'tool' }).success).toBe(false);
    expect(PrefixProgram.safeParse({ kind: 'install', tool: 'winecfg' }).success).toBe(false);
    expect(PrefixProgram.safeParse({ kind: 'install', file: `${HOME}/notes.txt` }).success).toBe(false);
    expect(PrefixProgram.safeParse({ kind: 'install', file: 'setup.exe' }).success).toBe(false);
  });
});
