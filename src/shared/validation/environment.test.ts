import { describe, expect, it } from 'vitest';
import { APP_ENVIRONMENT, environmentProblems } from './environment';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { makeFacts, makeRequest } from './test-facts';

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
