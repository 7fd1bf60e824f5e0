import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import type { PathFact } from '../../shared/validation/host-facts';

/** Looks at each path as the app's user sees it: does it exist, can we read it, what does it resolve to. */
export async function probePaths(paths: readonly string[]): Promise<Record<string, PathFact>> {
  const entries = await Promise.all(paths.map(async (path) => [path, await probePath(path)] as const));
  return Object.fromEntries(entries);
}

export async function probePath(path: string): Promise<PathFact> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return { exists: false, accessible: false };
  }
  const info = await stat(real);
  const kind = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : info.isSocket() ? 'socket' : 'other';
  const mode = kind === 'directory' ? constants.R_OK | constants.X_OK : constants.R_OK;
  const accessible = await access(real, mode).then(() => true, () => false);
  return { exists: true, accessible, realPath: real, kind };
}

/** The path with symlinks resolved where it exists, else as written. */
export async function resolveIfExists(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}
