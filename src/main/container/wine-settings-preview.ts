// A container's Wine settings in a player's words, for the preview: read back from the variables the
// spec gives the entrypoint and Wine (wine-settings-env.ts), so the preview shows what the launch does.

export interface WineSettingRow {
  setting: string;
  value: string;
}

/** One row per setting the container carries; empty when it carries none (a Linux game, no settings). */
export function describeWineSettings(env: Readonly<Record<string, string>>): WineSettingRow[] {
  const graphics = env.DILLINGER_WINE_GRAPHICS;
  if (graphics === undefined) return [];
  const rows: WineSettingRow[] = [
    { setting: 'Direct3D', value: graphics === 'dxvk' ? 'DXVK (Vulkan): its DLLs put into the prefix' : 'WineD3D (OpenGL)' },
  ];
  if (env.DXVK_HUD !== undefined) rows.push({ setting: 'FPS overlay', value: `DXVK's (DXVK_HUD=${env.DXVK_HUD})` });
  if (env.DILLINGER_WINE_MANGOHUD === '1') rows.push({ setting: 'FPS overlay', value: 'MangoHud (the game starts under mangohud)' });
  rows.push({ setting: 'Windows version', value: env.DILLINGER_WINE_WINDOWS_VERSION ?? "as the prefix has it (Wine's default: win10)" });
  if (env.WINEDLLOVERRIDES !== undefined) rows.push({ setting: 'DLL overrides', value: `WINEDLLOVERRIDES=${env.WINEDLLOVERRIDES}` });
  if (env.DILLINGER_WINE_DESKTOP !== undefined) rows.push({ setting: 'Virtual desktop', value: `${env.DILLINGER_WINE_DESKTOP} (explorer /desktop)` });
  if (env.DILLINGER_WINE_XRANDR === 'off') {
    rows.push({ setting: 'Display modes', value: "the display offers no refresh rate, which DXVK cannot use: Wine's RandR is off, so the game sees the screen's size at 60 Hz (use a virtual desktop for other resolutions)" });
  }
  const downloads = new Set((env.DILLINGER_WINE_WINETRICKS_DOWNLOAD ?? '').split(' ').filter(Boolean));
  for (const verb of (env.DILLINGER_WINE_WINETRICKS ?? '').split(' ').filter(Boolean)) {
    rows.push({ setting: 'winetricks', value: `${verb}${downloads.has(verb) ? ' (downloads: needs the internet)' : ''}, once, recorded in the prefix` });
  }
  return rows;
}
