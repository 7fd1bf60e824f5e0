// The host's sound server as a PulseAudio client finds it (PULSE_SERVER, else
// $XDG_RUNTIME_DIR/pulse/native), and the pure parts of a session's own sound server (a small
// PulseAudio the game talks to, which forwards playback only to the host's server): its arguments,
// its environment, and the cookie it shows the host's server.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** The socket of the session's own sound server, in the session's runtime dir (mounted into the container). */
export const SESSION_SOCKET_NAME = 'pulse.sock';

export type SoundServer =
  | { found: true; /** As PULSE_SERVER takes it: `unix:/run/user/1000/pulse/native`. */ server: string; socketPath: string }
  | { found: false; /** Why there is none, for the session's warning. */ reason: string };

/**
 * The local sound server, the way libpulse looks for it. Only unix sockets count: a game's
 * container has no network by default, and the app hands it a socket of its own anyway.
 */
export function findSoundServer(env: NodeJS.ProcessEnv): SoundServer {
  const configured = env.PULSE_SERVER?.trim();
  if (configured) {
    // A list of servers separated by spaces, each optionally prefixed by `{machine-id}`.
    for (const entry of configured.split(/\s+/)) {
      const address = entry.replace(/^\{[^}]*\}/, '');
      const path = address.startsWith('unix:') ? address.slice('unix:'.length) : isAbsolute(address) ? address : undefined;
      if (path && isSocket(path)) return { found: true, server: `unix:${path}`, socketPath: path };
    }
    return {
      found: false,
      reason: `PULSE_SERVER (${configured}) names no sound server socket on this computer: games get sound only from a local PulseAudio or PipeWire server.`,
    };
  }
  if (!env.XDG_RUNTIME_DIR) {
    return { found: false, reason: 'No sound server was found (XDG_RUNTIME_DIR and PULSE_SERVER are not set): start the app from your desktop session to hear games.' };
  }
  const path = join(env.XDG_RUNTIME_DIR, 'pulse', 'native');
  if (isSocket(path)) return { found: true, server: `unix:${path}`, socketPath: path };
  return {
    found: false,
    reason: `No sound server was found (no ${path}, PULSE_SERVER not set): start PulseAudio or PipeWire's pulse server (pipewire-pulse) to hear games.`,
  };
}

/** Where a session's sound server is found by the app: its pid, written when it is started. */
export const PROXY_PID_FILE = 'pulse-proxy.pid';
/** What the session's sound server writes (its own log), for the warning when it fails. */
export const PROXY_LOG_FILE = 'pulse-proxy.log';
/** The one sink of a session's sound server: a tunnel to the host's server, where the game plays. */
export const PROXY_SINK = 'dillinger';
/**
 * The session's runtime dir as the proxy sees it: it is started with that folder open as fd 3
 * (kept open through PULSE_PASSED_FD), so it reaches its folder even where it may not walk the
 * path to it (the app runs as root and its runtime root lies in root's 0700 folders).
 */
export const PROXY_DIR_FD = 3;
const IN_DIR = `/proc/self/fd/${PROXY_DIR_FD}`;

export interface ProxyPlan {
  /** The host's sound server, as PULSE_SERVER takes it: where the tunnel plays. */
  upstream: string;
  /** A cookie file for the host's server (libpulse's: PULSE_COOKIE, else ~/.config/pulse/cookie). */
  cookie?: string;
  /** A sink of the host's server to play into (PULSE_SINK of the app); its default sink otherwise. */
  sink?: string;
}

/**
 * `pulseaudio` arguments of a session's own sound server: no default script or config, module
 * loading and exit refused after start, no shared memory, no pid file, no realtime; it offers the
 * game one anonymous socket in the session's folder, and has one sink: a tunnel that plays into
 * the host's server (no source of the host's is forwarded, so no microphone).
 */
export function proxyArguments(plan: ProxyPlan): string[] {
  const tunnel = [
    'module-tunnel-sink-new',
    `server=${quoteModuleArgument(plan.upstream)}`,
    `sink_name=${PROXY_SINK}`,
    ...(plan.sink ? [`sink=${quoteModuleArgument(plan.sink)}`] : []),
    ...(plan.cookie ? [`cookie=${quoteModuleArgument(plan.cookie)}`] : []),
    'reconnect_interval_ms=5000',
  ];
  return [
    '--daemonize=no', '-n', '--file=/dev/null', '--system=no',
    '--disallow-module-loading=yes', '--disallow-exit=yes', '--exit-idle-time=-1',
    '--use-pid-file=no', '--disable-shm=yes', '--realtime=no', '--high-priority=no',
    '--log-target=stderr', '--log-level=warning',
    '-L', `module-native-protocol-unix socket=${IN_DIR}/${SESSION_SOCKET_NAME} auth-anonymous=1 auth-cookie-enabled=0`,
    '-L', tunnel.join(' '),
    // Until the tunnel is up (or if it drops), a null sink, so the game's stream never fails.
    '-L', 'module-always-sink',
  ];
}

/**
 * The environment of a session's sound server: nothing of the app's (no D-Bus session, no
 * display), its home and runtime folders inside the session's folder.
 */
export function proxyEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LC_ALL: 'C',
    PULSE_PASSED_FD: String(PROXY_DIR_FD),
    HOME: `${IN_DIR}/home`,
    XDG_CONFIG_HOME: `${IN_DIR}/home/.config`,
    XDG_RUNTIME_DIR: `${IN_DIR}/xdg`,
    PULSE_RUNTIME_PATH: `${IN_DIR}/pulse-runtime`,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/dillinger-no-bus',
  };
}

/** The cookie libpulse would send to the host's server: PULSE_COOKIE, else ~/.config/pulse/cookie, else ~/.pulse-cookie. */
export function findCookie(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = env.PULSE_COOKIE?.trim()
    ? [env.PULSE_COOKIE.trim()]
    : env.HOME ? [join(env.HOME, '.config', 'pulse', 'cookie'), join(env.HOME, '.pulse-cookie')] : [];
  return candidates.find((path) => {
    try {
      return isAbsolute(path) && statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

function quoteModuleArgument(value: string): string {
  return /[\s"'\\]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}
