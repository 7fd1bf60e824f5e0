// AMD and Intel (any DRM driver that follows Documentation/gpu/drm-usage-stats.rst): per-client
// engine time and memory from /proc/<pid>/fdinfo/<fd>, as intel_gpu_top and nvtop read them.
import { readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface DrmEngine {
  /** drm-engine-<name>: busy time, ns. */
  busyNs?: number;
  /** drm-engine-capacity-<name>: how many such engines the time is summed over (default 1). */
  capacity: number;
  /** drm-cycles-<name> and drm-total-cycles-<name> (xe): busy and elapsed GPU cycles, summed like busyNs. */
  cycles?: number;
  totalCycles?: number;
}

export interface DrmClient {
  driver: string;
  clientId: string;
  /** PCI slot (drm-pdev); client ids are unique per device only. */
  pdev?: string;
  engines: Map<string, DrmEngine>;
  /** Memory per region (vram, gtt, system0, local0, ...), bytes: resident, else drm-memory-, else total. */
  regions: Map<string, number>;
}

const UNITS: Record<string, number> = { '': 1, B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };
const DEVICE_LOCAL = /^(vram|local)\d*$/;

/** Parses one fdinfo file; undefined for a file that is not a DRM client (no drm-driver / drm-client-id). */
export function parseDrmFdinfo(text: string): DrmClient | undefined {
  const keys = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) keys.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const driver = keys.get('drm-driver');
  const clientId = keys.get('drm-client-id');
  if (!driver || !clientId) return undefined;
  const client: DrmClient = { driver, clientId, engines: new Map(), regions: new Map() };
  const pdev = keys.get('drm-pdev');
  if (pdev) client.pdev = pdev;
  const engine = (name: string): DrmEngine => {
    let found = client.engines.get(name);
    if (!found) client.engines.set(name, (found = { capacity: 1 }));
    return found;
  };
  const memory = { resident: new Map<string, number>(), memory: new Map<string, number>(), total: new Map<string, number>() };
  for (const [key, value] of keys) {
    let match: RegExpExecArray | null;
    if ((match = /^drm-engine-capacity-(.+)$/.exec(key))) {
      const capacity = toNumber(value);
      if (match[1] && capacity) engine(match[1]).capacity = capacity;
    } else if ((match = /^drm-engine-(.+)$/.exec(key))) {
      const ns = toNumber(value.replace(/\s*ns$/, ''));
      if (match[1] && ns !== undefined) engine(match[1]).busyNs = ns;
    } else if ((match = /^drm-total-cycles-(.+)$/.exec(key))) {
      const cycles = toNumber(value);
      if (match[1] && cycles !== undefined) engine(match[1]).totalCycles = cycles;
    } else if ((match = /^drm-cycles-(.+)$/.exec(key))) {
      const cycles = toNumber(value);
      if (match[1] && cycles !== undefined) engine(match[1]).cycles = cycles;
    } else if ((match = /^drm-(resident|memory|total)-(.+)$/.exec(key))) {
      const bytes = toBytes(value);
      if (match[2] && bytes !== undefined) memory[match[1] as 'resident' | 'memory' | 'total'].set(match[2], bytes);
    }
  }
  for (const source of [memory.total, memory.memory, memory.resident]) {
    for (const [region, bytes] of source) client.regions.set(region, bytes);
  }
  return client;
}

/**
 * Bytes of GPU memory a client holds: its device-local regions (vram, local0) where it has any,
 * else every region (integrated GPUs keep everything in system memory). Undefined without memory keys.
 */
export function drmClientMemoryBytes(client: DrmClient): number | undefined {
  if (client.regions.size === 0) return undefined;
  const local = [...client.regions].filter(([region]) => DEVICE_LOCAL.test(region));
  return (local.length > 0 ? local : [...client.regions]).reduce((sum, [, bytes]) => sum + bytes, 0);
}

/** One entry per DRM client: the same client shows through every dup'ed or inherited fd. */
export function uniqueDrmClients(clients: Iterable<DrmClient>): Map<string, DrmClient> {
  const unique = new Map<string, DrmClient>();
  for (const client of clients) unique.set(`${client.pdev ?? client.driver}/${client.clientId}`, client);
  return unique;
}

/**
 * GPU busy % of a set of clients (one process, or all of a container's) between two readings
 * `wallNs` apart: per engine Δbusy / (Δwall × capacity) (or Δcycles / (Δtotal-cycles × capacity))
 * summed over clients, then the busiest engine (as intel_gpu_top and nvtop show it), clamped to
 * 0-100. Undefined when no client appears in both readings with engine counters.
 */
export function drmBusyPercent(previous: Iterable<DrmClient>, current: Iterable<DrmClient>, wallNs: number): number | undefined {
  const before = uniqueDrmClients(previous);
  const busy = new Map<string, number>();
  for (const [key, client] of uniqueDrmClients(current)) {
    const old = before.get(key);
    if (!old) continue; // a new client: its counters cover its whole life, not this interval
    for (const [name, engine] of client.engines) {
      const then = old.engines.get(name);
      const fraction = then ? engineFraction(then, engine, wallNs) : undefined;
      const engineKey = `${client.pdev ?? client.driver}/${name}`;
      if (fraction !== undefined) busy.set(engineKey, (busy.get(engineKey) ?? 0) + fraction);
    }
  }
  if (busy.size === 0) return undefined;
  return Math.min(100, Math.max(0, Math.max(...busy.values()) * 100));
}

/**
 * The busy fraction of one engine between two readings. A counter that went back (the documentation
 * allows drm-cycles to, briefly) gives no reading for this interval rather than a negative one.
 */
function engineFraction(then: DrmEngine, now: DrmEngine, wallNs: number): number | undefined {
  if (now.cycles !== undefined && then.cycles !== undefined && now.totalCycles !== undefined && then.totalCycles !== undefined) {
    const elapsed = now.totalCycles - then.totalCycles;
    const used = now.cycles - then.cycles;
    return elapsed > 0 && used >= 0 ? used / (elapsed * now.capacity) : undefined;
  }
  if (now.busyNs === undefined || then.busyNs === undefined || wallNs <= 0) return undefined;
  const used = now.busyNs - then.busyNs;
  return used >= 0 ? used / (wallNs * now.capacity) : undefined;
}

/** GPU memory of a set of clients, bytes; undefined when none reports memory. */
export function drmMemoryBytes(clients: Iterable<DrmClient>): number | undefined {
  let total: number | undefined;
  for (const client of uniqueDrmClients(clients).values()) {
    const bytes = drmClientMemoryBytes(client);
    if (bytes !== undefined) total = (total ?? 0) + bytes;
  }
  return total;
}

/** The DRM clients a process holds open; empty when it has none or has gone. */
export async function readProcessDrmClients(pid: number, procRoot = '/proc'): Promise<DrmClient[]> {
  const base = join(procRoot, String(pid));
  let fds: string[];
  try {
    // Only fds that point at /dev/dri: a Wine game holds hundreds of other files.
    const all = await readdir(join(base, 'fd'));
    const targets = await Promise.all(all.map((fd) => readlink(join(base, 'fd', fd)).catch(() => '')));
    fds = all.filter((_, position) => targets[position]?.startsWith('/dev/dri/'));
  } catch {
    fds = await readdir(join(base, 'fdinfo')).catch(() => []); // fd links unreadable: try every fdinfo
  }
  const texts = await Promise.all(fds.map((fd) => readFile(join(base, 'fdinfo', fd), 'utf8').catch(() => '')));
  return [...uniqueDrmClients(texts.flatMap((text) => parseDrmFdinfo(text) ?? [])).values()];
}

export interface DrmSnapshot {
  /** When it was read, ms on a monotonic clock (performance.now()). */
  atMs: number;
  clients: Map<number, DrmClient[]>;
}

/** Reads the DRM clients of many processes at one moment. */
export async function readDrmSnapshot(pids: Iterable<number>, procRoot = '/proc', now = () => performance.now()): Promise<DrmSnapshot> {
  const unique = [...new Set(pids)];
  const atMs = now();
  const lists = await Promise.all(unique.map((pid) => readProcessDrmClients(pid, procRoot)));
  const clients = new Map<number, DrmClient[]>();
  unique.forEach((pid, position) => {
    const list = lists[position];
    if (list && list.length > 0) clients.set(pid, list);
  });
  return { atMs, clients };
}

function toNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** `6044 KiB` → 6189056; `0` → 0. */
function toBytes(text: string): number | undefined {
  const match = /^(\d+)\s*(B|KiB|MiB|GiB)?$/.exec(text);
  const unit = UNITS[match?.[2] ?? ''];
  return match?.[1] !== undefined && unit !== undefined ? Number(match[1]) * unit : undefined;
}

// The host-wide AMD reading lives in drm-sysfs.ts (one job per file); offered here as well.
export { readGpuBusyPercent, type DrmCardBusy } from './drm-sysfs';
