// The served app the library and settings specs start: a library of two games (one with a cover,
// one with two platforms), the screen to open, a game's card, and where screenshots go.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { writeGame } from '../../src/main/test-support/library-fixture';
import type { ServedApp } from './serve-app';

// Written by every run (the README's pictures are copies kept in docs/screenshots/).
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'e2e');

/** Tux Racer (Linux, with cover.png) and Two Worlds (Linux and Windows). */
export function prepareLibrary({ libraryDir }: { libraryDir: string }) {
  writeGame(libraryDir, 'tux', { id: 'tux-racer', title: 'Tux Racer', cover: 'cover.png', platforms: [{ platform: 'linux', executable: 'tux' }] });
  writeFileSync(join(libraryDir, 'tux', 'cover.png'), coverPng());
  writeGame(libraryDir, 'both', {
    id: 'two-worlds', title: 'Two Worlds',
    platforms: [{ platform: 'linux', executable: 'two' }, { platform: 'windows', executable: 'Two.exe' }],
  });
}

/** Opens the app's screen at `hash` (the library by default). */
export async function openScreen(page: Page, app: ServedApp, hash = '#/library') {
  await page.goto(app.url.replace(/#.*$/, '') + hash);
}

export const card = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });

/** A real PNG (a diagonal gradient in two colours), as a cover image in a game's folder would be. */
export function coverPng(width = 64, height = 36, from = [40, 90, 200], to = [230, 120, 40]): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = (x / width + y / height) / 2;
      const at = y * (width * 3 + 1) + 1 + x * 3;
      for (let c = 0; c < 3; c += 1) rows[at + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
