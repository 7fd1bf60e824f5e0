// The NVIDIA device request container-spec.ts builds, given to the real Docker engine: its API takes
// the request as it is (create, then inspect shows it unchanged), and an engine without NVIDIA's
// device driver refuses to START it, saying which driver is missing. That is why the spec asks for
// NVIDIA GPUs only when `docker info` lists the nvidia runtime (see gpu-access.ts).
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { h200Host } from '../test-support/gpu-hosts';
import { findRealEngine } from '../test-support/real-engine';
import { planGpuAccess } from './gpu-access';

const engine = await findRealEngine();

describe.skipIf(!engine.available)('the NVIDIA device request on a real engine', () => {
  it('is accepted by the API as built, and refused at start by an engine without the NVIDIA driver', async () => {
    const docker = new Docker({ socketPath: engine.endpoint });
    const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
    const plan = planGpuAccess({ gpuAccess: 'shared' }, h200Host(true));
    expect(plan.deviceRequests).toHaveLength(1);
    const image = (await docker.listImages({ filters: { reference: ['dillinger-runner:local', 'debian:bookworm-slim'] } }))[0]?.RepoTags?.[0];
    expect(image, 'a local image to create the probe container from').toBeDefined();
    const container = await docker.createContainer({
      Image: image, Entrypoint: ['true'], Cmd: [], Labels: { 'dillinger.probe': 'gpu-request' },
      HostConfig: { NetworkMode: 'none', Devices: plan.devices, DeviceRequests: plan.deviceRequests },
    });
    try {
      const inspected = await container.inspect();
      expect(inspected.HostConfig.DeviceRequests).toEqual([{ ...plan.deviceRequests[0], DeviceIDs: null, Options: null }]);
      if (!Object.hasOwn(info.Runtimes ?? {}, 'nvidia')) {
        await expect(container.start()).rejects.toThrow(/could not select device driver "nvidia" with capabilities: \[\[gpu graphics display utility\]\]/);
      }
    } finally {
      await container.remove({ force: true });
    }
  }, 60_000);
});
