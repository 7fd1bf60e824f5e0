// Which folders the settings may name. The library folder is mounted (read-only) into EVERY game,
// and an allowed folder lets mounts and Wine prefixes lie anywhere below it, so both are judged by
// where they really lead (symlinks and `..` resolved), as mounts are (shared/validation/host-paths.ts):
// never a system folder, a folder every user shares, or the app's own data; a library folder never
// holds the Docker socket either.
//
// An allowed folder MAY hold the data dir or the socket (the default, your home, holds the data dir,
// and Docker Desktop's socket lies in ~/.docker): every mount inside it is still judged against them.
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { SYSTEM_PATHS, isWithin, normalizeAbsolute } from '../../shared/model/container-paths';
import { ALWAYS_DENIED } from '../host/host-facts';

/** Folders of the system: neither they, nor a folder inside one, nor one holding one may be named. */
const SYSTEM_FOLDERS = [...new Set(['/boot', '/usr', '/var/lib', ...SYSTEM_PATHS, ...ALWAYS_DENIED.filter((p) => !p.endsWith('.sock'))])];
/** Folders every user of the computer writes to or owns a part of: a folder inside one is fine. */
const SHARED_FOLDERS = ['/tmp', '/var/tmp', '/home', '/dev/shm'];

export interface FolderContext {
  /** The app's data dir. */
  dataDir: string;
  /** The Docker sockets the app may talk to (unix socket paths only). */
  dockerSockets: readonly string[];
  /** Resolves symlinks; tests pass their own. Default: realpath of the deepest existing ancestor. */
  resolve?: (path: string) => string;
}

/** Why `dir` may not be the library folder, or undefined when it may. */
export function libraryDirProblem(dir: string, context: FolderContext): string | undefined {
  const { real, shown, resolve } = place(dir, context);
  const dataDir = resolve(context.dataDir);
  const ownLibrary = `${dataDir}/library`;
  // The default, <dataDir>/library, is always fine: it is as private as the data dir around it.
  if (isWithin(real, ownLibrary)) return undefined;
  const common = commonProblem(real, shown);
  if (common) return `The library folder ${common}`;
  if (isWithin(dataDir, real)) {
    return `The library folder ${shown} ${real === dataDir ? 'is' : 'holds'} the app's data folder ${dataDir} (session records, sockets, settings), and the library is shown to every game: pick a folder of its own, such as ${ownLibrary}.`;
  }
  if (isWithin(real, dataDir)) {
    return `The library folder ${shown} lies among the app's own files in ${dataDir}, and the library is shown to every game: use ${ownLibrary} or a folder outside ${dataDir}.`;
  }
  const socket = context.dockerSockets.map((s) => resolve(s)).find((s) => isWithin(s, real));
  if (socket) {
    return `The library folder ${shown} holds the Docker socket ${socket}, which would give every game control of Docker: pick a folder that does not contain it.`;
  }
  return undefined;
}

/** Why `dir` may not be an allowed folder, or undefined when it may. */
export function allowedDirectoryProblem(dir: string, context: FolderContext): string | undefined {
  const { real, shown, resolve } = place(dir, context);
  const common = commonProblem(real, shown);
  if (common) return `Allowed folder ${common}`;
  const dataDir = resolve(context.dataDir);
  if (isWithin(real, dataDir)) {
    return `Allowed folder ${shown} ${real === dataDir ? 'is' : 'lies in'} the app's data folder ${dataDir}, which games may not reach: allow a folder of your own.`;
  }
  return undefined;
}

function place(dir: string, context: FolderContext) {
  const resolve = context.resolve ?? resolveExisting;
  const written = normalizeAbsolute(dir);
  const real = resolve(written);
  return { real, shown: real === written ? written : `${written} (which is ${real})`, resolve };
}

/** The rules both kinds share: the system's folders and the folders all users share. */
function commonProblem(real: string, shown: string): string | undefined {
  if (real === '/') return `${shown} is the whole file system, every system folder included: pick a folder of your own, such as ${homedir()}/Games.`;
  const system = SYSTEM_FOLDERS.find((s) => s === real) ?? SYSTEM_FOLDERS.find((s) => isWithin(real, s));
  if (system) {
    return real === system
      ? `${shown} is a system folder, which games may not reach: pick a folder of your own, such as ${homedir()}/Games.`
      : `${shown} lies in the system folder ${system}, which games may not reach: pick a folder of your own, such as ${homedir()}/Games.`;
  }
  const holds = SYSTEM_FOLDERS.find((s) => isWithin(s, real));
  if (holds) return `${shown} holds the system folder ${holds}, which games may not reach: pick a folder inside it that is your own.`;
  if (SHARED_FOLDERS.includes(real)) {
    return `${shown} is shared by every user of this computer${real === '/tmp' ? ' and holds the display sockets' : ''}: pick a folder of your own inside it, or elsewhere, such as ${homedir()}/Games.`;
  }
  return undefined;
}

/** The real path of `path`, or of its deepest existing ancestor followed by the rest (a folder yet to be made). */
export function resolveExisting(path: string): string {
  const parts = normalizeAbsolute(path).split('/').filter(Boolean);
  for (let keep = parts.length; keep >= 0; keep -= 1) {
    try {
      const base = realpathSync(`/${parts.slice(0, keep).join('/')}`);
      return normalizeAbsolute([base, ...parts.slice(keep)].join('/'));
    } catch {
      // Not there (or not readable): try its parent.
    }
  }
  return normalizeAbsolute(path);
}
