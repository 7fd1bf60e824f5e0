// The GPU sampler once the host's GPUs are known: the inventory is taken once (shared with the host
// facts), and the sampler starts when it is in, unless the core closed meanwhile. Until then, and
// on a host without a GPU, there is nothing to read.
import type { GpuFact } from '../../shared/validation/host-facts';
import { startGpuSampler, type GpuSampler } from './gpu-sampler';

export type GpuSampling = Pick<GpuSampler, 'usageFor' | 'hostGpus' | 'dispose'>;

export function gpuSamplingAfter(inventory: Promise<GpuFact[]>, onWarning: (message: string) => void): GpuSampling {
  let sampler: GpuSampler | undefined;
  let closed = false;
  const started = inventory.then((gpus) => {
    if (!closed) sampler = startGpuSampler({ inventory: gpus, onWarning });
  });
  return {
    usageFor: (containerId) => sampler?.usageFor(containerId) ?? {},
    hostGpus: () => sampler?.hostGpus() ?? [],
    async dispose() {
      closed = true;
      await started;
      await sampler?.dispose();
    },
  };
}
