// A launch's Wine settings as the container's variables: DILLINGER_WINE_* for what the entrypoint
// applies to the prefix (resources/runner/lib/wine-settings.sh), and the game's own variables
// (WINEDLLOVERRIDES, DXVK_HUD) for what Wine and DXVK read at start.
import type { LaunchConfiguration } from '../../shared/model/entities';
import { DXVK_DLLS, winetricksVerbKind, type WineSettings } from '../../shared/model/wine-settings';
import type { DisplayMode } from '../../shared/validation/display-modes';

const ORDER_LETTERS: Record<string, string> = { native: 'n', builtin: 'b', 'native,builtin': 'n,b', 'builtin,native': 'b,n', disabled: '' };

/** `d3d9=n;dxgi=n,b` → Map(d3d9 → n, dxgi → n,b); names lower-cased, `.dll` dropped. Entries it cannot read are dropped. */
export function parseDllOverrides(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of text.split(';')) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    const order = entry.slice(at + 1).trim();
    for (const name of entry.slice(0, at).split(',')) {
      const bare = name.trim().toLowerCase().replace(/\.dll$/, '');
      if (bare !== '') map.set(bare, order);
    }
  }
  return map;
}

/**
 * WINEDLLOVERRIDES for the game: the user's own variable, then the form's DLL overrides, then DXVK's
 * DLLs (native). Where two name the same DLL the later wins: DXVK over the form, the form over the
 * user's variable. Undefined when there is nothing to override.
 */
export function mergedDllOverrides(wine: WineSettings, userValue: string | undefined): string | undefined {
  const map = parseDllOverrides(userValue ?? '');
  for (const [name, order] of Object.entries(wine.dllOverrides ?? {})) map.set(name.toLowerCase().replace(/\.dll$/, ''), ORDER_LETTERS[order] ?? '');
  if (wine.graphics === 'dxvk') for (const name of DXVK_DLLS) map.set(name, 'n');
  if (map.size === 0) return undefined;
  return [...map].map(([name, order]) => `${name}=${order}`).join(';');
}

type DisplayChoice = Partial<Pick<LaunchConfiguration, 'displayMode' | 'displayIsolation'>>;

/**
 * Whether the X display the game draws on offers no refresh rate, so Wine would report every mode
 * at 0 Hz. Xephyr (the isolated display) never offers one: it registers its sizes with RandR at
 * rate 0 (hw/kdrive/ephyr/ephyr.c, RRSetCurrentConfig(..., 0, ...)), `xrandr` lists them at 0.00.
 * Nor does a bare Xvfb used as the shared display: `sharedModes` (host facts: the user's display's
 * RandR modes, rates above 0 only) then has sizes but no rate at all.
 */
export function displayOffersNoRefreshRate(config: DisplayChoice, sharedModes?: readonly DisplayMode[]): boolean {
  if (config.displayMode !== undefined && config.displayMode !== 'x11') return false;
  if (config.displayIsolation === 'isolated') return true;
  return sharedModes !== undefined && sharedModes.length > 0 && sharedModes.every((mode) => mode.rates.length === 0);
}

/**
 * The variables a Windows launch's Wine settings add (none for a Linux launch or no settings).
 * `sharedModes`: the user's display's modes (host facts), when known.
 */
export function wineSettingsEnv(
  platform: string,
  config: Pick<LaunchConfiguration, 'wine' | 'resolution' | 'environment'> & DisplayChoice,
  sharedModes?: readonly DisplayMode[],
): Record<string, string> {
  const wine = config.wine;
  if (platform !== 'windows' || !wine) return {};
  const env: Record<string, string> = { DILLINGER_WINE_GRAPHICS: wine.graphics ?? 'wined3d' };
  if (wine.windowsVersion) env.DILLINGER_WINE_WINDOWS_VERSION = wine.windowsVersion;
  if (wine.winetricks && wine.winetricks.length > 0) {
    env.DILLINGER_WINE_WINETRICKS = wine.winetricks.join(' ');
    // So a failure of one of these says it needs the internet (winetricks' own classification).
    const downloads = wine.winetricks.filter((verb) => winetricksVerbKind(verb) === 'download');
    if (downloads.length > 0) env.DILLINGER_WINE_WINETRICKS_DOWNLOAD = downloads.join(' ');
  }
  if (wine.virtualDesktop && config.resolution) env.DILLINGER_WINE_DESKTOP = config.resolution;
  // DXVK 2.6's DXGI divides by the display's refresh rate as soon as a D3D10/11 game looks at its
  // output (computeRefreshPeriod in src/util/util_misc.h; guarded upstream only from DXVK 3.0.1): at
  // 0 Hz every such game dies of "Unhandled division by zero". With Wine's RandR off, Wine reports the
  // screen as its one mode at 60 Hz. Not with Wine's virtual desktop: its modes have a rate already.
  if (wine.graphics === 'dxvk' && env.DILLINGER_WINE_DESKTOP === undefined && displayOffersNoRefreshRate(config, sharedModes)) {
    env.DILLINGER_WINE_XRANDR = 'off';
  }
  if (wine.fpsOverlay) {
    // DXVK draws its own counter; WineD3D's OpenGL is drawn by MangoHud, which the entrypoint starts the game under.
    if (wine.graphics === 'dxvk') env.DXVK_HUD = 'fps';
    else env.DILLINGER_WINE_MANGOHUD = '1';
  }
  const overrides = mergedDllOverrides(wine, config.environment.WINEDLLOVERRIDES);
  if (overrides !== undefined) env.WINEDLLOVERRIDES = overrides;
  return env;
}
