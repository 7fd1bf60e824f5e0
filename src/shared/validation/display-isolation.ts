// Rules for a game's display of its own (launchConfig.displayIsolation): a nested X server is an X11
// thing, fullscreen is the nested display's, and a nested Xephyr has no refresh rate to set.
import type { Problem } from './problems';

export function displayIsolationProblems(config: Record<string, unknown>): Problem[] {
  const isolated = config.displayIsolation === 'isolated';
  const problems: Problem[] = [];
  if (isolated && config.displayMode === 'wayland') {
    problems.push({
      path: 'launchConfig.displayIsolation',
      message: "isolated nests an X server for x11 games: on wayland the compositor already keeps the game from other windows' keys and pixels. Choose shared, or the x11 display mode.",
    });
  }
  if (config.fullscreen === true && !isolated) {
    problems.push({
      path: 'launchConfig.fullscreen',
      message: "fullscreen applies to the game's own display: choose displayIsolation isolated, or turn fullscreen off (on the shared display the game sizes its own window).",
    });
  }
  if (isolated && config.refreshRate !== undefined) {
    problems.push({
      path: 'launchConfig.refreshRate',
      message: "The game's own display (a nested Xephyr window) has no refresh rate to set: it draws at the pace of your screen. Leave the refresh rate empty.",
    });
  }
  return problems;
}
