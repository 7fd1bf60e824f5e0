// Display tests use a real X server: the desktop's own (DISPLAY), or the Xvfb that
// scripts/provision.sh starts (:42, cookie in /tmp/dillinger-ci.xauth). In CI a missing one FAILS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { messageOf } from '../../shared/errors';

export interface RealXServer {
  available: boolean;
  display: string;
  xauthority?: string;
  reason?: string;
}

export function findRealXServer(env: NodeJS.ProcessEnv = process.env): RealXServer {
  const display = env.DISPLAY ?? env.DILLINGER_TEST_DISPLAY ?? ':42';
  const xauthority = env.XAUTHORITY ?? env.DILLINGER_TEST_XAUTHORITY ?? '/tmp/dillinger-ci.xauth';
  const number = /^:(\d+)/.exec(display)?.[1];
  let reason = `no X server socket for ${display}; run scripts/provision.sh as root to start Xvfb`;
  if (number !== undefined && existsSync(`/tmp/.X11-unix/X${number}`)) {
    // A socket alone proves nothing: one left by a dead server refuses every game with exit code 1.
    const answer = answers(display, xauthority);
    if (answer === true) return { available: true, display, xauthority };
    reason = `the X server ${display} does not answer (${answer}); run scripts/provision.sh as root to (re)start Xvfb`;
  }
  if (env.CI === 'true') throw new Error(`CI needs a real X server: ${reason}`);
  console.warn(`Skipping tests that need an X server: ${reason}`);
  return { available: false, display, reason };
}

/** True when xdpyinfo can talk to the display with the cookie, otherwise what it said. */
function answers(display: string, xauthority: string): true | string {
  try {
    execFileSync('xdpyinfo', [], { env: { ...process.env, DISPLAY: display, XAUTHORITY: xauthority }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
    return true;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    return stderr.split('\n')[0] || messageOf(error);
  }
}

/** Window names on the X server, as `xwininfo -root -tree` lists them. */
export function windowNames(x: RealXServer): string[] {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const tree = execFileSync('xwininfo', ['-root', '-tree'], {
        env: { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString();
      return [...tree.matchAll(/0x[0-9a-f]+ "([^"]*)"/g)].map((m) => m[1] ?? '');
    } catch (error) {
      // A window that closes while xwininfo walks the tree makes it fail ("Bad Window"): ask again.
      if (attempt >= 5) throw error;
    }
  }
}

export function screenshot(x: RealXServer, file: string): void {
  // test-results/ is made by `npm test`; a lone `npx vitest run` on a fresh clone has none yet.
  mkdirSync(dirname(file), { recursive: true });
  execFileSync('import', ['-window', 'root', file], { env: { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' } });
}
