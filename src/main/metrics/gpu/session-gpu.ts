// Puts the GPU readings together: per container (= per session) gpuUsage / gpuMemoryUsed, and one
// line per host GPU for the header strip. Pure: every reading is handed in, nothing is read here.
// A container with no GPU process gets no GPU fields at all (absent, not zero); so does every
// container on a host without a GPU.
import type { ResourceUsage } from '../../../shared/model/entities';
import type { GpuFact } from '../../../shared/validation/host-facts';
import { drmBusyPercent, drmMemoryBytes, type DrmClient, type DrmSnapshot } from './drm-fdinfo';
import type { DrmCardBusy } from './drm-sysfs';
import type { NvidiaGpuSample } from './nvidia-query';
import type { PmonRow } from './nvidia-pmon';

export type SessionGpuUsage = Pick<ResourceUsage, 'gpuUsage' | 'gpuMemoryUsed'>;

const MIB = 1024 * 1024;

export interface GpuAttributionInput {
  /** Host PID → container id (see process-cgroup.ts); undefined for processes not in a container. */
  containerOf(pid: number): string | undefined;
  /** The NVIDIA query loop's latest samples and pmon's process rows. */
  nvidia?: { samples: ReadonlyMap<number, NvidiaGpuSample>; processes: readonly PmonRow[] };
  /** Two fdinfo readings of the same processes, some time apart. */
  drm?: { previous: DrmSnapshot; current: DrmSnapshot };
}

/** GPU use per container id; containers without a GPU process are not in the map. */
export function attributeGpuUsage(input: GpuAttributionInput): Map<string, SessionGpuUsage> {
  const nvidia = attributeNvidia(input);
  const drm = attributeDrm(input);
  const result = new Map<string, SessionGpuUsage>();
  for (const containerId of new Set([...nvidia.keys(), ...drm.keys()])) {
    const a = nvidia.get(containerId) ?? {};
    const b = drm.get(containerId) ?? {};
    const usage: SessionGpuUsage = {};
    const busy = maxDefined(a.gpuUsage, b.gpuUsage);
    const memory = sumDefined(a.gpuMemoryUsed, b.gpuMemoryUsed);
    if (busy !== undefined) usage.gpuUsage = busy;
    if (memory !== undefined) usage.gpuMemoryUsed = memory;
    if (Object.keys(usage).length > 0) result.set(containerId, usage);
  }
  return result;
}

/**
 * NVIDIA: a container's sm % summed over its processes on each GPU (clamped to 100), the busiest
 * GPU when it uses several; memory is the sum of its processes' frame buffers. Rows for GPUs the
 * query loop does not report (no NVIDIA GPU, or it stopped) count for nothing.
 */
function attributeNvidia({ containerOf, nvidia }: GpuAttributionInput): Map<string, SessionGpuUsage> {
  const perContainer = new Map<string, { smByGpu: Map<number, number>; fbMiB?: number }>();
  for (const row of nvidia?.processes ?? []) {
    if (!nvidia?.samples.has(row.gpuIndex)) continue;
    const containerId = containerOf(row.pid);
    if (containerId === undefined) continue;
    let entry = perContainer.get(containerId);
    if (!entry) perContainer.set(containerId, (entry = { smByGpu: new Map() }));
    if (row.smPercent !== undefined) entry.smByGpu.set(row.gpuIndex, (entry.smByGpu.get(row.gpuIndex) ?? 0) + row.smPercent);
    if (row.fbMiB !== undefined) entry.fbMiB = (entry.fbMiB ?? 0) + row.fbMiB;
  }
  const result = new Map<string, SessionGpuUsage>();
  for (const [containerId, { smByGpu, fbMiB }] of perContainer) {
    const usage: SessionGpuUsage = {};
    // pmon's '-' means no sample for the process: unknown, so absent rather than a made-up 0.
    if (smByGpu.size > 0) usage.gpuUsage = Math.min(100, Math.max(...smByGpu.values()));
    if (fbMiB !== undefined) usage.gpuMemoryUsed = fbMiB * MIB;
    result.set(containerId, usage);
  }
  return result;
}

/** AMD / Intel: the fdinfo engine-time deltas of all of a container's DRM clients, and their memory. */
function attributeDrm({ containerOf, drm }: GpuAttributionInput): Map<string, SessionGpuUsage> {
  const result = new Map<string, SessionGpuUsage>();
  if (!drm) return result;
  const group = (snapshot: DrmSnapshot): Map<string, DrmClient[]> => {
    const byContainer = new Map<string, DrmClient[]>();
    for (const [pid, clients] of snapshot.clients) {
      const containerId = containerOf(pid);
      if (containerId !== undefined) byContainer.set(containerId, [...(byContainer.get(containerId) ?? []), ...clients]);
    }
    return byContainer;
  };
  const before = group(drm.previous);
  const wallNs = (drm.current.atMs - drm.previous.atMs) * 1e6;
  for (const [containerId, clients] of group(drm.current)) {
    const usage: SessionGpuUsage = {};
    const busy = drmBusyPercent(before.get(containerId) ?? [], clients, wallNs);
    const memory = drmMemoryBytes(clients);
    if (busy !== undefined) usage.gpuUsage = busy;
    if (memory !== undefined) usage.gpuMemoryUsed = memory;
    result.set(containerId, usage);
  }
  return result;
}

export interface HostGpuSummary {
  vendor: GpuFact['vendor'];
  name: string;
  /** NVIDIA GPU index, for NVIDIA GPUs. */
  index?: number;
  /** DRM render node (/dev/dri/renderD128) or card, for the others. */
  node?: string;
  utilizationPercent: number;
  memoryUsedBytes?: number;
  memoryTotalBytes?: number;
}

export interface HostGpuInput {
  /** The GPU inventory taken once at start (host/gpus.ts), for names. */
  inventory: readonly GpuFact[];
  nvidia?: ReadonlyMap<number, NvidiaGpuSample>;
  drmCards?: readonly DrmCardBusy[];
}

/** One entry per GPU that has a current reading; empty on a host without a GPU. */
export function summarizeHostGpus({ inventory, nvidia, drmCards }: HostGpuInput): HostGpuSummary[] {
  const summary: HostGpuSummary[] = [];
  for (const sample of [...(nvidia?.values() ?? [])].sort((a, b) => a.index - b.index)) {
    const fact = inventory.find((gpu) => gpu.vendor === 'nvidia' && gpu.ids[0] === String(sample.index));
    const entry: HostGpuSummary = {
      vendor: 'nvidia',
      name: fact?.name ?? `NVIDIA GPU ${sample.index}`,
      index: sample.index,
      utilizationPercent: sample.utilizationPercent,
    };
    if (sample.memoryUsedBytes !== undefined) entry.memoryUsedBytes = sample.memoryUsedBytes;
    if (sample.memoryTotalBytes !== undefined) entry.memoryTotalBytes = sample.memoryTotalBytes;
    summary.push(entry);
  }
  for (const card of drmCards ?? []) {
    const renderNode = card.renderNode;
    const fact = renderNode ? inventory.find((gpu) => gpu.ids.some((id) => id.endsWith(`/${renderNode}`))) : undefined;
    if (fact?.vendor === 'nvidia') continue; // already listed from nvidia-smi
    const entry: HostGpuSummary = {
      vendor: fact?.vendor ?? 'amd', // only amdgpu writes gpu_busy_percent
      name: fact?.name ?? `GPU ${card.card}`,
      node: fact?.ids.find((id) => id.endsWith(`/${renderNode}`)) ?? card.card,
      utilizationPercent: card.busyPercent,
    };
    if (card.vramUsedBytes !== undefined) entry.memoryUsedBytes = card.vramUsedBytes;
    if (card.vramTotalBytes !== undefined) entry.memoryTotalBytes = card.vramTotalBytes;
    summary.push(entry);
  }
  return summary;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function sumDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}
