// The Wine settings part of the launch form as text the inputs hold, and how it becomes
// launchConfig.wine (unchecked: the shared rules judge it, as for every other field).
import type { WineSettings } from '../../../shared/model/wine-settings';

export interface WineForm {
  graphics: 'wined3d' | 'dxvk';
  fpsOverlay: boolean;
  /** '' = as the prefix has it. */
  windowsVersion: string;
  /** `name=order` entries separated by `;`, such as `xinput1_3=native; d3d9=native,builtin`. */
  dllOverrides: string;
  virtualDesktop: boolean;
  /** Verbs separated by spaces. */
  winetricks: string;
}

export function wineFormFrom(wine: WineSettings | undefined): WineForm {
  return {
    graphics: wine?.graphics ?? 'wined3d',
    fpsOverlay: wine?.fpsOverlay ?? false,
    windowsVersion: wine?.windowsVersion ?? '',
    dllOverrides: Object.entries(wine?.dllOverrides ?? {}).map(([name, order]) => `${name}=${order}`).join('; '),
    virtualDesktop: wine?.virtualDesktop ?? false,
    winetricks: (wine?.winetricks ?? []).join(' '),
  };
}

export function winetricksVerbsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** launchConfig.wine for the form, or undefined when every setting is Wine's default. */
export function wineSettingsFromForm(form: WineForm): Record<string, unknown> | undefined {
  const wine: Record<string, unknown> = {};
  if (form.graphics !== 'wined3d') wine.graphics = form.graphics;
  if (form.fpsOverlay) wine.fpsOverlay = true;
  if (form.windowsVersion !== '') wine.windowsVersion = form.windowsVersion;
  const overrides: Record<string, string> = {};
  for (const entry of form.dllOverrides.split(';')) {
    if (entry.trim() === '') continue;
    const at = entry.indexOf('=');
    const name = (at < 0 ? entry : entry.slice(0, at)).trim();
    // An entry without `=order` reaches validation with an empty order, which names what to write.
    Object.defineProperty(overrides, name, { value: at < 0 ? '' : entry.slice(at + 1).trim(), enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(overrides).length > 0) wine.dllOverrides = overrides;
  if (form.virtualDesktop) wine.virtualDesktop = true;
  const verbs = winetricksVerbsOf(form.winetricks);
  if (verbs.length > 0) wine.winetricks = verbs;
  return Object.keys(wine).length > 0 ? wine : undefined;
}

/** The form field a `launchConfig.wine...` problem is shown at. */
export function wineFieldOf(path: string): string | undefined {
  const match = /^launchConfig\.wine(?:\.(graphics|fpsOverlay|windowsVersion|dllOverrides|virtualDesktop|winetricks))?(?:\.|$)/.exec(path);
  if (!match) return undefined;
  return match[1] ? `launchConfig.wine.${match[1]}` : 'launchConfig.wine';
}
