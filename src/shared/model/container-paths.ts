// Paths inside a runner container that belong to the app itself. Users' extra volumes may neither
// cover nor sit inside them, and may not mount over the system's own folders.

/** Where the game library is mounted, read-only. */
export const LIBRARY_MOUNT = '/library';
/** Where a Windows game's Wine prefix is mounted. */
export const WINE_PREFIX_MOUNT = '/wine-prefix';
/** Over the prefix volume's drive_c/users: the game's own folder of its Windows saves (src/main/saves/save-roots.ts). */
export const PREFIX_USERS_MOUNT = `${WINE_PREFIX_MOUNT}/drive_c/users`;
/** The prefix volume again, read-only, whole: where the entrypoint finds an older prefix's users to move in (lib/prefix-users.sh). */
export const PREFIX_VOLUME_VIEW = '/dillinger-prefix-volume';
/** The session's runtime folder: X cookie, Wayland and PulseAudio sockets. */
export const RUNTIME_MOUNT = '/run/dillinger';
/** X11 sockets. */
export const X11_SOCKET_DIR = '/tmp/.X11-unix';
/**
 * The container's only writable area (the root file system is read-only): a tmpfs whose size is
 * the session's diskLimit. HOME lives here. Users may mount inside it, not over it.
 */
export const WRITABLE_MOUNT = '/tmp';
/** The game's HOME and XDG_RUNTIME_DIR, which the entrypoint makes (as root) on that tmpfs: a mount there would have it chown a host folder. */
export const GAME_HOME = `${WRITABLE_MOUNT}/dillinger-home`;
export const GAME_RUNTIME_DIR = `${WRITABLE_MOUNT}/dillinger-runtime`;

export const APP_MOUNTS = [LIBRARY_MOUNT, WINE_PREFIX_MOUNT, PREFIX_VOLUME_VIEW, RUNTIME_MOUNT, X11_SOCKET_DIR, GAME_HOME, GAME_RUNTIME_DIR] as const;

/** Mounting at or under these would replace the container's own system. `/` itself only exactly. */
export const SYSTEM_PATHS = [
  '/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/root',
  '/run', '/sbin', '/sys', '/usr', '/var/lib', '/var/run',
] as const;

/** Docker's rule for named volumes. */
export const VOLUME_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,254}$/;
/** The library volume is the app's; users may not mount it again. */
export const LIBRARY_VOLUME = 'dillinger_library';

/** Is `child` the same path as `parent` or inside it? Both must be absolute and normalized. */
export function isWithin(child: string, parent: string): boolean {
  if (parent === '/') return child.startsWith('/');
  return child === parent || child.startsWith(`${parent}/`);
}

/** Normalizes an absolute POSIX path (`/a//b/../c/` → `/a/c`) without Node's path module, so the renderer can use it. */
export function normalizeAbsolute(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
