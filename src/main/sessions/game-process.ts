// The game's process, as the host sees it. The container's first process (Docker's State.Pid) runs
// the entrypoint, which drops to the game's uid and becomes tini (the game's init, PID 1); tini
// starts the game (Linux, by exec) or the Wine wrapper (Windows) as its one child. The record's
// processId names that child: the process whose uid, capabilities and /proc the player cares about.
import { readFileSync } from 'node:fs';

const WAIT_MS = 3000;
const POLL_MS = 20;
const INIT_NAMES = new Set(['tini', 'docker-init']);

/**
 * The game's pid in a container whose first process is `pid`: tini's first child, once the entrypoint
 * has become tini and tini has started it (milliseconds after start). `pid` itself when that cannot be
 * read (the engine's /proc is not this host's, e.g. Docker in a VM) or never comes (an older runner).
 */
export async function gameProcessId(pid: number): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const child = initChild(pid);
    if (child === null) return pid;
    if (child !== undefined) return child;
    if (Date.now() >= deadline) return pid;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** tini's first child; undefined while `pid` is not tini yet or has no child; null when /proc cannot tell. */
function initChild(pid: number): number | undefined | null {
  let comm: string;
  let listed: string;
  try {
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  } catch {
    return null; // not on this host's /proc, or already gone
  }
  if (!INIT_NAMES.has(comm)) return undefined;
  const child = Number(listed.split(/\s+/)[0]);
  return listed && Number.isSafeInteger(child) && child > 0 ? child : undefined;
}
