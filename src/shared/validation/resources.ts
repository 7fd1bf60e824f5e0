import { formatBytes, parseDockerSize } from '../model/sizes';
import type { HostFacts } from './host-facts';
import type { Problem } from './problems';

const AT = 'launchConfig.resources';

/** Host-dependent rules for ResourceLimits. Tolerates a partly malformed input: shape is checked elsewhere. */
export function resourceProblems(resources: unknown, facts: HostFacts): Problem[] {
  if (typeof resources !== 'object' || resources === null) return [];
  const r = resources as Record<string, unknown>;
  const problems: Problem[] = [];

  if (typeof r.cpuLimit === 'number' && r.cpuLimit > facts.cpuCount) {
    problems.push({
      path: `${AT}.cpuLimit`,
      message: `This computer has ${facts.cpuCount} CPU core${facts.cpuCount === 1 ? '' : 's'}: use at most ${facts.cpuCount}.`,
    });
  }
  for (const field of ['memoryLimit', 'diskLimit'] as const) {
    const text = r[field];
    const bytes = typeof text === 'string' ? parseDockerSize(text) : undefined;
    if (bytes !== undefined && bytes > facts.memoryBytes) {
      const what = field === 'memoryLimit' ? 'Memory' : 'Disk (kept in memory while the game runs)';
      problems.push({
        path: `${AT}.${field}`,
        message: `${what} limit ${text as string} is more than this computer's ${formatBytes(facts.memoryBytes)} of memory: use less.`,
      });
    }
  }

  const devices = r.gpuDevices;
  const access = r.gpuAccess;
  if (Array.isArray(devices) && devices.length > 0 && access !== 'dedicated') {
    problems.push({
      path: `${AT}.gpuDevices`,
      message: "GPU devices can only be chosen when GPU access is 'dedicated': switch to dedicated or clear the list.",
    });
  }
  if (access === 'dedicated') {
    if (!Array.isArray(devices) || devices.length === 0) {
      problems.push({
        path: `${AT}.gpuDevices`,
        message:
          facts.gpus.length === 0
            ? "This computer has no GPU to dedicate: choose GPU access 'none'."
            : 'Dedicated GPU access needs at least one device: pick one of this computer\'s GPUs.',
      });
    } else {
      const known = new Set(facts.gpus.flatMap((gpu) => gpu.ids));
      devices.forEach((id, index) => {
        if (typeof id === 'string' && !known.has(id)) {
          const offer = facts.gpus.length === 0 ? 'this computer has none' : `choose one of ${[...known].join(', ')}`;
          problems.push({ path: `${AT}.gpuDevices.${index}`, message: `There is no GPU "${id}" on this computer: ${offer}.` });
        } else if (typeof id === 'string' && facts.nvidiaRuntime === false && facts.gpus.some((gpu) => gpu.vendor === 'nvidia' && gpu.ids.includes(id))) {
          // Only the NVIDIA Container Toolkit can give a container an NVIDIA GPU's driver and nodes.
          problems.push({
            path: `${AT}.gpuDevices.${index}`,
            message: `NVIDIA GPU "${id}" cannot be given to a game: the Docker engine has no NVIDIA runtime. Install the NVIDIA Container Toolkit, run "sudo nvidia-ctk runtime configure --runtime=docker", restart Docker, then try again.`,
          });
        }
      });
    }
  }
  return problems;
}
