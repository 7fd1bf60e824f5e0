// What a session's container is attached to on the host, and whom its game runs as: the chosen
// display's socket (X11 with the session's private cookie, or Wayland as the socket's owner) and the
// session's own sound socket. One PURE function, used by the launch (prepare-container.ts) and by the
// settings form's preview (launch-preview.ts), so the preview shows what the launch does.
import { join } from 'node:path';
import type { GameLaunchRequest } from '../../shared/model/entities';
import { SESSION_SOCKET_NAME } from '../audio/pulse-server';
import { waylandGameUser, type HostWayland } from '../display/wayland-display';
import type { AudioAttachment, WaylandAttachment, X11Attachment } from './container-spec';
import type { GameUser } from './game-user';

/** The session's private X cookie, in its runtime dir. */
export const XAUTHORITY_FILE = 'xauth';

export interface AttachmentHost {
  /** The host's X11 display (its number and socket), when there is one. */
  x11?: { number: string; socketPath: string };
  /** The host's Wayland display with its socket's owner, when there is one. */
  wayland?: HostWayland;
  /** Whether the session's own sound server offers its socket in the runtime dir. */
  sound: boolean;
}

export interface AttachmentInput {
  request: GameLaunchRequest;
  /** The session's runtime dir (or a placeholder for it, in a preview). */
  runtimeDir: string;
  host: AttachmentHost;
  /** The uid the app runs as (0: a game box, which hands games to the compositor's user). */
  appUid: number;
  /** Whom games run as unless the display says otherwise (the desktop user, or runAsUid as root). */
  user: GameUser;
}

export interface SessionAttachments {
  user: GameUser;
  x11?: X11Attachment;
  wayland?: WaylandAttachment;
  audio?: AudioAttachment;
}

/** Whom the game runs as: on Wayland the socket's owner (a compositor lets in only its own user), else `user`. */
export function sessionGameUser(request: GameLaunchRequest, wayland: HostWayland | undefined, appUid: number, user: GameUser): GameUser {
  return request.launchConfig.displayMode === 'wayland' && wayland ? waylandGameUser(wayland, appUid) : user;
}

/** Only the chosen display's socket goes in; the sound socket only when sound is on and offered. */
export function sessionAttachments(input: AttachmentInput): SessionAttachments {
  const { request, runtimeDir, host } = input;
  const config = request.launchConfig;
  const x11 = config.displayMode === 'x11' ? host.x11 : undefined;
  const wayland = config.displayMode === 'wayland' ? host.wayland : undefined;
  return {
    user: sessionGameUser(request, wayland, input.appUid, input.user),
    ...(x11 ? { x11: { number: x11.number, socketPath: x11.socketPath, xauthorityPath: join(runtimeDir, XAUTHORITY_FILE) } } : {}),
    ...(wayland ? { wayland: { socketPath: wayland.socketPath } } : {}),
    ...(config.audioEnabled && host.sound ? { audio: { socketPath: join(runtimeDir, SESSION_SOCKET_NAME) } } : {}),
  };
}
