// One watched session's picture: a long-lived X connection that grabs either the whole nested
// display (an isolated session's own server) or the game's own window on a shared display.
import { findGameArea } from './game-windows';
import { blackOut, downscale, toRgb } from './pixels';
import { encodePng, type RgbImage } from './png';
import { X11Client } from './x11-client';
import { extensionOpcode, getImage } from './x11-requests';

export interface PictureTarget {
  /** The X server's socket, /tmp/.X11-unix/X<n>. */
  socketPath: string;
  /** Its MIT-MAGIC-COOKIE-1 data. */
  cookie: Buffer;
  /** 'display': the whole server is the game's (nested); 'game-windows': only windows of the game's processes. */
  scope: 'display' | 'game-windows';
  /** The host pids of the game's processes, asked each frame (games start children). */
  gamePids?: () => Promise<ReadonlySet<number>>;
}

export interface PictureSource {
  /** The game's picture at full size, or undefined when it shows no window yet. */
  grab(): Promise<RgbImage | undefined>;
  close(): void;
}

export const THUMBNAIL_WIDTH = 320;

export async function openPictureSource(target: PictureTarget): Promise<PictureSource> {
  const x = await X11Client.open(target.socketPath, target.cookie);
  let xres: number | undefined;
  if (target.scope === 'game-windows') {
    xres = await extensionOpcode(x, 'X-Resource');
    if (xres === undefined) {
      x.close();
      throw new Error("The display has no X-Resource extension, so the game's windows cannot be told from others: no picture on a shared display (choose the isolated display).");
    }
  }
  return {
    async grab() {
      if (target.scope === 'display') {
        const frame = { x: 0, y: 0, width: x.setup.width, height: x.setup.height };
        return toRgb(x.setup, await getImage(x, x.setup.root, frame), frame.width, frame.height);
      }
      const pids = await target.gamePids!();
      const area = await findGameArea(x, xres!, (pid) => pids.has(pid));
      if (!area) return undefined;
      const inWindow = { ...area.frame, x: area.frame.x - area.origin.x, y: area.frame.y - area.origin.y };
      const image = toRgb(x.setup, await getImage(x, area.window, inWindow), area.frame.width, area.frame.height);
      blackOut(image, area.frame, area.hide);
      return image;
    },
    close: () => x.close(),
  };
}

export function thumbnailPng(image: RgbImage): Buffer {
  return encodePng(downscale(image, THUMBNAIL_WIDTH));
}
