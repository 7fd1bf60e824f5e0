// The GPUs a game may be given, with every id a user may write in gpuDevices. Inventoried once
// per app start: nvidia-smi is slow, and GPUs do not come and go while we run.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { GpuFact } from '../../shared/validation/host-facts';

const run = promisify(execFile);
const VENDORS: Record<string, GpuFact['vendor']> = { '0x10de': 'nvidia', '0x1002': 'amd', '0x8086': 'intel' };

/** DRM render nodes (/dev/dri/renderD128, ...) with their vendor from sysfs. */
export function listDrmGpus(devDri = '/dev/dri', sysDrm = '/sys/class/drm'): GpuFact[] {
  let nodes: string[];
  try {
    nodes = readdirSync(devDri).filter((name) => /^renderD\d+$/.test(name)).sort();
  } catch {
    return [];
  }
  return nodes.map((node) => {
    const vendorId = readTrimmed(`${sysDrm}/${node}/device/vendor`);
    const vendor = (vendorId && VENDORS[vendorId]) || 'other';
    return { ids: [`${devDri}/${node}`], vendor, name: `${vendor === 'other' ? 'GPU' : vendor.toUpperCase()} render node ${node}` };
  });
}

/** Parses `nvidia-smi --query-gpu=index,uuid,name --format=csv,noheader`. */
export function parseNvidiaGpuList(text: string): GpuFact[] {
  return text
    .split('\n')
    .map((line) => line.split(',').map((field) => field.trim()))
    .filter((fields): fields is [string, string, string] => fields.length >= 3 && /^\d+$/.test(fields[0] ?? '') && /^GPU-/.test(fields[1] ?? ''))
    .map(([index, uuid, name]) => ({ ids: [index, uuid], vendor: 'nvidia' as const, name }));
}

export async function listNvidiaGpus(): Promise<GpuFact[]> {
  try {
    const { stdout } = await run('nvidia-smi', ['--query-gpu=index,uuid,name', '--format=csv,noheader'], { timeout: 5000 });
    return parseNvidiaGpuList(stdout);
  } catch {
    return []; // no NVIDIA driver: not an error, the host simply has no NVIDIA GPU for us
  }
}

export async function inventoryGpus(): Promise<GpuFact[]> {
  const drm = listDrmGpus();
  const nvidia = await listNvidiaGpus();
  // An NVIDIA card also has a render node; keep it once, under its NVIDIA ids plus the node.
  const drmNvidia = drm.filter((gpu) => gpu.vendor === 'nvidia');
  nvidia.forEach((gpu, index) => {
    const node = drmNvidia[index];
    if (node) gpu.ids.push(...node.ids);
  });
  return [...nvidia, ...drm.filter((gpu) => gpu.vendor !== 'nvidia' || nvidia.length === 0)];
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}
