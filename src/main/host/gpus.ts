// The host's GPUs, with every id a user may write in gpuDevices: the ONE inventory behind the
// validation rules (HostFacts.gpus), the launch form's GPU list (the same facts, through the
// contract), the container spec's device mapping and the metrics sampler. Inventoried once per app
// start: nvidia-smi is slow, and GPUs do not come and go while we run. Also here: whether the Docker
// engine can hand NVIDIA GPUs to a container at all (its `nvidia` runtime).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { GpuFact, GpuNode } from '../../shared/validation/host-facts';

const run = promisify(execFile);
const VENDORS: Record<string, GpuFact['vendor']> = { '0x10de': 'nvidia', '0x1002': 'amd', '0x8086': 'intel' };
const PCI_ADDRESS = /^([0-9a-f]+):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/i;
const MIB = 1024 * 1024;

/** The query the inventory runs; its output on an H200 is recorded in metrics/gpu/fixtures/idle.txt. */
export const NVIDIA_INVENTORY_ARGS = ['--query-gpu=index,uuid,name,pci.bus_id,memory.total', '--format=csv,noheader,nounits'];

/** `00000000:01:00.0` (nvidia-smi) or `0000:01:00.0` (sysfs) → `0000:01:00.0`; undefined when not a PCI address. */
export function normalizePciBusId(text: string): string | undefined {
  const match = PCI_ADDRESS.exec(text.trim());
  if (!match) return undefined;
  const [, domain = '', bus = '', device = '', fn = ''] = match;
  return `${domain.slice(-4).padStart(4, '0')}:${bus}:${device}.${fn}`.toLowerCase();
}

/**
 * The DRM GPUs: /dev/dri card and render nodes grouped by the device sysfs says they belong to, with
 * vendor, PCI address and each node's owning group (the game is given that group to open it). A
 * device without a render node (a boot framebuffer such as simpledrm) is no GPU for a game: left out.
 */
export function listDrmGpus(devDri = '/dev/dri', sysDrm = '/sys/class/drm'): GpuFact[] {
  let names: string[];
  try {
    names = readdirSync(devDri).filter((name) => /^(card|renderD)\d+$/.test(name));
  } catch {
    return [];
  }
  const byDevice = new Map<string, string[]>();
  for (const name of names.sort(byNodeNumber)) {
    const device = realpathOrUndefined(`${sysDrm}/${name}/device`) ?? `node:${name}`;
    byDevice.set(device, [...(byDevice.get(device) ?? []), name]);
  }
  const gpus: GpuFact[] = [];
  for (const [device, group] of byDevice) {
    const render = group.find((name) => name.startsWith('renderD'));
    if (!render) continue;
    const vendorId = readTrimmed(`${sysDrm}/${render}/device/vendor`);
    const vendor = (vendorId && VENDORS[vendorId]) || 'other';
    const pciBusId = device.startsWith('node:') ? undefined : normalizePciBusId(basename(device));
    const nodes = group.flatMap((name): GpuNode[] => {
      const gid = gidOf(`${devDri}/${name}`);
      return gid === undefined ? [] : [{ path: `${devDri}/${name}`, gid }];
    });
    gpus.push({
      ids: [`${devDri}/${render}`],
      vendor,
      name: `${vendor === 'other' ? 'GPU' : vendor.toUpperCase()} render node ${render}`,
      ...(pciBusId ? { pciBusId } : {}),
      nodes,
    });
  }
  return gpus;
}

/** Parses the output of `nvidia-smi NVIDIA_INVENTORY_ARGS` (older callers' 3-field `index,uuid,name` too). */
export function parseNvidiaGpuList(text: string): GpuFact[] {
  return text
    .split('\n')
    .map((line) => line.split(',').map((field) => field.trim()))
    .filter((fields): fields is [string, string, string, ...string[]] => fields.length >= 3 && /^\d+$/.test(fields[0] ?? '') && /^GPU-/.test(fields[1] ?? ''))
    .map(([index, uuid, name, busId, memoryMiB]) => {
      const pciBusId = busId ? normalizePciBusId(busId) : undefined;
      const memory = memoryMiB && /^\d+$/.test(memoryMiB) ? Number(memoryMiB) * MIB : undefined;
      return {
        ids: [index, uuid],
        vendor: 'nvidia' as const,
        name,
        ...(pciBusId ? { pciBusId } : {}),
        ...(memory ? { memoryBytes: memory } : {}),
      };
    });
}

export async function listNvidiaGpus(command = 'nvidia-smi'): Promise<GpuFact[]> {
  try {
    const { stdout } = await run(command, NVIDIA_INVENTORY_ARGS, { timeout: 5000 });
    return parseNvidiaGpuList(stdout);
  } catch {
    return []; // no NVIDIA driver: not an error, the host simply has no NVIDIA GPU for us
  }
}

/**
 * One entry per GPU. An NVIDIA card that also has DRM nodes (nvidia-drm) is kept once: its NVIDIA
 * index and UUID, then its render node, with its nodes; joined by PCI address (by order when nvidia-smi
 * gave none). The NVIDIA index stays ids[0]: the metrics sampler finds the GPU by it.
 */
export function mergeGpuLists(nvidia: readonly GpuFact[], drm: readonly GpuFact[]): GpuFact[] {
  const unmatched = drm.filter((gpu) => gpu.vendor === 'nvidia');
  const merged = nvidia.map((gpu): GpuFact => {
    const byBus = gpu.pciBusId ? unmatched.find((node) => node.pciBusId === gpu.pciBusId) : undefined;
    const node = byBus ?? (gpu.pciBusId ? undefined : unmatched[0]);
    if (!node) return { ...gpu, ids: [...gpu.ids], nodes: [] };
    unmatched.splice(unmatched.indexOf(node), 1);
    return { ...gpu, ids: [...gpu.ids, ...node.ids], nodes: node.nodes ?? [] };
  });
  return [...merged, ...drm.filter((gpu) => gpu.vendor !== 'nvidia' || nvidia.length === 0)];
}

export interface InventorySources {
  devDri?: string;
  sysDrm?: string;
  nvidiaSmi?: string;
}

export async function inventoryGpus(sources: InventorySources = {}): Promise<GpuFact[]> {
  const drm = listDrmGpus(sources.devDri, sources.sysDrm);
  const nvidia = await listNvidiaGpus(sources.nvidiaSmi);
  return mergeGpuLists(nvidia, drm);
}

/** From `docker info` (dockerode's docker.info()): is an `nvidia` runtime registered? */
export function engineHasNvidiaRuntime(info: { Runtimes?: Record<string, unknown> | null }): boolean {
  return Object.hasOwn(info.Runtimes ?? {}, 'nvidia');
}

/**
 * Asks the engine whether it can give containers NVIDIA GPUs; undefined when it does not answer.
 * The answer is kept for `ttlMs`: the engine may be reconfigured (toolkit installed, dockerd
 * restarted) while the app runs, but validation asks on every keystroke of the launch form.
 */
export function nvidiaRuntimeProbe(docker: Pick<Docker, 'info'>, ttlMs = 30_000, answerWithinMs = 2_000): () => Promise<boolean | undefined> {
  let cached: { at: number; value: Promise<boolean | undefined> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      // A hung engine must not hang the launch form's validation: no answer in time is "unknown".
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), answerWithinMs);
        timer.unref();
      });
      const asked = (docker.info() as Promise<{ Runtimes?: Record<string, unknown> }>).then(engineHasNvidiaRuntime, () => undefined);
      const value = Promise.race([asked, late]).finally(() => clearTimeout(timer));
      cached = { at: now, value };
      // An engine that did not answer is asked again next time.
      void value.then((answer) => {
        if (answer === undefined && cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}

function byNodeNumber(a: string, b: string): number {
  const kind = (name: string) => (name.startsWith('card') ? 0 : 1);
  const number = (name: string) => Number(/\d+$/.exec(name)?.[0] ?? 0);
  return kind(a) - kind(b) || number(a) - number(b);
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function gidOf(path: string): number | undefined {
  try {
    return statSync(path).gid;
  } catch {
    return undefined;
  }
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}
