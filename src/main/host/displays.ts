// The displays a game could draw on, from the environment the app was started in.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { X11_DISPLAY_PATTERN } from '../../shared/model/entities';
import type { DisplayFact } from '../../shared/validation/host-facts';
import { readXrandrModes } from './xrandr-modes';

export interface Displays {
  x11?: DisplayFact;
  wayland?: DisplayFact;
}

export function detectDisplays(env: NodeJS.ProcessEnv = process.env): Displays {
  const displays: Displays = {};
  const x11 = env.DISPLAY ? X11_DISPLAY_PATTERN.exec(env.DISPLAY) : null;
  // Only local displays: their socket is what a container gets, read-only. A TCP display would need the network.
  if (x11 && env.DISPLAY && /^(?:unix)?:/.test(env.DISPLAY)) {
    const socketPath = `/tmp/.X11-unix/X${x11[1]}`;
    if (isSocket(socketPath)) {
      const modes = readXrandrModes(env);
      displays.x11 = { displayId: env.DISPLAY, socketPath, ...(modes ? { modes } : {}) };
    }
  }
  const wayland = env.WAYLAND_DISPLAY;
  if (wayland) {
    const socketPath = isAbsolute(wayland) ? wayland : env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, wayland) : undefined;
    if (socketPath && isSocket(socketPath)) displays.wayland = { displayId: wayland, socketPath };
  }
  return displays;
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}
