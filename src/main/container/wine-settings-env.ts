// A launch's Wine settings as the container's variables: DILLINGER_WINE_* for what the entrypoint
// applies to the prefix (resources/runner/lib/wine-settings.sh), and the game's own variables
// (WINEDLLOVERRIDES, DXVK_HUD) for what Wine and DXVK read at start.
import type { LaunchConfiguration } from '../../shared/model/entities';
import { DXVK_DLLS, winetricksVerbKind, type WineSettings } from '../../shared/model/wine-settings';

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

/** The variables a Windows launch's Wine settings add (none for a Linux launch or no settings). */
export function wineSettingsEnv(platform: string, config: Pick<LaunchConfiguration, 'wine' | 'resolution' | 'environment'>): Record<string, string> {
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
  if (wine.fpsOverlay) {
    // DXVK draws its own counter; WineD3D's OpenGL is drawn by MangoHud, which the entrypoint starts the game under.
    if (wine.graphics === 'dxvk') env.DXVK_HUD = 'fps';
    else env.DILLINGER_WINE_MANGOHUD = '1';
  }
  const overrides = mergedDllOverrides(wine, config.environment.WINEDLLOVERRIDES);
  if (overrides !== undefined) env.WINEDLLOVERRIDES = overrides;
  return env;
}
