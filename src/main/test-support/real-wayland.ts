// Wayland tests use a real compositor: the Weston (headless backend) that scripts/provision.sh
// starts, socket at DILLINGER_TEST_WAYLAND_SOCKET (default /tmp/dillinger-ci-wayland/wayland-1),
// owned by an unprivileged uid. In CI a missing one FAILS; elsewhere the tests skip and say why.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { messageOf } from '../../shared/errors';

export const DEFAULT_TEST_WAYLAND_SOCKET = '/tmp/dillinger-ci-wayland/wayland-1';

export interface RealWayland {
  available: boolean;
  /** Absolute socket path: what WAYLAND_DISPLAY may hold. */
  socketPath: string;
  /** The compositor's user, who owns the socket. */
  owner?: { uid: number; gid: number };
  reason?: string;
}

export function findRealWayland(env: NodeJS.ProcessEnv = process.env): RealWayland {
  const socketPath = env.DILLINGER_TEST_WAYLAND_SOCKET ?? DEFAULT_TEST_WAYLAND_SOCKET;
  let reason = `no Wayland socket at ${socketPath}; run scripts/provision.sh as root to start Weston`;
  let stats;
  try {
    stats = statSync(socketPath);
  } catch {
    stats = undefined;
  }
  if (stats?.isSocket()) {
    // A socket alone proves nothing: one left by a dead compositor refuses every client.
    const answer = answers(socketPath);
    if (answer === true) return { available: true, socketPath, owner: { uid: stats.uid, gid: stats.gid } };
    reason = `the compositor at ${socketPath} does not answer (${answer}); run scripts/provision.sh as root to (re)start Weston`;
  }
  if (env.CI === 'true') throw new Error(`CI needs a real Wayland compositor: ${reason}`);
  console.warn(`Skipping tests that need a Wayland compositor: ${reason}`);
  return { available: false, socketPath, reason };
}

function answers(socketPath: string): true | string {
  try {
    execFileSync('wayland-info', [], { env: { ...process.env, WAYLAND_DISPLAY: socketPath }, stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
    return true;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    return stderr.split('\n')[0] || messageOf(error);
  }
}
