// The host's Wayland display as a session sees it: one socket, $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY,
// mounted alone into the container. A compositor lets in only its own user (the socket is 0755 and
// lives in a 0700 folder), so the game runs as the socket owner's uid:gid.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ContractError } from '../../shared/contract/envelope';
import type { GameUser } from '../container/game-user';
import { messageOf } from '../../shared/errors';

export interface HostWayland {
  /** WAYLAND_DISPLAY as the host has it, e.g. `wayland-0`. */
  displayId: string;
  /** The socket on the host. */
  socketPath: string;
  /** Who owns the socket: the compositor's user. */
  owner: GameUser;
}

export function readHostWayland(env: NodeJS.ProcessEnv): HostWayland {
  const displayId = env.WAYLAND_DISPLAY;
  if (!displayId) {
    throw new ContractError('invalid_payload', 'No Wayland display: WAYLAND_DISPLAY is not set. Start the app from your Wayland session, or choose the x11 display mode.');
  }
  let socketPath: string;
  if (isAbsolute(displayId)) socketPath = displayId;
  else if (env.XDG_RUNTIME_DIR) socketPath = join(env.XDG_RUNTIME_DIR, displayId);
  else throw new ContractError('invalid_payload', `No Wayland display: WAYLAND_DISPLAY is ${displayId} but XDG_RUNTIME_DIR is not set. Start the app from your Wayland session, or choose x11.`);
  let stats;
  try {
    stats = statSync(socketPath);
  } catch (error) {
    throw new ContractError('invalid_payload', `The Wayland socket ${socketPath} cannot be reached (${(error as NodeJS.ErrnoException).code ?? messageOf(error)}): is the compositor still running? Otherwise choose x11.`);
  }
  if (!stats.isSocket()) throw new ContractError('invalid_payload', `${socketPath} (from WAYLAND_DISPLAY) is not a socket: check WAYLAND_DISPLAY, or choose x11.`);
  return { displayId, socketPath, owner: { uid: stats.uid, gid: stats.gid } };
}

/**
 * Whom the game runs as on Wayland: the socket's owner. The app running as a normal user must own
 * the socket itself (another user's compositor is not its to use); running as root (a game box) it
 * hands the game to the compositor's user, but never to root.
 */
export function waylandGameUser(wayland: HostWayland, appUid: number): GameUser {
  const { owner, socketPath } = wayland;
  if (owner.uid === 0) {
    throw new ContractError('invalid_payload', `The Wayland socket ${socketPath} belongs to root, and games never run as root: run the compositor as a normal user, or choose x11.`);
  }
  if (appUid !== 0 && owner.uid !== appUid) {
    throw new ContractError('invalid_payload', `The Wayland socket ${socketPath} belongs to uid ${owner.uid}, not to you (uid ${appUid}): a compositor lets in only its own user. Start the app in your own Wayland session, or choose x11.`);
  }
  return owner;
}
