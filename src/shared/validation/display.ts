import { RESOLUTION_PATTERN } from '../model/entities';
import type { HostFacts } from './host-facts';
import type { Problem } from './problems';
import { displayIsolationProblems } from './display-isolation';
import { sharedDisplayModeProblems } from './display-modes';

const MISSING: Record<'x11' | 'wayland', string> = {
  x11: 'No X11 display was found on this computer (DISPLAY is not set or its socket is missing): start the app from your desktop session, or choose wayland.',
  wayland: 'No Wayland display was found on this computer (no $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY socket): choose x11 (on a Wayland desktop it reaches Xwayland).',
};

/** displayMode must be one the host offers; resolution must fit that display. */
export function displayProblems(config: Record<string, unknown>, facts: HostFacts, platform?: unknown): Problem[] {
  const mode = config.displayMode;
  if (mode !== 'x11' && mode !== 'wayland') return [];
  const display = facts.displays[mode];
  if (!display) return [{ path: 'launchConfig.displayMode', message: MISSING[mode] }];
  const isolation = displayIsolationProblems(config);
  if (isolation.length > 0) return isolation;
  const modes = sharedDisplayModeProblems(config, platform, display.modes);
  if (modes.length > 0) return modes;

  const match = typeof config.resolution === 'string' ? RESOLUTION_PATTERN.exec(config.resolution) : null;
  if (match && display.maxWidth && display.maxHeight) {
    const [width, height] = [Number(match[1]), Number(match[2])];
    if (width > display.maxWidth || height > display.maxHeight) {
      return [{
        path: 'launchConfig.resolution',
        message: `${config.resolution as string} is larger than the display ${display.displayId} (${display.maxWidth}x${display.maxHeight}): pick a smaller resolution`
          + `${config.displayIsolation === 'isolated' ? ' (the game\'s own display is a window on it, or fills it when fullscreen)' : ''}.`,
      }];
    }
  }
  return [];
}
