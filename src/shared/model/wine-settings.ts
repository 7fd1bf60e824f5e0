// A Windows game's Wine settings (LaunchConfiguration.wine): how Direct3D is drawn, an FPS overlay,
// the Windows version, DLL overrides, Wine's virtual desktop and winetricks verbs. The shape only;
// what this host and runner can apply is judged in shared/validation/wine-settings.ts.
import { z } from 'zod';
import { WINETRICKS_CATEGORIES } from './winetricks-verbs';

/** wined3d: Wine's own Direct3D on OpenGL. dxvk: DXVK's Direct3D 8/9/10/11 on Vulkan. */
export const D3D_BACKENDS = ['wined3d', 'dxvk'] as const;
export const d3dBackend = z.enum(D3D_BACKENDS, { error: "must be 'wined3d' (OpenGL) or 'dxvk' (Vulkan)" });

/** Wine's own list (winecfg /v), newest first. */
export const WINDOWS_VERSIONS = ['win11', 'win10', 'win81', 'win8', 'win7', 'vista', 'winxp', 'win2k', 'winme', 'win98', 'win95'] as const;
export const windowsVersion = z.enum(WINDOWS_VERSIONS, { error: `must be one of Wine's Windows versions: ${WINDOWS_VERSIONS.join(', ')}` });

/** WINEDLLOVERRIDES' load orders: n = native (the DLL in the prefix or game folder), b = Wine's builtin. */
export const DLL_LOAD_ORDERS = ['native', 'builtin', 'native,builtin', 'builtin,native', 'disabled'] as const;
export const dllLoadOrder = z.enum(DLL_LOAD_ORDERS, { error: `must be one of ${DLL_LOAD_ORDERS.join(', ')}` });

/** A DLL's name as WINEDLLOVERRIDES takes it: no folder, none of its separators (= ; ,), `.dll` optional. */
export const DLL_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}$/;
export const dllName = z.string().regex(DLL_NAME_PATTERN, 'must be a DLL name such as d3d9 or xinput1_3 (letters, digits, _ . + -; no folder, no = ; or ,)');

/** A winetricks verb as written: its own characters only (no spaces, options or shell). */
export const WINETRICKS_VERB_PATTERN = /^[a-z0-9_][a-z0-9_.=+-]{0,63}$/;
export const winetricksVerb = z.string().regex(WINETRICKS_VERB_PATTERN, 'must be a winetricks verb such as win10, csmt=off or vcrun2019');

export const WineSettings = z.strictObject({
  /** Absent: wined3d, Wine's default. */
  graphics: d3dBackend.optional(),
  /** An FPS counter over the game: DXVK_HUD=fps with DXVK, MangoHud (OpenGL) with wined3d. */
  fpsOverlay: z.boolean({ error: 'must be true or false' }).optional(),
  /** Absent: Wine's default (win10 on Wine 10); an applied version stays until another is chosen. */
  windowsVersion: windowsVersion.optional(),
  dllOverrides: z.record(dllName, dllLoadOrder).optional(),
  /** Draw the game in a Wine desktop window at LaunchConfiguration.resolution (Wine's own size when absent). */
  virtualDesktop: z.boolean({ error: 'must be true or false' }).optional(),
  /** Applied once each, in this order, and recorded in the prefix. */
  winetricks: z.array(winetricksVerb).max(32, 'at most 32 verbs').optional(),
});
export type WineSettings = z.infer<typeof WineSettings>;

/** The DLLs DXVK replaces (Debian's dxvk-wine64/32 ship these five). */
export const DXVK_DLLS = ['d3d8', 'd3d9', 'd3d10core', 'd3d11', 'dxgi'] as const;

const OFFLINE_VERBS = new Set(WINETRICKS_CATEGORIES.settings ?? []);
const ALL_VERBS = new Set(Object.values(WINETRICKS_CATEGORIES).flat());

/** What winetricks says of a verb: `offline` (its settings category), `download` (every other), or `unknown`. */
export function winetricksVerbKind(verb: string): 'offline' | 'download' | 'unknown' {
  if (OFFLINE_VERBS.has(verb)) return 'offline';
  if (ALL_VERBS.has(verb)) return 'download';
  // vd=WxH and winver= take any value: the settings category lists some of each.
  if (/^vd=(?:off|\d{2,5}x\d{2,5})$/.test(verb)) return 'offline';
  return 'unknown';
}
