import { describe, expect, it } from 'vitest';
import { WineSettings, winetricksVerbKind } from '../model/wine-settings';
import { makeFacts, makeRequest } from '../test-support/test-facts';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { needsInternetMessage } from './wine-settings';

const RUNNER = { dxvk: true, mangohud: true, winetricks: true };
const windows = (wine: unknown, config: Record<string, unknown> = {}) =>
  makeRequest({ winePrefix: 'diablo-prefix', wine, ...config } as never, { gameId: 'game_diablo_pc_12345', platform: 'windows' });
const problemsOf = (input: unknown, facts = makeFacts({ runnerWine: RUNNER })): Problem[] => {
  const verdict = validateLaunchRequest(input, facts);
  return verdict.ok ? [] : verdict.problems;
};

describe('Wine settings: shape', () => {
  it('accepts every setting together', () => {
    expect(WineSettings.safeParse({ graphics: 'dxvk', fpsOverlay: true, windowsVersion: 'win7', dllOverrides: { xinput1_3: 'native,builtin' }, virtualDesktop: false, winetricks: ['csmt=off'] }).success).toBe(true);
  });
  it.each(['../d3d9', 'C:\\x\\d3d9', 'd3d9=n', 'a;b', 'a,b', ''])('refuses the DLL name %j', (name) => {
    expect(problemsOf(windows({ dllOverrides: { [name]: 'native' } })).map((p) => p.path)).toEqual([`launchConfig.wine.dllOverrides.${name}`]);
  });
  it('refuses a load order WINEDLLOVERRIDES has no word for, and an unknown Windows version', () => {
    const problems = problemsOf(windows({ dllOverrides: { d3d9: 'n' }, windowsVersion: 'win12' }));
    expect(problems.map((p) => p.path).sort()).toEqual(['launchConfig.wine.dllOverrides.d3d9', 'launchConfig.wine.windowsVersion']);
  });
  it('refuses a verb that is not one word (no option, no shell)', () => {
    expect(problemsOf(windows({ winetricks: ['--force'] })).map((p) => p.path)).toEqual(['launchConfig.wine.winetricks.0']);
    expect(problemsOf(windows({ winetricks: ['csmt=off; rm -rf /'] })).map((p) => p.path)).toEqual(['launchConfig.wine.winetricks.0']);
  });
});

describe('Wine settings: what this launch can apply', () => {
  it('accepts DXVK, its overlay, a version, overrides and an offline verb with the network off', () => {
    expect(problemsOf(windows({ graphics: 'dxvk', fpsOverlay: true, windowsVersion: 'win10', dllOverrides: { xinput1_3: 'native' }, winetricks: ['csmt=off', 'renderer=vulkan'] }))).toEqual([]);
  });
  it('refuses Wine settings on a Linux launch, naming them', () => {
    expect(problemsOf(makeRequest({ wine: { graphics: 'dxvk' } } as never))).toEqual([
      { path: 'launchConfig.wine', message: 'Wine settings (graphics) apply to Windows games only, and this launch runs the linux version: remove them, or play the Windows version.' },
    ]);
  });
  it('refuses DXVK, MangoHud and winetricks where the runner image has none of them', () => {
    const bare = makeFacts({ runnerWine: { dxvk: false, mangohud: false, winetricks: false } });
    expect(problemsOf(windows({ graphics: 'dxvk' }), bare)[0]?.message).toMatch(/has no DXVK .*choose WineD3D/);
    expect(problemsOf(windows({ fpsOverlay: true }), bare)[0]?.message).toMatch(/no MangoHud: choose DXVK/);
    expect(problemsOf(windows({ winetricks: ['csmt=off'] }), bare)[0]?.message).toMatch(/no winetricks/);
    // Unknown runner (no labels): the entrypoint refuses what it lacks instead.
    expect(problemsOf(windows({ graphics: 'dxvk' }), makeFacts())).toEqual([]);
  });
  it('a download verb with the network off is refused with the internet message; with bridge it passes', () => {
    expect(winetricksVerbKind('corefonts')).toBe('download');
    expect(problemsOf(windows({ winetricks: ['corefonts'] }))).toEqual([{ path: 'launchConfig.wine.winetricks.0', message: needsInternetMessage('corefonts') }]);
    expect(needsInternetMessage('corefonts')).toMatch(/needs the internet: set the network to bridge/);
    expect(problemsOf(windows({ winetricks: ['corefonts'] }, { networkMode: 'bridge' }))).toEqual([]);
  });
  it('refuses an unknown verb, a twice-listed one, and verbs that another setting owns', () => {
    const paths = (verbs: string[]) => problemsOf(windows({ winetricks: verbs })).map((p) => p.message);
    expect(paths(['nosuchverb'])[0]).toMatch(/winetricks has no verb "nosuchverb"/);
    expect(paths(['csmt=off', 'csmt=off'])[0]).toMatch(/listed twice/);
    expect(paths(['win7'])[0]).toMatch(/choose it under Windows version/);
    expect(paths(['vd=800x600'])[0]).toMatch(/turn on Virtual desktop/);
  });
  it('the virtual desktop needs the resolution it is drawn at', () => {
    expect(problemsOf(windows({ virtualDesktop: true }))[0]?.message).toMatch(/set a resolution such as 1280x720/);
    expect(problemsOf(windows({ virtualDesktop: true }, { resolution: '800x600' }))).toEqual([]);
  });
  it('with DXVK, an override of a DLL DXVK sets is refused', () => {
    expect(problemsOf(windows({ graphics: 'dxvk', dllOverrides: { 'D3D11.dll': 'builtin' } }))[0]).toEqual({
      path: 'launchConfig.wine.dllOverrides.D3D11.dll', message: 'DXVK sets d3d11 itself (native, from DXVK): remove this override, or choose WineD3D.',
    });
  });
});
