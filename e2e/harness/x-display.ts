// The X server the e2e games draw on: the desktop's (DISPLAY), or the Xvfb that scripts/provision.sh
// starts (:42, cookie /tmp/dillinger-ci.xauth), as the core's live tests find it; and its window list.
import { findRealXServer, windowNames as windowNamesOn, type RealXServer } from '../../src/main/test-support/real-x-server';

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
  return windowNamesOn(display);
}
