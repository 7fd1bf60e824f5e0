import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pictureFilePath, pictureFileName, screenshotFileName } from './picture-files';
import { blackOut, downscale, toRgb } from './pixels';
import { encodePng, type RgbImage } from './png';
import type { X11Setup } from './x11-client';

const SETUP: X11Setup = { root: 1, resourceIdMask: 0x1fffff, width: 100, height: 100, rootDepth: 24, bitsPerPixel: 32, imageByteOrder: 0, redMask: 0xff0000, greenMask: 0xff00, blueMask: 0xff };
const SESSION_ID = 'sess_00000000-0000-4000-8000-000000000001';

function solid(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i += 1) data.set(rgb, i * 3);
  return { width, height, rgb: data };
}

/** Our PNGs' pixels back (filter 0 rows, as encodePng writes them). */
function decode(png: Buffer): RgbImage {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  const rows = inflateSync(png.subarray(41, 41 + idatLength));
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) rows.copy(rgb, y * width * 3, y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1));
  return { width, height, rgb };
}

describe('pixels and PNG', () => {
  it('reads a little-endian 32-bit ZPixmap as RGB', () => {
    const data = Buffer.alloc(8);
    data.writeUInt32LE(0x00102030, 0);
    data.writeUInt32LE(0x00ff0000, 4);
    expect([...toRgb(SETUP, data, 2, 1).rgb]).toEqual([0x10, 0x20, 0x30, 0xff, 0, 0]);
  });

  it('refuses a display that is not 24-bit colour, saying so', () => {
    expect(() => toRgb({ ...SETUP, bitsPerPixel: 16 }, Buffer.alloc(4), 1, 1)).toThrow(/24-bit colour display/);
  });

  it('blacks out only the hidden rectangles, clipped to the frame', () => {
    const image = solid(4, 2, [9, 9, 9]);
    blackOut(image, { x: 10, y: 10, width: 4, height: 2 }, [{ x: 12, y: 0, width: 50, height: 11 }]);
    expect([...image.rgb.subarray(0, 12)]).toEqual([9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0]);
    expect([...image.rgb.subarray(12)]).toEqual(Array(12).fill(9));
  });

  it('downscales to 320 wide keeping the aspect and a solid colour, and never scales up', () => {
    const small = downscale(solid(640, 360, [0x10, 0x18, 0x30]), 320);
    expect([small.width, small.height]).toEqual([320, 180]);
    expect(small.rgb.every((v, i) => v === [0x10, 0x18, 0x30][i % 3])).toBe(true);
    const tiny = solid(100, 50, [1, 2, 3]);
    expect(downscale(tiny, 320)).toBe(tiny);
  });

  it('encodes a PNG whose pixels read back the same', () => {
    const image = solid(7, 3, [200, 100, 50]);
    image.rgb[0] = 1;
    expect(decode(encodePng(image))).toEqual(image);
  });
});

describe('picture files', () => {
  it('names a session picture and a screenshot, and refuses any other name', () => {
    expect(pictureFilePath('/store', pictureFileName(SESSION_ID))).toBe(`/store/pictures/${SESSION_ID}.png`);
    const shot = screenshotFileName(SESSION_ID, new Date('2026-12-01T23:00:00Z'));
    expect(shot).toBe(`${SESSION_ID}.screenshot-2026-12-01T23-00-00.000Z.png`);
    expect(pictureFilePath('/store', shot)).toBe(`/store/pictures/${shot}`);
    for (const bad of ['../x.png', `${SESSION_ID}.json`, `../${SESSION_ID}.png`, 'sess_1.png']) expect(() => pictureFilePath('/store', bad)).toThrow(/not a session picture/);
    expect(() => pictureFileName('../etc')).toThrow(/not a session id/);
  });
});
