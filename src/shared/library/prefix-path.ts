// A Windows program inside the game's Wine prefix, named as Windows names it (`C:\Program
// Files\Game\game.exe`): what an installer leaves, and what Play may start once the player chose it.
// Only drive C (the prefix's drive_c) may be named, and nothing that could lead out of it: no `..`,
// no NUL or control characters, no other drive, no UNC (\\server\share) or device (\\.\, \\?\)
// path, no reserved device name (CON, NUL, COM1...). It runs as /wine-prefix/drive_c/... in the container.
import { WINE_PREFIX_MOUNT } from '../model/container-paths';

const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;
const MAX_PREFIX_PATH = 1024;

/** Does this text name a place inside the prefix (it begins with a drive letter and a colon)? */
export function namesPrefixPath(path: string): boolean {
  return /^[A-Za-z]:/.test(path) || /^[\\/]{2}/.test(path);
}

/** Why `path` is not a program inside the prefix's drive C, or undefined when it is one. */
export function prefixPathProblem(path: string): string | undefined {
  if (path.length > MAX_PREFIX_PATH) return `must be at most ${MAX_PREFIX_PATH} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  if (/[\u0000-\u001f]/.test(path)) return 'must not contain NUL or other control characters';
  if (/^[\\/]{2}/.test(path)) return 'must be a path on drive C of the game\'s prefix, not a network (\\\\server\\share) or device (\\\\.\\) path';
  const drive = /^([A-Za-z]):/.exec(path);
  if (!drive) return 'must begin with C:\\, such as C:\\Program Files\\Game\\game.exe';
  if (drive[1]?.toUpperCase() !== 'C') return `names drive ${drive[1]?.toUpperCase() ?? ''}: only drive C (the game's prefix) may be named; Play cannot reach other drives`;
  const rest = path.slice(2);
  if (!/^[\\/]/.test(rest)) return 'must be a full path from C:\\, such as C:\\Program Files\\Game\\game.exe';
  const parts = rest.split(/[\\/]/).filter((part) => part !== '');
  if (parts.length === 0) return 'must name a program, such as C:\\Program Files\\Game\\game.exe';
  if (parts.some((part) => part === '..' || part === '.')) return 'must not contain . or .. (it would lead out of the folder it names)';
  if (parts.some((part) => /[<>:"|?*]/.test(part))) return 'must not contain < > : " | ? * (Windows allows none of them in a name)';
  const device = parts.find((part) => RESERVED_NAMES.test(part.replace(/\..*$/, '').replace(/ +$/, '')));
  if (device) return `contains ${device}, a name Windows keeps for a device: name the program's file instead`;
  return undefined;
}

/** Where that program is inside the runner container (call only when prefixPathProblem found none). */
export function prefixContainerPath(path: string): string {
  const parts = path.slice(2).split(/[\\/]/).filter((part) => part !== '');
  return `${WINE_PREFIX_MOUNT}/drive_c/${parts.join('/')}`;
}

/** The Windows form of a path under the prefix's drive_c, as the entrypoint reports created programs. */
export function windowsPathOf(containerPath: string): string | undefined {
  const root = `${WINE_PREFIX_MOUNT}/drive_c/`;
  if (!containerPath.startsWith(root)) return undefined;
  return `C:\\${containerPath.slice(root.length).split('/').join('\\')}`;
}
