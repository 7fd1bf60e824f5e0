// Display tests use a real X server: the desktop's own (DISPLAY), or the Xvfb that
// scripts/provision.sh starts (:42, cookie in /tmp/dillinger-ci.xauth). In CI a missing one FAILS.
import { existsSync } from 'node:fs';

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
  if (number !== undefined && existsSync(`/tmp/.X11-unix/X${number}`)) return { available: true, display, xauthority };
  const reason = `no X server socket for ${display}; run scripts/provision.sh as root to start Xvfb`;
  if (env.CI === 'true') throw new Error(`CI needs a real X server: ${reason}`);
  console.warn(`Skipping tests that need an X server: ${reason}`);
  return { available: false, display, reason };
}
