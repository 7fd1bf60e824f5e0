// The user's X display's RandR modes, from `xrandr --query` (x11-xserver-utils): each size with the
// rates offered at it, for validation of a shared-display launch (shared/validation/display-modes.ts).
import { execFileSync } from 'node:child_process';
import type { DisplayMode } from '../../shared/validation/display-modes';

/** Mode lines ("   1920x1080     60.00*+  144.00") of every connected output, merged per size. */
export function parseXrandrModes(text: string): DisplayMode[] {
  const modes = new Map<string, Set<number>>();
  for (const line of text.split('\n')) {
    const match = /^\s+(\d+x\d+)\s+(.*)$/.exec(line);
    if (!match?.[1]) continue;
    const rates = (match[2] ?? '').split(/\s+/).map((r) => Number.parseFloat(r)).filter((r) => Number.isFinite(r) && r > 0).map((r) => Math.round(r * 100) / 100);
    const set = modes.get(match[1]) ?? new Set<number>();
    for (const rate of rates) set.add(rate);
    modes.set(match[1], set);
  }
  return [...modes].map(([resolution, rates]) => ({ resolution, rates: [...rates].sort((a, b) => b - a) }));
}

/** The modes of DISPLAY, or undefined when xrandr is missing or fails (then nothing is refused by them). */
export function readXrandrModes(env: NodeJS.ProcessEnv): DisplayMode[] | undefined {
  try {
    const text = execFileSync('xrandr', ['--query'], {
      env: { PATH: env.PATH ?? process.env.PATH ?? '/usr/bin:/bin', DISPLAY: env.DISPLAY ?? '', XAUTHORITY: env.XAUTHORITY ?? '' },
      timeout: 2000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    });
    const modes = parseXrandrModes(text);
    return modes.length > 0 ? modes : undefined;
  } catch {
    return undefined;
  }
}
