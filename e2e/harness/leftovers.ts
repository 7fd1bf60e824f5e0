// What a run must not leave behind: containers of its sessions (our labels say whose they are) and
// its own library volume. Session ids come from the run's data dir, so other runs' games on the same
// engine are never touched.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { SESSION_LABEL } from '../../src/main/docker/labels';

const docker = new Docker();

/** Every session id the run's core recorded (active and history). */
export function sessionIdsOf(dataDir: string): Set<string> {
  const ids = new Set<string>();
  const root = join(dataDir, 'runner-sessions');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/^sess_.*\.json$/.test(entry.name)) ids.add(entry.name.replace(/\.json$/, ''));
    }
  };
  walk(join(root, 'active'));
  walk(join(root, 'history'));
  return ids;
}

/** Containers (any state) labelled with one of the run's sessions, as `docker ps -a` names them. */
export async function containersOf(sessionIds: Set<string>): Promise<Docker.ContainerInfo[]> {
  if (sessionIds.size === 0) return [];
  const containers = await docker.listContainers({ all: true, filters: { label: [SESSION_LABEL] } });
  return containers.filter((c) => sessionIds.has(c.Labels[SESSION_LABEL] ?? ''));
}

/** Removes what is left (so the next run starts clean) and answers what was. */
export async function collectLeftovers(dataDir: string, libraryVolume?: string): Promise<string[]> {
  const left = await containersOf(sessionIdsOf(dataDir));
  for (const c of left) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  if (libraryVolume) await docker.getVolume(libraryVolume).remove().catch(() => undefined);
  return left.map((c) => `${c.Names[0] ?? c.Id} (${c.State})`);
}
