// The host's X11 display as a session sees it: its socket, and a private cookie file holding only
// that display's cookie (family wild), written 0600 into the session's 0700 runtime dir. Never xhost.
import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { X11_DISPLAY_PATTERN } from '../../shared/model/entities';
import { ContractError } from '../../shared/contract/envelope';
import { cookieFingerprint, findCookie, parseXauthority, sessionXauthority } from './xauthority';
import { messageOf } from '../../shared/errors';

export interface HostX11 {
  /** DISPLAY as the host has it, e.g. `:0`. */
  displayId: string;
  /** The display number, `0` for `:0`. */
  number: string;
  /** /tmp/.X11-unix/X<number> on the host. */
  socketPath: string;
  /** The cookie file to hand the container (one entry, family wild). */
  sessionXauthority: Buffer;
  /** What the session record keeps instead of the cookie. */
  fingerprint: string;
}

export function readHostX11(env: NodeJS.ProcessEnv): HostX11 {
  const displayId = env.DISPLAY;
  const match = displayId ? X11_DISPLAY_PATTERN.exec(displayId) : null;
  if (!displayId || !match?.[1] || !/^(?:unix)?:/.test(displayId)) {
    throw new ContractError(
      'invalid_payload',
      displayId
        ? `The display ${displayId} is not a local X11 display: start the app from your desktop session (DISPLAY=:0 or similar).`
        : 'No X11 display: DISPLAY is not set. Start the app from your desktop session, or choose the Wayland display mode.',
    );
  }
  const number = match[1];
  const xauthorityPath = env.XAUTHORITY || join(homedir(), '.Xauthority');
  let file: Buffer;
  try {
    file = readFileSync(xauthorityPath);
  } catch (error) {
    throw new ContractError('invalid_payload', `Cannot read the X cookie file ${xauthorityPath} (${messageOf(error)}): set XAUTHORITY to your session's cookie file.`);
  }
  let cookie;
  try {
    cookie = findCookie(parseXauthority(file), number, hostname());
  } catch (error) {
    throw new ContractError('invalid_payload', `The X cookie file ${xauthorityPath} is damaged (${messageOf(error)}): log out and in again to renew it.`);
  }
  if (!cookie) {
    throw new ContractError(
      'invalid_payload',
      `${xauthorityPath} holds no MIT-MAGIC-COOKIE-1 for display ${displayId}: games get a private copy of that cookie, never xhost access. Check XAUTHORITY, or log in again.`,
    );
  }
  return {
    displayId,
    number,
    socketPath: `/tmp/.X11-unix/X${number}`,
    sessionXauthority: sessionXauthority(cookie),
    fingerprint: cookieFingerprint(cookie),
  };
}
