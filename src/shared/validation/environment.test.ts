import { describe, expect, it } from 'vitest';
import { APP_ENVIRONMENT, MAX_ENV_TOTAL_BYTES, MAX_ENV_VALUE_BYTES, environmentProblems } from './environment';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { makeFacts, makeRequest } from '../test-support/test-facts';

function check(environment: Record<string, unknown>): Problem[] {
  const result = validateLaunchRequest(makeRequest({ environment: environment as Record<string, string> }), makeFacts());
  return result.ok ? [] : result.problems;
}

describe('environment variable names and values', () => {
  it.each([
    [{}],
    [{ WINEDLLOVERRIDES: 'd3d11=n;dxgi=n', DXVK_HUD: 'fps' }],
    [{ _PRIVATE: '1', a: '', A1_B2: 'x y', SDL_VIDEODRIVER: 'x11' }],
    [{ LANG: 'fr_FR.UTF-8', PATH_EXTRA: '/opt/x:/opt/y', EMOJI: '🎮', NEWLINES: 'a\nb' }],
    // Ordinary names that happen to be Object.prototype members are not app settings.
    [{ constructor: 'x', toString: 'y', hasOwnProperty: 'z', valueOf: 'v' }],
  ])('%j is accepted', (environment) => {
    expect(check(environment)).toEqual([]);
  });

  it.each(['1ABC', 'MY-VAR', 'MY VAR', 'A.B', 'É', '', 'A=B', 'A\u0000B'])('name %j is refused, saying what a name may hold', (name) => {
    expect(check({ [name]: 'x' })).toEqual([
      {
        path: `launchConfig.environment.${name}`,
        message: `"${name}" is not a valid variable name: use letters, digits and underscores, not starting with a digit.`,
      },
    ]);
  });

  it('a value with a NUL is refused', () => {
    expect(check({ GOOD_NAME: 'a\u0000b' })).toEqual([
      { path: 'launchConfig.environment.GOOD_NAME', message: 'The value of GOOD_NAME contains a NUL character, which no program can receive: remove it.' },
    ]);
  });

  it.each([
    ['DISPLAY', 'the display mode setting (displayMode)'],
    ['XAUTHORITY', 'the display mode setting (displayMode)'],
    ['WAYLAND_DISPLAY', 'the display mode setting (displayMode)'],
    ['XDG_RUNTIME_DIR', 'the display mode setting (displayMode)'],
    ['PULSE_SERVER', 'the audio setting (audioEnabled)'],
    ['DILLINGER_WAYLAND_SOCKET', 'the display mode setting (displayMode)'],
    ['WINEPREFIX', 'the Wine prefix setting (winePrefix)'],
    ['NVIDIA_VISIBLE_DEVICES', 'the GPU access setting (gpuAccess, gpuDevices)'],
    ['NVIDIA_DRIVER_CAPABILITIES', 'the GPU access setting (gpuAccess, gpuDevices)'],
    ['DILLINGER_GROUPS', 'the GPU access setting (gpuAccess, gpuDevices)'],
  ])('%s is set by the app: refused, naming the setting that controls it (%s)', (name, setting) => {
    const found = check({ [name]: 'x' });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(`launchConfig.environment.${name}`);
    expect(found[0]?.message).toContain(`${name} is set by the app: change ${setting}`);
  });

  it('lists exactly the ten app-set names', () => {
    expect(Object.keys(APP_ENVIRONMENT).sort()).toEqual([
      'DILLINGER_GROUPS', 'DILLINGER_WAYLAND_SOCKET', 'DISPLAY', 'NVIDIA_DRIVER_CAPABILITIES', 'NVIDIA_VISIBLE_DEVICES', 'PULSE_SERVER', 'WAYLAND_DISPLAY', 'WINEPREFIX', 'XAUTHORITY', 'XDG_RUNTIME_DIR',
    ]);
  });

  it('names are case-sensitive: display is not DISPLAY', () => {
    expect(check({ display: ':5' })).toEqual([]);
  });

  it('a value that is not text is refused by shape', () => {
    expect(check({ COUNT: 3 })).toEqual([{ path: 'launchConfig.environment.COUNT', message: 'Must be text.' }]);
  });

  it('reports every problem at once; a bad name AND a NUL value are both reported', () => {
    const found = environmentProblems({ DISPLAY: ':1', '9LIVES': 'a\u0000', OK: 'fine', WINEPREFIX: '/x' });
    expect(found.map((p) => p.path)).toEqual([
      'launchConfig.environment.DISPLAY',
      'launchConfig.environment.9LIVES',
      'launchConfig.environment.9LIVES',
      'launchConfig.environment.WINEPREFIX',
    ]);
    expect(found[1]?.message).toMatch(/not a valid variable name/);
    expect(found[2]?.message).toMatch(/NUL character/);
  });

  it('tolerates a malformed environment (shape reports it)', () => {
    expect(environmentProblems(null)).toEqual([]);
    expect(environmentProblems('DISPLAY=:0')).toEqual([]);
  });
});

describe('variables that steer the loader or the shell (the container starts as root)', () => {
  it.each([
    'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'LD_DEBUG', 'LD_BIND_NOW', 'LD_ANYTHING', 'GLIBC_TUNABLES', 'MALLOC_ARENA_MAX',
    'MALLOC_CHECK_', 'GCONV_PATH', 'GETCONF_DIR', 'LOCPATH', 'NLSPATH', 'TZDIR', 'HOSTALIASES', 'LOCALDOMAIN', 'RES_OPTIONS',
    'RESOLV_HOST_CONF', 'NIS_PATH', 'BASH_ENV', 'ENV', 'BASH_FUNC_ls', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'IFS', 'CDPATH',
    'GLOBIGNORE', 'BASH_XTRACEFD', 'BASH_LOADABLES_PATH', 'EXECIGNORE',
  ])('%s is refused, saying why and what to do instead', (name) => {
    const found = check({ [name]: '/library/game/x' });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(`launchConfig.environment.${name}`);
    expect(found[0]?.message).toMatch(new RegExp(`^${name} may not be set: .+; the app keeps such variables out of its containers, whose start-up runs as root: .+\\.$`));
  });

  it('LD_LIBRARY_PATH and LD_PRELOAD point to a start.sh, which runs as the game\'s user', () => {
    for (const name of ['LD_LIBRARY_PATH', 'LD_PRELOAD', 'BASH_ENV']) {
      expect(check({ [name]: 'x' })[0]?.message).toContain("ship a start.sh in the game's folder that sets it and then runs the game, and make start.sh the executable (it runs as the game's user)");
    }
  });

  it('PATH is refused: it says why and how to run a program of the game', () => {
    expect(check({ PATH: '/library/game/bin:/usr/bin' })[0]?.message).toMatch(/^PATH may not be set: it decides which program runs for every command name; .*Run programs by their full path .*start\.sh that extends PATH/);
  });

  it('HOME is refused: the app gives every game its own', () => {
    expect(check({ HOME: '/library/game' })[0]?.message).toBe(
      "HOME may not be set: the app gives every game its own home, /tmp/dillinger-home, which it creates for the game's user and sets itself: remove it.",
    );
  });

  it.each(['DILLINGER_UID', 'DILLINGER_GID', 'DILLINGER_GAME_TITLE', 'DILLINGER_STOP_GRACE', 'DILLINGER_ENV_LD_PRELOAD', 'DILLINGER_'])('%s starts with DILLINGER_: the app\'s own, refused', (name) => {
    expect(check({ [name]: '1' })).toEqual([
      { path: `launchConfig.environment.${name}`, message: expect.stringMatching(/^DILLINGER_\w* may not be set: variables starting with DILLINGER_ are the app's own .*remove it\.$/) },
    ]);
  });

  it('the app-set DILLINGER_ names keep naming their setting', () => {
    expect(check({ DILLINGER_GROUPS: '44' })[0]?.message).toMatch(/set by the app: change the GPU access setting/);
  });

  it.each(['LD', 'LDFLAGS', 'PATH_EXTRA', 'MYPATH', 'HOMEDIR', 'ENVIRONMENT', 'TMPDIR', 'TZ', 'LANG', 'MALLOC', 'ld_preload', 'DILLINGER'])('%s is an ordinary name, accepted', (name) => {
    expect(check({ [name]: 'x' })).toEqual([]);
  });
});

describe('value sizes (Linux refuses exec over 128 KiB per variable, or 2 MiB for all of them with the arguments)', () => {
  it('a 200 KB value is refused, naming the limit and what to do', () => {
    expect(check({ BIG: 'a'.repeat(200_000) })).toEqual([{
      path: 'launchConfig.environment.BIG',
      message: "The value of BIG is 196 KiB, more than the 64 KiB a variable may hold (Linux refuses a program any variable over 128 KiB): shorten it, or put the data in a file in the game's folder and name that file instead.",
    }]);
  });

  it('counts bytes as the kernel does, not characters: 64 KiB of text is fine, 64 KiB of two-byte characters is not', () => {
    expect(check({ OK: 'a'.repeat(MAX_ENV_VALUE_BYTES) })).toEqual([]);
    expect(check({ WIDE: 'é'.repeat(MAX_ENV_VALUE_BYTES / 2 + 1) })).toHaveLength(1);
  });

  it('all values together are bounded too, with the total named', () => {
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`V${i}`, 'a'.repeat(60 * 1024)]));
    expect(check(many)).toEqual([{
      path: 'launchConfig.environment',
      message: "The variables take 541 KiB together, more than the 512 KiB allowed (Linux refuses to start a program whose variables and arguments pass 2 MiB): remove some, or move large values into files in the game's folder.",
    }]);
    expect(MAX_ENV_TOTAL_BYTES).toBe(512 * 1024);
    expect(check(Object.fromEntries(Object.entries(many).slice(0, 8)))).toEqual([]);
  });
});

describe('__proto__ (a name JavaScript objects treat specially)', () => {
  it('sent as JSON it is refused, never dropped in silence', () => {
    const request = JSON.parse(JSON.stringify(makeRequest()).replace('"environment":{}', '"environment":{"__proto__":"x","GOOD":"y"}')) as unknown;
    expect(Object.keys((request as { launchConfig: { environment: object } }).launchConfig.environment)).toEqual(['__proto__', 'GOOD']);
    const result = validateLaunchRequest(request, makeFacts());
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'launchConfig.environment.__proto__', message: '__proto__ cannot be carried through the app (JavaScript objects treat that name specially): rename the variable.' },
    ]);
  });

  it('other Object.prototype names stay ordinary variables, kept all the way', () => {
    const request = JSON.parse('{"constructor":"a","toString":"b","valueOf":"c"}') as Record<string, string>;
    const result = validateLaunchRequest(makeRequest({ environment: request }), makeFacts());
    expect(result.ok && result.value.launchConfig.environment).toEqual({ constructor: 'a', toString: 'b', valueOf: 'c' });
  });
});
