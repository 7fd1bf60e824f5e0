// Which container a host process belongs to, from /proc/<pid>/cgroup: the GPU tools name host PIDs,
// our sessions are containers. Handles cgroup v1 and v2, Docker's cgroupfs and systemd drivers,
// rootless Docker and Kubernetes-style paths.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ID = '([0-9a-f]{64})';
/** Path forms that carry a container id, most specific first. */
const CONTAINER_PATTERNS = [
  // systemd driver: /system.slice/docker-<id>.scope, also under kubepods and user slices
  new RegExp(`(?:^|/)(?:docker|cri-containerd|crio)-${ID}\\.scope(?=/|$)`),
  // cgroupfs driver: /docker/<id>, rootless /user.slice/.../docker/<id>
  new RegExp(`(?:^|/)docker/${ID}(?=/|$)`),
  // kubepods with the cgroupfs driver: /kubepods/burstable/pod<uid>/<id>
  new RegExp(`(?:^|/)kubepods[^:]*?/${ID}(?=/|$)`),
];

/**
 * The 64-hex container id in the text of /proc/<pid>/cgroup, or undefined for a process outside
 * any container (`0::/user.slice/...`, the recorded `0::/process_api/c3257e…`).
 */
export function containerIdFromCgroup(text: string): string | undefined {
  for (const line of text.split('\n')) {
    // hierarchy-ID:controller-list:cgroup-path; the path itself may contain ':'.
    const match = /^\d+:[^:]*:(.*)$/.exec(line.trim());
    const path = match?.[1];
    if (!path) continue;
    for (const pattern of CONTAINER_PATTERNS) {
      const id = lastMatch(pattern, path);
      if (id) return id;
    }
  }
  return undefined;
}

/** The innermost match: a container nested in another names the outer one first. */
function lastMatch(pattern: RegExp, path: string): string | undefined {
  const global = new RegExp(pattern.source, 'g');
  let found: string | undefined;
  for (const match of path.matchAll(global)) found = match[1];
  return found;
}

/** The container id of a host PID; undefined when it is in none or has gone. */
export async function containerIdOfPid(pid: number, procRoot = '/proc'): Promise<string | undefined> {
  try {
    return containerIdFromCgroup(await readFile(join(procRoot, String(pid), 'cgroup'), 'utf8'));
  } catch {
    return undefined; // the process ended, or we may not look: either way it is not ours to count
  }
}

/** Looks up many PIDs at once, keeping only those inside a container. */
export async function containerIdsOfPids(pids: Iterable<number>, procRoot = '/proc'): Promise<Map<number, string>> {
  const unique = [...new Set(pids)];
  const ids = await Promise.all(unique.map((pid) => containerIdOfPid(pid, procRoot)));
  const found = new Map<number, string>();
  unique.forEach((pid, position) => {
    const id = ids[position];
    if (id) found.set(pid, id);
  });
  return found;
}
