// The X server the e2e games draw on: the desktop's (DISPLAY), or the Xvfb that scripts/provision.sh
// starts (:42, cookie /tmp/dillinger-ci.xauth), as the core's live tests find it; and its window list.
import { execFileSync } from 'node:child_process';
import { findRealXServer, type RealXServer } from '../../src/main/test-support/real-x-server';

export type TestDisplay = RealXServer;

let found: TestDisplay | undefined;
export function testDisplay(): TestDisplay {
  found ??= findRealXServer();
  return found;
}

/** What the core (and its games) needs to reach that display. */
export function displayEnv(display: TestDisplay = testDisplay()): Record<string, string> {
  return { DISPLAY: display.display, XAUTHORITY: display.xauthority ?? '' };
}

/** Window names on the X server, as `xwininfo -root -tree` lists them. */
export function windowNames(display: TestDisplay = testDisplay()): string[] {
  for (let attempt = 0; ; attempt++) {
    try {
      const tree = execFileSync('xwininfo', ['-root', '-tree'], { env: { ...process.env, ...displayEnv(display) }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
      return [...tree.matchAll(/0x[0-9a-f]+ "([^"]*)"/g)].map((m) => m[1] ?? '');
    } catch (error) {
      // A window that closes while xwininfo walks the tree makes it fail ("Bad Window"): ask again.
      if (attempt >= 5) throw error;
    }
  }
}
