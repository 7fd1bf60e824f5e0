import { describe, expect, it } from 'vitest';
import type { HostFacts } from './host-facts';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { DATA_DIR, HOME, makeFacts, makeRequest } from '../test-support/test-facts';
import { winePrefixProblems } from './wine-prefix';

const AT = 'launchConfig.winePrefix';

/** A Windows launch of Diablo with this winePrefix (left out when undefined). */
function check(winePrefix: string | undefined, facts: HostFacts = makeFacts()): Problem[] {
  const config = winePrefix === undefined ? {} : { winePrefix };
  const result = validateLaunchRequest(makeRequest(config, { gameId: 'game_diablo_pc_12345', platform: 'windows' }), facts);
  return result.ok ? [] : result.problems;
}

describe('winePrefix is required for Windows games', () => {
  it.each([[undefined], ['']])('%j is refused with both ways to give one', (winePrefix) => {
    const found = check(winePrefix);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(AT);
    expect(found[0]?.message).toMatch(winePrefix === undefined ? /Windows games need a Wine prefix: give an absolute folder path such as \/home\/you\/.* or a volume name such as mygame-prefix/ : /must not be empty/i);
  });

  it("the example the message offers is itself accepted (no '~', which is not a path)", () => {
    expect(winePrefixProblems('windows', undefined, makeFacts())[0]?.message).not.toContain('~');
    expect(check('mygame-prefix')).toEqual([]);
  });

  it('is not required, nor judged, for Linux games', () => {
    expect(winePrefixProblems('linux', undefined, makeFacts())).toEqual([]);
    expect(winePrefixProblems('linux', 'not a name!', makeFacts())).toEqual([]);
    const result = validateLaunchRequest(makeRequest(), makeFacts());
    expect(result.ok).toBe(true);
  });
});

describe('an absolute folder', () => {
  it('an existing folder inside an allowed one is accepted', () => {
    expect(check(`${HOME}/.wine-diablo`)).toEqual([]);
  });

  it('a folder not there yet is accepted when its parent exists in an allowed folder (created on first launch)', () => {
    expect(check(`${HOME}/prefixes/new-game`)).toEqual([]);
  });

  it('a missing folder whose parent is missing too is refused, saying what to create', () => {
    expect(check(`${HOME}/nowhere/prefix`)).toEqual([
      { path: AT, message: `Neither ${HOME}/nowhere/prefix nor its folder ${HOME}/nowhere exists: create ${HOME}/nowhere first, or pick another place.` },
    ]);
  });

  it('a missing folder whose parent is a file is refused', () => {
    expect(check(`${HOME}/notes.txt/prefix`)).toEqual([
      { path: AT, message: `${HOME}/notes.txt is not a folder, so ${HOME}/notes.txt/prefix cannot be created in it: pick a path inside a folder.` },
    ]);
  });

  it('a missing folder whose parent cannot be read is refused', () => {
    expect(check(`${HOME}/private/prefix`)).toEqual([
      { path: AT, message: `${HOME}/private cannot be read by you, so ${HOME}/private/prefix cannot be created in it: fix its permissions or pick another place.` },
    ]);
  });

  it('a missing folder whose parent is outside the allowed folders is refused, saying how to allow it', () => {
    const found = check('/srv/prefixes/game');
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(AT);
    expect(found[0]?.message).toMatch(/Wine prefix folder \/srv\/prefixes is outside the folders games may use .*Settings → Allowed folders/);
  });

  it('a missing folder inside the data dir is refused even though home is allowed', () => {
    expect(check(`${DATA_DIR}/prefix`)).toEqual([
      { path: AT, message: `Wine prefix folder ${DATA_DIR} is a path games may not reach: pick a folder of your own.` },
    ]);
  });

  it('an existing prefix that is a file is refused', () => {
    expect(check(`${HOME}/notes.txt`)).toEqual([{ path: AT, message: `${HOME}/notes.txt is not a folder: a Wine prefix is a folder.` }]);
  });

  it('an existing prefix that resolves into a denied folder is refused', () => {
    expect(check(`${HOME}/Games/etc-link`)).toEqual([
      { path: AT, message: `Wine prefix ${HOME}/Games/etc-link (which is /etc) is a path games may not reach: pick a folder of your own.` },
    ]);
  });

  it('an existing prefix outside the allowed folders is refused', () => {
    expect(check('/srv/other-user')[0]?.message).toMatch(/Wine prefix \/srv\/other-user is outside the folders games may use/);
  });

  it('an existing prefix that cannot be read is refused', () => {
    expect(check(`${HOME}/private`)).toEqual([
      { path: AT, message: `Wine prefix ${HOME}/private cannot be read by you: fix its permissions or pick another.` },
    ]);
  });
});

describe('a Docker volume name', () => {
  it.each(['mygame-prefix', 'diablo.prefix', 'prefix_2', 'ab'])('%j is accepted', (name) => {
    expect(check(name)).toEqual([]);
  });

  it.each(['a', '-prefix', 'my prefix', '~/Games/prefix', 'prefixes/diablo', 'C:\\wine'])('%j is neither a path nor a name: refused with examples of both', (name) => {
    const found = check(name);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(AT);
    expect(found[0]?.message).toMatch(/is neither an absolute folder path \(starting with \/\) nor a volume name .*: use one such as \/home\/you\/.* or mygame-prefix/);
  });

  it("the app's library volume is refused, under whatever name it has", () => {
    expect(check('dillinger_library')).toEqual([{ path: AT, message: "dillinger_library is the app's library volume: pick another name." }]);
    const renamed = makeFacts({ libraryVolume: 'games_lib' });
    expect(winePrefixProblems('windows', 'games_lib', renamed)).toEqual([{ path: AT, message: "games_lib is the app's library volume: pick another name." }]);
    expect(winePrefixProblems('windows', 'dillinger_library', renamed)).toEqual([]);
  });
});
