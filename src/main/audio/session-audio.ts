// Sound for a session: a small PulseAudio daemon of the session's own (the "proxy"), started on
// the host for it, run as the game's user. The game talks only to the proxy, through the one socket
// it offers in the session's runtime dir (<runtime dir>/pulse.sock); the proxy's only sink is a
// tunnel that plays into the host's sound server, and it refuses to load or unload modules after
// start, so the game cannot reach the host's server's modules, sources (microphone) or clients.
// The proxy is started detached (it outlives an app crash while its game runs), its pid recorded in
// the runtime dir; it is stopped at the session's end, and by reconcile for sessions that ended.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GameUser } from '../container/game-user';
import {
  PROXY_DIR_FD, PROXY_LOG_FILE, PROXY_PID_FILE, PROXY_SINK, SESSION_SOCKET_NAME, findCookie, findSoundServer, proxyArguments, proxyEnvironment,
} from './pulse-server';
import { messageOf } from '../../shared/errors';

const PACTL_TIMEOUT_MS = 5000;
/** How long a starting proxy may take to offer its socket and reach the host's server. */
const PROXY_READY_TIMEOUT_MS = 6000;
/** How long a proxy has to go after SIGTERM, before SIGKILL. */
const PROXY_STOP_TIMEOUT_MS = 3000;
/** How long it has to go after SIGKILL, before it is reported as still there (a stop never waits longer). */
const PROXY_KILL_TIMEOUT_MS = 3000;

export type SessionAudio =
  | { attached: true; /** Host path of the session's socket. */ socketPath: string; server: string; /** The proxy's pid. */ pid: number }
  | { attached: false; /** Why the game has no sound, for the session's warnings. */ warning: string };

/**
 * Starts the session's own sound server in `runtimeDir`, run as `user` when the app is root (as
 * the app's user otherwise), and waits until it answers on its socket with its tunnel to the host's
 * server up. Never throws: no sound is a warning, not a failure (and then no proxy is left running).
 */
export async function attachSessionAudio(env: NodeJS.ProcessEnv, runtimeDir: string, user: GameUser): Promise<SessionAudio> {
  const found = findSoundServer(env);
  if (!found.found) return { attached: false, warning: `No sound: ${found.reason}` };
  const socketPath = join(runtimeDir, SESSION_SOCKET_NAME);
  const cookie = findCookie(env);
  const sink = env.PULSE_SINK?.trim();
  const args = proxyArguments({ upstream: found.server, ...(cookie ? { cookie } : {}), ...(sink ? { sink } : {}) });
  const asRoot = process.getuid?.() === 0;
  const logPath = join(runtimeDir, PROXY_LOG_FILE);
  const pidPath = join(runtimeDir, PROXY_PID_FILE);
  let pid: number | undefined;
  try {
    const log = openSync(logPath, 'w', 0o600);
    const dir = openSync(runtimeDir, 'r');
    let child;
    try {
      child = spawn('pulseaudio', args, {
        cwd: runtimeDir,
        env: proxyEnvironment(),
        detached: true,
        stdio: ['ignore', log, log, dir],
        ...(asRoot ? { uid: user.uid, gid: user.gid } : {}),
      });
    } finally {
      closeSync(log);
      closeSync(dir);
    }
    const exited = new Promise<string>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT'
        ? 'pulseaudio is not installed: install the pulseaudio package (the app starts a small sound server of the game\'s own, also in front of PipeWire)'
        : error.message));
      child.once('exit', (code, signal) => resolve(`it exited (${signal ?? `code ${code}`})`));
    });
    child.unref();
    pid = child.pid;
    if (pid === undefined) throw new Error(await exited);
    // Recorded at once, before any wait: from here on an app that stops leaves a proxy that the
    // session's end or reconcile finds (by this file) and stops.
    writeFileSync(pidPath, `${pid}\n`, { mode: 0o644 });
    const ready = await Promise.race([waitForTunnel(socketPath), exited.then((why) => { throw new Error(why); })]);
    if (!ready) throw new Error(`its tunnel did not reach the host's server within ${PROXY_READY_TIMEOUT_MS / 1000} s`);
    return { attached: true, socketPath, server: found.server, pid };
  } catch (error) {
    const stillThere = pid !== undefined ? await stopProxy(runtimeDir, pid) : undefined;
    const detail = lastLogLine(logPath);
    // The pid file goes with its proxy; one still there keeps it, for the session's end to try again.
    for (const file of [logPath, ...(stillThere ? [] : [pidPath]), socketPath]) removeQuietly(file);
    return {
      attached: false,
      warning: `No sound: the game's own sound server could not play into the sound server at ${found.server}`
        + `${asRoot ? ` as the game's user (uid ${user.uid})` : ''}: ${messageOf(error)}${detail ? ` (${detail})` : ''}.`
        + `${stillThere ? ` And ${stillThere}.` : ''}`,
    };
  }
}

/**
 * Stops the session sound servers under `runtimeRoot` whose session `keep` does not name (all
 * of them when `keep` is empty; only `only` when given): a session's end, or reconcile after a
 * restart. Returns the sessions whose proxy record was cleared (a proxy already gone counts too).
 * A proxy still there after SIGKILL keeps its record (a later reconcile tries again) and, once the
 * others are done, is reported by rejecting with an error that names it.
 */
export async function releaseSessionAudio(runtimeRoot: string, which: { only?: string; keep?: ReadonlySet<string> }): Promise<string[]> {
  const ours = sessionsWithAudio(runtimeRoot).filter((id) => (which.only === undefined || id === which.only) && !which.keep?.has(id));
  const released: string[] = [];
  const stuck: string[] = [];
  for (const sessionId of ours) {
    const dir = join(runtimeRoot, sessionId);
    const pid = readPid(dir);
    const stillThere = pid !== undefined ? await stopProxy(dir, pid) : undefined;
    if (stillThere) {
      stuck.push(`session ${sessionId}: ${stillThere}`);
      continue;
    }
    removeQuietly(join(dir, PROXY_PID_FILE));
    removeQuietly(join(dir, SESSION_SOCKET_NAME));
    released.push(sessionId);
  }
  if (stuck.length > 0) throw new Error(`A sound server could not be stopped (${stuck.join('; ')}).`);
  return released;
}

/** Whether a session's sound server was started and not yet stopped (its pid file is there). */
export function hasSessionAudio(runtimeRoot: string, sessionId: string): boolean {
  return existsSync(join(runtimeRoot, sessionId, PROXY_PID_FILE));
}

/** Session ids under `runtimeRoot` whose runtime dir records a sound server. */
export function sessionsWithAudio(runtimeRoot: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(runtimeRoot);
  } catch {
    return [];
  }
  return entries.filter((sessionId) => hasSessionAudio(runtimeRoot, sessionId));
}

/**
 * Whether `pid` is the sound server of the session in `dir`: a live `pulseaudio` holding that
 * folder as its fd 3. The pid file lies in a folder the game's user owns, so it is never trusted
 * alone: a pid reused by another process, or written there by someone, is never signalled.
 */
export function isSessionProxy(pid: number, dir: string): boolean {
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'pulseaudio') return false;
    const held = readlinkSync(`/proc/${pid}/fd/${PROXY_DIR_FD}`);
    return held === dir || held === `${dir} (deleted)`;
  } catch {
    return false;
  }
}

/** Stops the session's proxy if `pid` is it; says why when it is still there (undefined: gone). */
async function stopProxy(dir: string, pid: number): Promise<string | undefined> {
  const problem = await stopProcess({ isThere: () => isSessionProxy(pid, dir), signal: (signal) => process.kill(pid, signal) });
  return problem && `its sound server (pid ${pid}) ${problem}`;
}

/** A process to stop, as stopProcess sees it (tests give one that never goes). */
export interface StoppableProcess {
  /** Whether it is still there (and still the process meant: checked again before every signal). */
  isThere(): boolean;
  signal(signal: NodeJS.Signals): void;
}

/**
 * SIGTERM, up to `termMs` to go, then SIGKILL and up to `killMs` more: never waits longer. Returns
 * undefined once it is gone (or was not there), else why it is still there.
 */
export async function stopProcess(target: StoppableProcess, termMs = PROXY_STOP_TIMEOUT_MS, killMs = PROXY_KILL_TIMEOUT_MS): Promise<string | undefined> {
  for (const [signal, waitMs] of [['SIGTERM', termMs], ['SIGKILL', killMs]] as const) {
    if (!target.isThere()) return undefined;
    try {
      target.signal(signal);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ESRCH') return undefined;
      return `could not be sent ${signal} (${code ?? messageOf(error)})`;
    }
    const deadline = Date.now() + waitMs;
    while (target.isThere() && Date.now() < deadline) await delay(Math.min(50, waitMs));
  }
  return target.isThere() ? `was still running ${killMs / 1000} s after SIGKILL` : undefined;
}

/** Polls the proxy's socket until its tunnel sink is there (the tunnel is connected), or gives up. */
async function waitForTunnel(socketPath: string): Promise<boolean> {
  const deadline = Date.now() + PROXY_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (existsSync(socketPath)) {
      const sinks = await pactl({}, `unix:${socketPath}`, ['list', 'short', 'sinks']).catch(() => '');
      if (sinks.split('\n').some((line) => line.split('\t')[1] === PROXY_SINK)) return true;
    }
    await delay(100);
  }
  return false;
}

function readPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, PROXY_PID_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a file; what cannot be removed (already gone, or no file) stays without an error. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a folder in its place, say: never removed recursively (the folder is the game's user's)
  }
}

function lastLogLine(path: string): string | undefined {
  try {
    const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.startsWith('E:'));
    return lines.pop()?.replace(/^E: \[[^\]]*\] /, '').slice(0, 300);
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs pactl against `server`; rejects with its own message (or a hint to install it). */
export function pactl(env: NodeJS.ProcessEnv, server: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'pactl',
      args,
      { env: { ...process.env, ...env, PULSE_SERVER: server, LC_ALL: 'C' }, timeout: PACTL_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new Error('pactl is not installed: install pulseaudio-utils (it works with PipeWire too)'));
        }
        if (error.killed) return reject(new Error(`pactl did not answer within ${PACTL_TIMEOUT_MS / 1000} s`));
        reject(new Error(String(stderr).trim().split('\n').pop() || error.message));
      },
    );
  });
}
