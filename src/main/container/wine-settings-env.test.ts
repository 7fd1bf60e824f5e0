import { describe, expect, it } from 'vitest';
import { displayOffersNoRefreshRate, mergedDllOverrides, parseDllOverrides, wineSettingsEnv } from './wine-settings-env';

const config = (wine: object, extra: object = {}) => ({ environment: {}, wine, ...extra });

describe('Wine settings as the container variables', () => {
  it('nothing for a Linux launch or a launch without settings', () => {
    expect(wineSettingsEnv('linux', config({ graphics: 'dxvk' }))).toEqual({});
    expect(wineSettingsEnv('windows', { environment: {} })).toEqual({});
  });
  it('DXVK: its DLLs native, its own FPS counter', () => {
    expect(wineSettingsEnv('windows', config({ graphics: 'dxvk', fpsOverlay: true }))).toEqual({
      DILLINGER_WINE_GRAPHICS: 'dxvk',
      DXVK_HUD: 'fps',
      WINEDLLOVERRIDES: 'd3d8=n;d3d9=n;d3d10core=n;d3d11=n;dxgi=n',
    });
  });
  it('WineD3D: the overlay is MangoHud; version, verbs (downloads named) and the desktop at the resolution', () => {
    expect(wineSettingsEnv('windows', config({ fpsOverlay: true, windowsVersion: 'win7', winetricks: ['csmt=off', 'corefonts'], virtualDesktop: true }, { resolution: '800x600' }))).toEqual({
      DILLINGER_WINE_GRAPHICS: 'wined3d',
      DILLINGER_WINE_MANGOHUD: '1',
      DILLINGER_WINE_WINDOWS_VERSION: 'win7',
      DILLINGER_WINE_WINETRICKS: 'csmt=off corefonts',
      DILLINGER_WINE_WINETRICKS_DOWNLOAD: 'corefonts',
      DILLINGER_WINE_DESKTOP: '800x600',
    });
  });
  it("merges the user's WINEDLLOVERRIDES: the form's overrides win over it, DXVK's over both", () => {
    expect(parseDllOverrides('d3d9,XInput1_3.dll=n;bad;=b;dinput8=')).toEqual(new Map([['d3d9', 'n'], ['xinput1_3', 'n'], ['dinput8', '']]));
    expect(mergedDllOverrides({ dllOverrides: { xinput1_3: 'builtin', dinput8: 'disabled' } }, 'xinput1_3=n;winmm=n,b')).toBe('xinput1_3=b;winmm=n,b;dinput8=');
    expect(mergedDllOverrides({ graphics: 'dxvk', dllOverrides: { mscoree: 'native,builtin' } }, 'd3d11=b')).toBe('d3d11=n;mscoree=n,b;d3d8=n;d3d9=n;d3d10core=n;dxgi=n');
    expect(mergedDllOverrides({}, undefined)).toBeUndefined();
  });
  it("DXVK on a display without a refresh rate (Xephyr, a bare Xvfb): Wine's RandR off, else nothing", () => {
    const xvfb = [{ resolution: '1280x720', rates: [] }];
    const monitor = [{ resolution: '1920x1080', rates: [60, 144] }, { resolution: '1280x720', rates: [] }];
    const isolated = { displayMode: 'x11' as const, displayIsolation: 'isolated' as const };
    expect(wineSettingsEnv('windows', config({ graphics: 'dxvk' }, isolated))).toMatchObject({ DILLINGER_WINE_XRANDR: 'off' });
    expect(wineSettingsEnv('windows', config({ graphics: 'dxvk' }, { displayMode: 'x11' }), xvfb)).toMatchObject({ DILLINGER_WINE_XRANDR: 'off' });
    // A monitor with rates, unknown modes, WineD3D (no division), Wine's virtual desktop (its modes have a rate): untouched.
    expect(wineSettingsEnv('windows', config({ graphics: 'dxvk' }, { displayMode: 'x11' }), monitor)).not.toHaveProperty('DILLINGER_WINE_XRANDR');
    expect(wineSettingsEnv('windows', config({ graphics: 'dxvk' }, { displayMode: 'x11' }))).not.toHaveProperty('DILLINGER_WINE_XRANDR');
    expect(wineSettingsEnv('windows', config({ graphics: 'wined3d' }, isolated))).not.toHaveProperty('DILLINGER_WINE_XRANDR');
    expect(wineSettingsEnv('windows', config({ graphics: 'dxvk', virtualDesktop: true }, { ...isolated, resolution: '800x600' }))).not.toHaveProperty('DILLINGER_WINE_XRANDR');
    // The X display's modes say nothing about a Wayland launch.
    expect(displayOffersNoRefreshRate({ displayMode: 'wayland' }, xvfb)).toBe(false);
    expect(displayOffersNoRefreshRate({ displayMode: 'x11' }, [])).toBe(false);
  });
});
