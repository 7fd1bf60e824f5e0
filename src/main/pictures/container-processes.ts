// The host pids of a session container's processes, for telling the game's X clients from others.
// Read from the container's cgroup (its cgroup.procs: a file read, nearly free, each frame); the
// engine's `top` (a `ps` run by dockerd) only where no cgroup file can be read, and then at most
// every few seconds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';

const TOP_REFRESH_MS = 3_000;

/** The cgroup.procs file of the cgroup a process is in (cgroup v1's pids controller, or v2's unified tree). */
export function cgroupProcsFile(procCgroup: string, cgroupRoot = '/sys/fs/cgroup'): string | undefined {
  const lines = procCgroup.split('\n').map((line) => line.split(':'));
  const v1 = lines.find((parts) => parts[1]?.split(',').includes('pids'));
  const v2 = lines.find((parts) => parts[0] === '0' && parts[1] === '');
  const candidates = [
    ...(v1?.[2] ? [join(cgroupRoot, 'pids', v1[2], 'cgroup.procs')] : []),
    ...(v2?.[2] ? [join(cgroupRoot, v2[2], 'cgroup.procs'), join(cgroupRoot, 'unified', v2[2], 'cgroup.procs')] : []),
  ];
  return candidates.find((file) => existsSync(file));
}

export function parseProcs(text: string): Set<number> {
  return new Set(text.split('\n').filter((line) => /^\d+$/.test(line)).map(Number));
}

export function containerPids(docker: Docker, containerId: string, processId: number | undefined): () => Promise<ReadonlySet<number>> {
  let procsFile: string | undefined;
  try {
    procsFile = processId === undefined ? undefined : cgroupProcsFile(readFileSync(`/proc/${processId}/cgroup`, 'latin1'));
  } catch {
    procsFile = undefined; // the game process is gone, or /proc is not ours: ask the engine
  }
  let cached: { at: number; pids: Set<number> } | undefined;
  return async () => {
    if (procsFile) {
      try {
        return parseProcs(readFileSync(procsFile, 'latin1'));
      } catch {
        procsFile = undefined;
      }
    }
    if (cached && Date.now() - cached.at < TOP_REFRESH_MS) return cached.pids;
    const top = (await docker.getContainer(containerId).top()) as { Titles?: string[]; Processes?: string[][] };
    const column = top.Titles?.indexOf('PID') ?? -1;
    const pids = new Set<number>();
    if (column >= 0) for (const row of top.Processes ?? []) pids.add(Number(row[column]));
    cached = { at: Date.now(), pids };
    return pids;
  };
}
