// Every Wine setting a launch carries is shown in the container preview, as the container applies it.
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { previewContainer } from './launch-preview';

const game: LibraryGame = { id: 'game_cube', title: 'Cube', folder: 'cube', platforms: [{ platform: 'windows', executable: 'cube.exe', arguments: [] }] };
const facts: HostFacts = {
  cpuCount: 2, memoryBytes: 2 ** 33, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [],
  displays: { x11: { displayId: ':1', socketPath: '/tmp/.X11-unix/X1' } },
};
const preview = (wine: unknown, extra: object = {}) => previewContainer({
  request: GameLaunchRequest.parse({
    gameId: game.id, userId: 'player', platform: 'windows', sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678', timestamp: '2025-10-29T14:29:45Z',
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: { WINEDLLOVERRIDES: 'winmm=n' }, winePrefix: 'cube-prefix', wine, ...extra },
  }),
  game, facts, image: 'dillinger-runner:local', gameFolder: '/games/cube', user: { uid: 1000, gid: 1000 }, appUid: 0,
});

describe('the preview shows the Wine settings', () => {
  it('each setting in words, and the variables that carry them', () => {
    const shown = preview({ graphics: 'dxvk', fpsOverlay: true, windowsVersion: 'win7', dllOverrides: { xinput1_3: 'native' }, virtualDesktop: true, winetricks: ['csmt=off', 'corefonts'] }, { resolution: '800x600', networkMode: 'bridge' });
    expect(shown.wineSettings).toEqual([
      { setting: 'Direct3D', value: "DXVK (Vulkan): its DLLs put into the prefix" },
      { setting: 'FPS overlay', value: "DXVK's (DXVK_HUD=fps)" },
      { setting: 'Windows version', value: 'win7' },
      { setting: 'DLL overrides', value: 'WINEDLLOVERRIDES=winmm=n;xinput1_3=n;d3d8=n;d3d9=n;d3d10core=n;d3d11=n;dxgi=n' },
      { setting: 'Virtual desktop', value: '800x600 (explorer /desktop)' },
      { setting: 'winetricks', value: 'csmt=off, once, recorded in the prefix' },
      { setting: 'winetricks', value: 'corefonts (downloads: needs the internet), once, recorded in the prefix' },
    ]);
    // The app's merged WINEDLLOVERRIDES is the one the game gets (the user's own travels no more).
    expect(shown.environment.WINEDLLOVERRIDES).toBe('winmm=n;xinput1_3=n;d3d8=n;d3d9=n;d3d10core=n;d3d11=n;dxgi=n');
    expect(shown.environment.DILLINGER_WINE_WINETRICKS).toBe('csmt=off corefonts');
  });
  it("DXVK on a display with no refresh rate (a bare X server's modes, or an isolated one): Wine's RandR off, said in words", () => {
    const rows = (f: HostFacts, extra: object = {}) => previewContainer({
      request: GameLaunchRequest.parse({
        gameId: game.id, userId: 'player', platform: 'windows', sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678', timestamp: '2025-10-29T14:29:45Z',
        launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, winePrefix: 'cube-prefix', wine: { graphics: 'dxvk' }, ...extra },
      }),
      game, facts: f, image: 'dillinger-runner:local', gameFolder: '/games/cube', user: { uid: 1000, gid: 1000 }, appUid: 0,
    }).wineSettings?.map((row) => row.setting);
    const withModes = (rates: number[]): HostFacts => ({ ...facts, displays: { x11: { displayId: ':1', socketPath: '/tmp/.X11-unix/X1', modes: [{ resolution: '1280x720', rates }] } } });
    expect(rows(withModes([]))).toContain('Display modes');
    expect(rows(withModes([60]))).not.toContain('Display modes');
    expect(rows(withModes([]), { wine: { graphics: 'wined3d' } })).not.toContain('Display modes');
  });

  it('WineD3D with MangoHud; nothing at all without settings', () => {
    expect(preview({ fpsOverlay: true }).wineSettings).toEqual([
      { setting: 'Direct3D', value: 'WineD3D (OpenGL)' },
      { setting: 'FPS overlay', value: 'MangoHud (the game starts under mangohud)' },
      { setting: 'Windows version', value: "as the prefix has it (Wine's default: win10)" },
      { setting: 'DLL overrides', value: 'WINEDLLOVERRIDES=winmm=n' },
    ]);
    expect(preview(undefined).wineSettings).toBeUndefined();
  });
});
