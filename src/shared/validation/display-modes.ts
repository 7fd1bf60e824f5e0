// Resolution and refresh rate on the SHARED display: the game gets the user's X display as it is,
// so a size or rate the display does not offer (its RandR modes) cannot be given and is refused,
// saying what can. Not applied when the size goes elsewhere: an isolated game's Xephyr (any size up
// to the screen, checked in display-isolation.ts) or a Windows game's Wine virtual desktop.
import type { Problem } from './problems';

/** One RandR mode of the user's display: its size and the rates it offers at that size. */
export interface DisplayMode {
  resolution: string;
  rates: number[];
}

/** `modes` undefined: the display's modes are unknown (no xrandr), nothing is refused. */
export function sharedDisplayModeProblems(config: Record<string, unknown>, platform: unknown, modes: DisplayMode[] | undefined): Problem[] {
  if (!modes || modes.length === 0 || config.displayMode !== 'x11' || config.displayIsolation === 'isolated') return [];
  const wine = config.wine as { virtualDesktop?: unknown } | undefined;
  const virtualDesktop = platform === 'windows' && wine?.virtualDesktop !== undefined && wine.virtualDesktop !== false;
  const problems: Problem[] = [];
  const resolution = typeof config.resolution === 'string' ? config.resolution : undefined;
  const mode = resolution ? modes.find((m) => m.resolution === resolution) : undefined;
  if (resolution && !virtualDesktop && !mode) {
    problems.push({
      path: 'launchConfig.resolution',
      message: `Your display does not offer ${resolution} (it offers ${modes.map((m) => m.resolution).join(', ')}), and on the shared display the game keeps its size: `
        + `choose displayIsolation isolated (a display of its own at any size up to your screen)${platform === 'windows' ? ", or Wine's virtual desktop (wine.virtualDesktop)" : ''}, or leave the resolution empty.`,
    });
  }
  if (typeof config.refreshRate === 'number') {
    const offered = [...new Set(mode ? mode.rates : modes.flatMap((m) => m.rates))].sort((a, b) => b - a);
    if (offered.length > 0 && !offered.some((rate) => Math.abs(rate - (config.refreshRate as number)) < 0.5)) {
      problems.push({
        path: 'launchConfig.refreshRate',
        message: `Your display does not offer ${config.refreshRate} Hz${mode ? ` at ${mode.resolution}` : ''}: it offers ${offered.map((r) => `${r} Hz`).join(', ')}. Choose one of those, or leave the refresh rate empty.`,
      });
    }
  }
  return problems;
}
