// Which part of a shared X display is the game's: its top-level windows are found by the pid of
// the X client that made them (X-Resource), a pid being the game's when it is one of its
// container's processes. Everything of another client stacked above the game is blacked out, so
// a picture never shows another program's pixels (X gives an obscured window's pixels as on screen).
import { clientPidOf, isViewable, queryTree, rootRect, type Rect } from './x11-requests';
import type { X11Client } from './x11-client';

export interface GameArea {
  /** The game's largest viewable window, in root coordinates, clipped to the screen. */
  frame: Rect;
  /** Other clients' windows above it (root coordinates). */
  hide: Rect[];
}

/** Frames of a window manager hold the game's window one or two levels down. */
const SEARCH_DEPTH = 3;

export async function findGameArea(x: X11Client, xres: number, isGamePid: (pid: number) => boolean): Promise<GameArea | undefined> {
  const owned = async (window: number) => {
    const pid = await clientPidOf(x, xres, window);
    return pid !== undefined && isGamePid(pid);
  };
  const gameWindowIn = async (window: number, depth: number): Promise<number | undefined> => {
    if (await owned(window)) return window;
    if (depth <= 0) return undefined;
    for (const child of (await queryTree(x, window)).reverse()) {
      if (!(await isViewable(x, child))) continue;
      const found = await gameWindowIn(child, depth - 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const topLevels = await queryTree(x, x.setup.root);
  const stack: Array<{ rect: Rect; game: boolean }> = [];
  for (const top of topLevels) {
    try {
      if (!(await isViewable(x, top))) continue;
      const game = await gameWindowIn(top, SEARCH_DEPTH - 1);
      stack.push({ rect: await rootRect(x, game ?? top), game: game !== undefined });
    } catch {
      // A window closed while it was looked at: it is in neither list.
    }
  }
  let best = -1;
  stack.forEach((entry, i) => {
    if (entry.game && (best < 0 || area(entry.rect) > area(stack[best]!.rect))) best = i;
  });
  if (best < 0) return undefined;
  const frame = clip(stack[best]!.rect, x.setup.width, x.setup.height);
  if (!frame) return undefined;
  const hide = stack.slice(best + 1).filter((entry) => !entry.game).map((entry) => entry.rect);
  return { frame, hide };
}

const area = (rect: Rect) => rect.width * rect.height;

function clip(rect: Rect, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, rect.x);
  const y0 = Math.max(0, rect.y);
  const x1 = Math.min(width, rect.x + rect.width);
  const y1 = Math.min(height, rect.y + rect.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}
