// Where a session's picture comes from. A nested display of the session's own (its displayInfo
// names a socket other than the host's): its whole root. The shared host display: only the
// windows whose X client is one of the session container's processes (host pids, as the X server
// sees them: container-processes.ts).
import type Docker from 'dockerode';
import type { RunnerSession } from '../../shared/model/entities';
import { readHostX11 } from '../display/x11-display';
import { parseXauthority } from '../display/xauthority';
import { containerPids } from './container-processes';
import type { PictureTarget } from './picture-source';

export interface PictureTargetDeps {
  docker: Docker;
  env: NodeJS.ProcessEnv;
  /** The cookie of a session's nested display (the display room's), when it has one. */
  nestedCookie?: (session: RunnerSession) => Buffer | undefined;
}

export function pictureTargetOf(session: RunnerSession, deps: PictureTargetDeps): PictureTarget {
  if (session.displayInfo.method !== 'x11') {
    throw new Error('Pictures are taken from X11 displays only: this session plays on Wayland, whose compositor alone can show it.');
  }
  const host = readHostX11(deps.env);
  const socketPath = session.displayInfo.socketPath ?? host.socketPath;
  if (socketPath !== host.socketPath) {
    const cookie = deps.nestedCookie?.(session);
    if (!cookie) throw new Error("The session's own display has no cookie the app can read: its picture cannot be taken.");
    return { socketPath, cookie, scope: 'display' };
  }
  const cookie = parseXauthority(host.sessionXauthority)[0]!.data;
  return { socketPath, cookie, scope: 'game-windows', gamePids: containerPids(deps.docker, session.containerId, session.processId) };
}
