// From the X server's ZPixmap bytes to RGB, blacking out what is not the game's, and downscaling to
// a thumbnail by averaging boxes of source pixels (colours stay true, a solid fill stays solid).
import type { RgbImage } from './png';
import type { Rect } from './x11-requests';
import type { X11Setup } from './x11-client';

function shiftOf(mask: number): number {
  let shift = 0;
  while (shift < 32 && ((mask >>> shift) & 1) === 0) shift += 1;
  return shift;
}

/** RGB of a 24/32-bit ZPixmap; other depths are refused with a sentence. */
export function toRgb(setup: X11Setup, data: Buffer, width: number, height: number): RgbImage {
  if (setup.bitsPerPixel !== 32) {
    throw new Error(`The display uses ${setup.bitsPerPixel} bits per pixel; pictures need a 24-bit colour display (32 bits per pixel).`);
  }
  const [rs, gs, bs] = [shiftOf(setup.redMask), shiftOf(setup.greenMask), shiftOf(setup.blueMask)];
  const rgb = Buffer.alloc(width * height * 3);
  const big = setup.imageByteOrder === 1;
  for (let i = 0, o = 0; i < width * height; i += 1, o += 3) {
    const pixel = big ? data.readUInt32BE(i * 4) : data.readUInt32LE(i * 4);
    rgb[o] = (pixel >>> rs) & 0xff;
    rgb[o + 1] = (pixel >>> gs) & 0xff;
    rgb[o + 2] = (pixel >>> bs) & 0xff;
  }
  return { width, height, rgb };
}

/** Blacks out `hide` (in the same coordinates as `frame`) inside an image of `frame`. */
export function blackOut(image: RgbImage, frame: Rect, hide: readonly Rect[]): void {
  for (const rect of hide) {
    const x0 = Math.max(rect.x, frame.x) - frame.x;
    const y0 = Math.max(rect.y, frame.y) - frame.y;
    const x1 = Math.min(rect.x + rect.width, frame.x + frame.width) - frame.x;
    const y1 = Math.min(rect.y + rect.height, frame.y + frame.height) - frame.y;
    for (let y = y0; y < y1; y += 1) image.rgb.fill(0, (y * image.width + x0) * 3, (y * image.width + x1) * 3);
  }
}

/** The image scaled down to at most `maxWidth` wide (never up), aspect kept. */
export function downscale(image: RgbImage, maxWidth: number): RgbImage {
  if (image.width <= maxWidth) return image;
  const width = maxWidth;
  const height = Math.max(1, Math.round((image.height * maxWidth) / image.width));
  const rgb = Buffer.alloc(width * height * 3);
  for (let ty = 0; ty < height; ty += 1) {
    const sy0 = Math.floor((ty * image.height) / height);
    const sy1 = Math.max(sy0 + 1, Math.floor(((ty + 1) * image.height) / height));
    for (let tx = 0; tx < width; tx += 1) {
      const sx0 = Math.floor((tx * image.width) / width);
      const sx1 = Math.max(sx0 + 1, Math.floor(((tx + 1) * image.width) / width));
      let r = 0, g = 0, b = 0;
      for (let sy = sy0; sy < sy1; sy += 1) {
        for (let sx = sx0, i = (sy * image.width + sx0) * 3; sx < sx1; sx += 1, i += 3) {
          r += image.rgb[i]!;
          g += image.rgb[i + 1]!;
          b += image.rgb[i + 2]!;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = (ty * width + tx) * 3;
      rgb[o] = Math.round(r / n);
      rgb[o + 1] = Math.round(g / n);
      rgb[o + 2] = Math.round(b / n);
    }
  }
  return { width, height, rgb };
}
