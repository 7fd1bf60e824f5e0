// A display of the session's own: a nested X server (Xephyr) drawn as one window on the user's X
// display, at the launch's resolution, with a cookie of its own. The game is a client of the nested
// server only, so it sees no other window, reads no other client's keys and pixels. The server is
// started detached (it outlives an app crash with its game), its pid and start time recorded in the
// session's runtime dir; the session's end, or reconcile, stops it (checked by /proc first).
//
// Its socket: an X server always listens at /tmp/.X11-unix/X<n> (xtrans hard-codes the folder, Xephyr
// has no option to move it), so the socket is there, and only that one socket goes into the container,
// read-only; the cookie that opens it lives in the runtime dir (0700). `-nolisten tcp`: no TCP.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopProcess } from '../audio/session-audio';
import { FAMILY_WILD, MIT_MAGIC_COOKIE, parseXauthority, serializeXauthority } from './xauthority';
import { messageOf } from '../../shared/errors';

/** The nested server's pid and start time (`<pid> <starttime>`), in the runtime dir. */
export const NESTED_PID_FILE = 'nested-x.pid';
/** The nested display's number, for whoever needs its socket (pictures). */
export const NESTED_NUMBER_FILE = 'nested-x.display';
const NESTED_LOG_FILE = 'nested-x.log';
/** A size when the launch asks none: the common 720p, which fits almost every screen as a window. */
export const DEFAULT_NESTED_RESOLUTION = '1280x720';
const READY_TIMEOUT_MS = 10_000;

export interface NestedXOptions {
  /** DISPLAY and XAUTHORITY of the user's display, where the nested server's window goes. */
  env: NodeJS.ProcessEnv;
  runtimeDir: string;
  /** The cookie file the container gets, already written (nestedCookieFile()): also the server's -auth. */
  cookiePath: string;
  resolution?: string;
  title: string;
  fullscreen?: boolean;
}

export interface NestedDisplay {
  number: string;
  displayId: string;
  socketPath: string;
  cookiePath: string;
  resolution: string;
  pid: number;
  /** Settles with why, once the server exits while this app runs (its window was closed, say). */
  exited: Promise<string>;
}

/** A fresh cookie for a nested display, as an Xauthority file (family wild: any host name). */
export function nestedCookieFile(): Buffer {
  return serializeXauthority([{ family: FAMILY_WILD, address: Buffer.alloc(0), number: '', name: MIT_MAGIC_COOKIE, data: randomBytes(16) }]);
}

/** Xephyr's arguments: the display number comes back on fd 3. */
export function nestedXArguments(o: { cookiePath: string; resolution: string; title: string; fullscreen?: boolean }): string[] {
  return ['-displayfd', '3', '-auth', o.cookiePath, '-screen', o.resolution, '-title', o.title, '-nolisten', 'tcp', '-noreset', ...(o.fullscreen ? ['-fullscreen'] : [])];
}

/** Starts the session's nested server and waits until it gives its display number (it then accepts clients). */
export async function startNestedX(o: NestedXOptions): Promise<NestedDisplay> {
  const resolution = o.resolution ?? DEFAULT_NESTED_RESOLUTION;
  const logPath = join(o.runtimeDir, NESTED_LOG_FILE);
  const log = openSync(logPath, 'w', 0o600);
  let child: ChildProcess;
  try {
    child = spawn('Xephyr', nestedXArguments({ ...o, resolution }), {
      env: { PATH: o.env.PATH ?? process.env.PATH ?? '/usr/bin:/bin', DISPLAY: o.env.DISPLAY ?? '', XAUTHORITY: o.env.XAUTHORITY ?? '' },
      detached: true,
      stdio: ['ignore', log, log, 'pipe'],
    });
  } finally {
    closeSync(log);
  }
  child.unref();
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? 'Xephyr is not installed: install the xserver-xephyr package, or choose the shared display' : error.message));
    child.once('exit', (code, signal) => resolve(`it exited (${signal ?? `code ${code}`})`));
  });
  if (child.pid !== undefined) writeFileSync(join(o.runtimeDir, NESTED_PID_FILE), `${child.pid} ${startTimeOf(child.pid) ?? ''}\n`, { mode: 0o644 });
  const fd3 = child.stdio[3] as NodeJS.ReadableStream | null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const number = await Promise.race([
      new Promise<string>((resolve) => {
        let text = '';
        fd3?.on('data', (data: Buffer) => {
          text += data.toString();
          if (text.includes('\n')) resolve(text.trim());
        });
      }),
      exited.then((why) => { throw new Error(why); }),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`it gave no display number within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS); }),
    ]);
    if (!/^\d+$/.test(number)) throw new Error(`it answered "${number.slice(0, 40)}" instead of a display number`);
    (fd3 as unknown as { destroy?: () => void })?.destroy?.();
    writeFileSync(join(o.runtimeDir, NESTED_NUMBER_FILE), `${number}\n`, { mode: 0o644 });
    return { number, displayId: `:${number}`, socketPath: `/tmp/.X11-unix/X${number}`, cookiePath: o.cookiePath, resolution, pid: child.pid!, exited };
  } catch (error) {
    await stopNestedX(o.runtimeDir);
    const detail = lastLines(logPath);
    throw new Error(`The game's own display (Xephyr at ${resolution} on ${o.env.DISPLAY ?? 'no DISPLAY'}) did not start: ${messageOf(error)}${detail ? ` (${detail})` : ''}.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** The session's nested display from its runtime dir (for pictures): undefined when it has none. */
export function nestedDisplayOf(runtimeDir: string, cookieFile: string): { displayId: string; socketPath: string; cookiePath: string; cookie: Buffer } | undefined {
  try {
    const number = readFileSync(join(runtimeDir, NESTED_NUMBER_FILE), 'utf8').trim();
    if (!/^\d+$/.test(number) || !existsSync(join(runtimeDir, NESTED_PID_FILE))) return undefined;
    const cookiePath = join(runtimeDir, cookieFile);
    const cookie = parseXauthority(readFileSync(cookiePath))[0]?.data;
    if (!cookie) return undefined;
    return { displayId: `:${number}`, socketPath: `/tmp/.X11-unix/X${number}`, cookiePath, cookie };
  } catch {
    return undefined;
  }
}

/** Whether a session's runtime dir records a nested server not yet stopped. */
export function hasNestedX(runtimeDir: string): boolean {
  return existsSync(join(runtimeDir, NESTED_PID_FILE));
}

/**
 * Whether `pid` is still the nested server recorded: a live Xephyr whose command line names this
 * dir's cookie, started when recorded. The pid file lies in a folder the game's user owns: never trusted alone.
 */
export function isSessionNestedX(pid: number, startTime: string | undefined, runtimeDir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!/(^|\/)Xephyr$/.test(args[0] ?? '')) return false;
    const auth = args[args.indexOf('-auth') + 1] ?? '';
    if (!auth.startsWith(`${runtimeDir}/`)) return false;
    return !startTime || startTimeOf(pid) === startTime;
  } catch {
    return false;
  }
}

/** Stops the session's nested server, if it is still the one recorded; undefined: gone, else why it is still there. */
export async function stopNestedX(runtimeDir: string): Promise<string | undefined> {
  const pidPath = join(runtimeDir, NESTED_PID_FILE);
  let pid: number;
  let startTime: string | undefined;
  try {
    const [first, second] = readFileSync(pidPath, 'utf8').trim().split(/\s+/);
    pid = Number(first);
    startTime = second || undefined;
  } catch {
    return undefined;
  }
  if (Number.isInteger(pid) && pid > 1) {
    const problem = await stopProcess({ isThere: () => isSessionNestedX(pid, startTime, runtimeDir), signal: (signal) => process.kill(pid, signal) });
    if (problem) return `its display server (Xephyr, pid ${pid}) ${problem}`;
  }
  for (const file of [pidPath, join(runtimeDir, NESTED_NUMBER_FILE)]) rmSync(file, { force: true });
  return undefined;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function lastLines(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).slice(-2).join(' / ').slice(0, 300) || undefined;
  } catch {
    return undefined;
  }
}
