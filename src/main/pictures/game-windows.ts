// Which part of a shared X display is the game's: its top-level windows are found by the pid of
// the X client that made them (X-Resource), a pid being the game's when it is one of its
// container's processes. The picture is the game window's own (GetImage of that window: under a
// compositing manager its own pixels); without compositing X gives an obscured part as it is on
// screen, so every window of another client stacked above the game is blacked out. InputOnly
// windows show nothing, and the server's own (the composite overlay) only shows windows again.
import { clientPidOf, queryTree, rootRect, windowState, type Rect } from './x11-requests';
import type { X11Client } from './x11-client';

export interface GameArea {
  /** The game's largest viewable window. */
  window: number;
  /** Where that window's inside lies in root coordinates. */
  origin: { x: number; y: number };
  /** The part of it on the screen, in root coordinates. */
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
      if (!(await windowState(x, child)).viewable) continue;
      const found = await gameWindowIn(child, depth - 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const topLevels = await queryTree(x, x.setup.root);
  const stack: Array<{ rect: Rect; game?: number }> = [];
  for (const top of topLevels) {
    try {
      const state = await windowState(x, top);
      if (!state.viewable || state.inputOnly) continue;
      const game = await gameWindowIn(top, SEARCH_DEPTH - 1);
      if (game === undefined && (top & ~x.setup.resourceIdMask) === 0) continue; // the server's own
      stack.push({ rect: await rootRect(x, game ?? top, game === undefined), ...(game !== undefined ? { game } : {}) });
    } catch {
      // A window closed while it was looked at: it is in neither list.
    }
  }
  let best = -1;
  stack.forEach((entry, i) => {
    if (entry.game !== undefined && (best < 0 || area(entry.rect) > area(stack[best]!.rect))) best = i;
  });
  if (best < 0) return undefined;
  const chosen = stack[best]!;
  const frame = clip(chosen.rect, x.setup.width, x.setup.height);
  if (!frame) return undefined;
  const hide = stack.slice(best + 1).filter((entry) => entry.game === undefined).map((entry) => entry.rect);
  return { window: chosen.game!, origin: { x: chosen.rect.x, y: chosen.rect.y }, frame, hide };
}

const area = (rect: Rect) => rect.width * rect.height;

function clip(rect: Rect, width: number, height: number): Rect | undefined {
  const x0 = Math.max(0, rect.x);
  const y0 = Math.max(0, rect.y);
  const x1 = Math.min(width, rect.x + rect.width);
  const y1 = Math.min(height, rect.y + rect.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}
