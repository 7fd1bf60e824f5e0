// Where on the host a mount may point. A path is checked by what it RESOLVES to (`..` and symlinks
// followed by the core, recorded in HostFacts.paths), so a symlink cannot smuggle a mount out.
import { isWithin } from '../model/container-paths';
import type { HostFacts, PathFact } from './host-facts';

export type HostPathVerdict =
  | { ok: true; realPath: string; fact: PathFact }
  | { ok: false; message: string };

/** Checks an existing host path against the allowed folders and the denied paths. */
export function checkHostPath(hostPath: string, facts: HostFacts, what: string): HostPathVerdict {
  if (!hostPath.startsWith('/')) {
    return { ok: false, message: `${what} must be an absolute path, such as /home/you/Games.` };
  }
  const fact = facts.paths[hostPath];
  if (!fact) return { ok: false, message: `${what} ${hostPath} has not been checked yet: try again.` };
  if (!fact.exists || !fact.realPath) {
    return { ok: false, message: `${what} ${hostPath} does not exist: create it or pick another.` };
  }
  if (!fact.accessible) {
    return { ok: false, message: `${what} ${hostPath} cannot be read by you: fix its permissions or pick another.` };
  }
  const placement = placementProblem(fact.realPath, hostPath, facts, what);
  return placement ? { ok: false, message: placement } : { ok: true, realPath: fact.realPath, fact };
}

/** Why `realPath` may not be mounted, or undefined when it may. */
export function placementProblem(realPath: string, asWritten: string, facts: HostFacts, what: string): string | undefined {
  const shown = realPath === asWritten ? asWritten : `${asWritten} (which is ${realPath})`;
  // The folder itself first: "/etc is one games may not reach", never "/etc lies in /etc".
  const denied = facts.deniedHostPaths.find((d) => d === realPath) ?? facts.deniedHostPaths.find((d) => isWithin(realPath, d) || isWithin(d, realPath));
  if (denied === realPath) return `${what} ${shown} is a path games may not reach: pick a folder of your own.`;
  if (denied) {
    return `${what} ${shown} ${isWithin(realPath, denied) ? 'lies in' : 'contains'} ${denied}, which games may not reach: pick a folder of your own.`;
  }
  if (!facts.allowedHostDirectories.some((dir) => isWithin(realPath, dir))) {
    const allowed = facts.allowedHostDirectories.length > 0 ? facts.allowedHostDirectories.join(', ') : 'none yet';
    return `${what} ${shown} is outside the folders games may use (${allowed}): pick a folder inside one, or add its folder under Settings → Allowed folders.`;
  }
  return undefined;
}

/** The parent of an absolute, normalized path. */
export function parentOf(path: string): string {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}
