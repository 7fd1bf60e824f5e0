// What a session's container gets of the host's GPUs, as a PURE function of its ResourceLimits and the
// HostFacts (inventory from host/gpus.ts, the engine's NVIDIA runtime). container-spec.ts puts the
// result into the container; the session records `record` as gpuInfo.
//   none       no device node, no NVIDIA GPU, no extra group.
//   shared     every GPU's /dev/dri card and render nodes, with the groups that own them; on an engine
//              with the NVIDIA runtime, a device request for all NVIDIA GPUs.
//   dedicated  only the GPUs named in gpuDevices (validation checked the ids against the inventory):
//              their DRM nodes, and the NVIDIA ones by UUID through the device request.
import type Docker from 'dockerode';
import type { GpuAssignment, ResourceLimits } from '../../shared/model/entities';
import type { GpuFact, HostFacts } from '../../shared/validation/host-facts';

/**
 * What a game needs of the NVIDIA driver: `graphics` (OpenGL/Vulkan), `display` (X11/Wayland
 * presentation), `utility` (nvidia-smi/NVML, which launchers and DXVK query); `gpu` selects Docker's
 * NVIDIA device driver. No `compute` or `video`: a game does not need CUDA or the codec SDK.
 */
export const NVIDIA_CAPABILITIES = ['gpu', 'graphics', 'display', 'utility'] as const;

export interface GpuPlan {
  devices: Docker.DeviceMapping[];
  deviceRequests: Docker.DeviceRequest[];
  /** Set AFTER the user's environment, so none of it can be overridden from the launch settings. */
  env: Record<string, string>;
  record: GpuAssignment;
}

export function planGpuAccess(resources: Pick<ResourceLimits, 'gpuAccess' | 'gpuDevices'>, facts: Pick<HostFacts, 'gpus' | 'nvidiaRuntime'>): GpuPlan {
  const { gpuAccess } = resources;
  const chosen = new Set(resources.gpuDevices ?? []);
  const gpus =
    gpuAccess === 'none' ? [] : gpuAccess === 'shared' ? facts.gpus : facts.gpus.filter((gpu) => gpu.ids.some((id) => chosen.has(id)));

  const nodes = uniqueBy(gpus.flatMap(drmNodesOf), (node) => node.path);
  const groups = [...new Set(nodes.map((node) => node.gid).filter((gid): gid is number => gid !== undefined && gid > 0))].sort((a, b) => a - b);
  const devices = nodes.map((node) => ({ PathOnHost: node.path, PathInContainer: `/dev/dri/${node.path.split('/').pop() ?? ''}`, CgroupPermissions: 'rw' }));

  const nvidiaGpus = gpus.filter((gpu) => gpu.vendor === 'nvidia' && nvidiaIdOf(gpu) !== undefined);
  const giveNvidia = nvidiaGpus.length > 0 && facts.nvidiaRuntime === true;
  // Docker's NVIDIA device driver turns the request into NVIDIA_VISIBLE_DEVICES and
  // NVIDIA_DRIVER_CAPABILITIES in the container's environment and adds the toolkit's prestart hook
  // (moby daemon/nvidia_linux.go). We set the SAME two variables ourselves, in every mode, so that
  // neither an image's ENV (CUDA images say NVIDIA_VISIBLE_DEVICES=all) nor an engine whose default
  // runtime is `nvidia` (which reads that variable from any container) can give a game a GPU its
  // setting did not: `void` is the toolkit's "behave like plain runc, expose nothing".
  const nvidiaIds = !giveNvidia ? [] : gpuAccess === 'shared' ? ['all'] : nvidiaGpus.map((gpu) => nvidiaIdOf(gpu) as string);
  const deviceRequests: Docker.DeviceRequest[] = !giveNvidia
    ? []
    : [{
        Driver: 'nvidia',
        ...(gpuAccess === 'shared' ? { Count: -1 } : { DeviceIDs: nvidiaIds }),
        Capabilities: [[...NVIDIA_CAPABILITIES]],
      }];
  const env: Record<string, string> = {
    NVIDIA_VISIBLE_DEVICES: giveNvidia ? nvidiaIds.join(',') : 'void',
    ...(giveNvidia ? { NVIDIA_DRIVER_CAPABILITIES: NVIDIA_CAPABILITIES.filter((c) => c !== 'gpu').join(',') } : {}),
    // The entrypoint gives the game exactly these supplementary groups (empty: none at all).
    DILLINGER_GROUPS: groups.join(','),
  };

  const note = nvidiaGpus.length > 0 && !giveNvidia ? noteWithoutToolkit(facts.nvidiaRuntime, nvidiaGpus.length) : undefined;
  const record: GpuAssignment = {
    gpuAccess,
    devices: nodes.map((node) => node.path),
    ...(nvidiaIds.length > 0 ? { nvidia: nvidiaIds } : {}),
    ...(groups.length > 0 ? { groups } : {}),
    ...(note ? { note } : {}),
  };
  return { devices, deviceRequests, env, record };
}

/** The GPU's DRM nodes: the inventoried ones, or (older facts) its render-node ids. */
function drmNodesOf(gpu: GpuFact): Array<{ path: string; gid?: number }> {
  if (gpu.nodes && gpu.nodes.length > 0) return gpu.nodes;
  return gpu.ids.filter((id) => id.startsWith('/')).map((path) => ({ path }));
}

/** UUID first: it names the same card after a reboot or a card added; the index when no UUID is known. */
function nvidiaIdOf(gpu: GpuFact): string | undefined {
  return gpu.ids.find((id) => id.startsWith('GPU-')) ?? gpu.ids.find((id) => /^\d+$/.test(id));
}

function noteWithoutToolkit(runtime: boolean | undefined, count: number): string {
  const what = count === 1 ? 'The NVIDIA GPU was' : `The ${count} NVIDIA GPUs were`;
  return runtime === false
    ? `${what} not given to the game: the Docker engine has no NVIDIA runtime. Install the NVIDIA Container Toolkit, run "sudo nvidia-ctk runtime configure --runtime=docker" and restart Docker.`
    : `${what} not given to the game: the Docker engine did not say whether it has the NVIDIA runtime.`;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
