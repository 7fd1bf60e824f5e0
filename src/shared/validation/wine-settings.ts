// Host- and runner-aware rules for a launch's Wine settings (LaunchConfiguration.wine): a setting the
// runner cannot apply is refused with what to do, never recorded and ignored. Pure, like every rule.
import { DXVK_DLLS, WINDOWS_VERSIONS, winetricksVerbKind } from '../model/wine-settings';
import type { HostFacts } from './host-facts';
import type { Problem } from './problems';

const AT = 'launchConfig.wine';

/** What a download verb's form row and refusal say: the internet is what it needs. */
export function needsInternetMessage(verb: string): string {
  return `winetricks ${verb} downloads what it installs, so it needs the internet: set the network to bridge (and be online at launch), or remove ${verb}.`;
}

type Config = Record<string, unknown>;
type Wine = Record<string, unknown>;

export function wineSettingsProblems(platform: unknown, config: Config, facts: Pick<HostFacts, 'runnerWine'>): Problem[] {
  const wine = config.wine;
  if (typeof wine !== 'object' || wine === null) return [];
  const w = wine as Wine;
  if (platform !== 'windows') {
    const named = Object.keys(w).filter((k) => w[k] !== undefined);
    if (named.length === 0) return [];
    return [{ path: AT, message: `Wine settings (${named.join(', ')}) apply to Windows games only, and this launch runs the ${String(platform)} version: remove them, or play the Windows version.` }];
  }
  const runner = facts.runnerWine;
  const problems: Problem[] = [];
  const dxvk = w.graphics === 'dxvk';
  if (dxvk && runner && !runner.dxvk) {
    problems.push({ path: `${AT}.graphics`, message: "This runner image has no DXVK (/usr/lib/dxvk), so Direct3D cannot go through Vulkan: choose WineD3D (OpenGL), or use a runner image with DXVK (the app's own has it)." });
  }
  if (w.fpsOverlay === true && !dxvk && runner && !runner.mangohud) {
    problems.push({ path: `${AT}.fpsOverlay`, message: "With WineD3D the FPS overlay is MangoHud's, and this runner image has no MangoHud: choose DXVK (its own FPS counter), or turn the overlay off." });
  }
  if (w.virtualDesktop === true && (typeof config.resolution !== 'string' || config.resolution === '')) {
    problems.push({ path: `${AT}.virtualDesktop`, message: "Wine's virtual desktop is drawn at the launch's resolution, and none is set: set a resolution such as 1280x720 (Display), or turn the virtual desktop off." });
  }
  if (typeof w.dllOverrides === 'object' && w.dllOverrides !== null && dxvk) {
    for (const name of Object.keys(w.dllOverrides)) {
      const bare = name.toLowerCase().replace(/\.dll$/, '');
      if ((DXVK_DLLS as readonly string[]).includes(bare)) {
        problems.push({ path: `${AT}.dllOverrides.${name}`, message: `DXVK sets ${bare} itself (native, from DXVK): remove this override, or choose WineD3D.` });
      }
    }
  }
  if (Array.isArray(w.winetricks)) problems.push(...verbProblems(w.winetricks, config.networkMode, runner));
  return problems;
}

function verbProblems(verbs: readonly unknown[], networkMode: unknown, runner: HostFacts['runnerWine']): Problem[] {
  const problems: Problem[] = [];
  if (verbs.length > 0 && runner && !runner.winetricks) {
    return [{ path: `${AT}.winetricks`, message: 'This runner image has no winetricks: remove the verbs, or use a runner image with winetricks (the app\'s own has it).' }];
  }
  const seen = new Set<string>();
  verbs.forEach((verb, i) => {
    if (typeof verb !== 'string') return; // the schema names it
    const at = `${AT}.winetricks.${i}`;
    if (seen.has(verb)) return problems.push({ path: at, message: `${verb} is listed twice: each verb once.` });
    seen.add(verb);
    if ((WINDOWS_VERSIONS as readonly string[]).includes(verb) || verb.startsWith('winver=')) {
      return problems.push({ path: at, message: `${verb} sets the Windows version: choose it under Windows version instead, so the app records it.` });
    }
    if (verb.startsWith('vd=')) {
      return problems.push({ path: at, message: `${verb} sets Wine's virtual desktop: turn on Virtual desktop instead (it uses the launch's resolution).` });
    }
    const kind = winetricksVerbKind(verb);
    if (kind === 'unknown') return problems.push({ path: at, message: `winetricks has no verb "${verb}": check its spelling (winetricks list-all lists them).` });
    if (kind === 'download' && (networkMode ?? 'none') === 'none') problems.push({ path: at, message: needsInternetMessage(verb) });
    return undefined;
  });
  return problems;
}
