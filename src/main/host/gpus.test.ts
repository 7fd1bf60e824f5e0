import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFakeNvidiaSmi } from '../test-support/fake-nvidia-smi';
import { useTempDirs } from '../test-support/temp-dir';
import dockerInfoNvidia from './fixtures/docker-info-nvidia.json';
import dockerInfoRunc from './fixtures/docker-info-runc.json';
import {
  NVIDIA_INVENTORY_ARGS, engineHasNvidiaRuntime, inventoryGpus, listDrmGpus, mergeGpuLists, normalizePciBusId, nvidiaRuntimeProbe,
  parseNvidiaGpuList,
} from './gpus';
import { H200_INVENTORY_OUTPUT, H200_UUID, INTEL_IGPU, writeDrmTree } from '../test-support/gpu-hosts';

const tempDir = useTempDirs();
const gidOf = (path: string) => statSync(path).gid;

describe('parseNvidiaGpuList', () => {
  it('reads index, UUID, name, PCI address and memory from the H200 recording', () => {
    expect(parseNvidiaGpuList(H200_INVENTORY_OUTPUT)).toEqual([
      { ids: ['0', H200_UUID], vendor: 'nvidia', name: 'NVIDIA H200', pciBusId: '0000:00:06.0', memoryBytes: 143771 * 2 ** 20 },
    ]);
  });

  it('still reads the three-field form, and ignores errors and blank lines', () => {
    expect(parseNvidiaGpuList(`0, ${H200_UUID}, NVIDIA H200\n`)).toEqual([{ ids: ['0', H200_UUID], vendor: 'nvidia', name: 'NVIDIA H200' }]);
    expect(parseNvidiaGpuList('NVIDIA-SMI has failed because it could not communicate with the driver\n\n')).toEqual([]);
  });

  it('normalizes nvidia-smi and sysfs PCI addresses to one spelling', () => {
    expect(normalizePciBusId('00000000:00:06.0')).toBe('0000:00:06.0');
    expect(normalizePciBusId('0000:0A:00.1')).toBe('0000:0a:00.1');
    expect(normalizePciBusId('platform-vgem')).toBeUndefined();
  });
});

describe('listDrmGpus', () => {
  it('groups card and render nodes by device, with vendor, PCI address and each node\'s group (Intel iGPU tree)', () => {
    const { devDri, sysDrm } = writeDrmTree(tempDir(), [INTEL_IGPU]);
    expect(listDrmGpus(devDri, sysDrm)).toEqual([{
      ids: [join(devDri, 'renderD128')],
      vendor: 'intel',
      name: 'INTEL render node renderD128',
      pciBusId: '0000:00:02.0',
      nodes: [
        { path: join(devDri, 'card0'), gid: gidOf(join(devDri, 'card0')) },
        { path: join(devDri, 'renderD128'), gid: gidOf(join(devDri, 'renderD128')) },
      ],
    }]);
  });

  it('leaves out a device without a render node (a boot framebuffer) and names an unknown vendor plainly', () => {
    const root = tempDir();
    const { devDri, sysDrm } = writeDrmTree(root, [{ pciBusId: '0000:03:00.0', vendorId: '0x1af4', card: 1, render: 129 }]);
    writeFileSync(join(devDri, 'card0'), ''); // simpledrm: a card node, no render node, no PCI device
    mkdirSync(join(sysDrm, 'card0'));
    expect(listDrmGpus(devDri, sysDrm).map((gpu) => [gpu.name, gpu.nodes?.map((n) => n.path)])).toEqual([
      ['GPU render node renderD129', [join(devDri, 'card1'), join(devDri, 'renderD129')]],
    ]);
  });

  it('finds none where there is no /dev/dri (this build machine, and the recorded H200 VM)', () => {
    expect(listDrmGpus(join(tempDir(), 'missing'))).toEqual([]);
  });
});

describe('mergeGpuLists', () => {
  it('joins an NVIDIA GPU to its own DRM nodes by PCI address, not by order (laptop: Intel iGPU + NVIDIA dGPU)', () => {
    const { devDri, sysDrm } = writeDrmTree(tempDir(), [
      INTEL_IGPU,
      { pciBusId: '0000:01:00.0', vendorId: '0x10de', card: 1, render: 129 },
    ]);
    const nvidia = parseNvidiaGpuList('0, GPU-11111111-2222-3333-4444-555555555555, NVIDIA GeForce RTX 4070 Laptop GPU, 00000000:01:00.0, 8188\n');
    const gpus = mergeGpuLists(nvidia, listDrmGpus(devDri, sysDrm));
    expect(gpus.map((gpu) => [gpu.vendor, gpu.ids, gpu.nodes?.map((n) => n.path)])).toEqual([
      ['nvidia', ['0', 'GPU-11111111-2222-3333-4444-555555555555', join(devDri, 'renderD129')], [join(devDri, 'card1'), join(devDri, 'renderD129')]],
      ['intel', [join(devDri, 'renderD128')], [join(devDri, 'card0'), join(devDri, 'renderD128')]],
    ]);
  });

  it('keeps the NVIDIA index first: the metrics sampler finds the GPU by ids[0]', () => {
    expect(mergeGpuLists(parseNvidiaGpuList(H200_INVENTORY_OUTPUT), [])[0]?.ids).toEqual(['0', H200_UUID]);
  });
});

describe('inventoryGpus', () => {
  it('runs nvidia-smi with the recorded query and merges its answer with /dev/dri (H200 host: no /dev/dri)', async () => {
    const dir = tempDir();
    const nvidiaSmi = writeFakeNvidiaSmi(dir, `cat <<'EOF'\n${H200_INVENTORY_OUTPUT}\nEOF`);
    const gpus = await inventoryGpus({ devDri: join(dir, 'no-dri'), nvidiaSmi });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe(NVIDIA_INVENTORY_ARGS.join(' '));
    expect(gpus).toEqual([
      { ids: ['0', H200_UUID], vendor: 'nvidia', name: 'NVIDIA H200', pciBusId: '0000:00:06.0', memoryBytes: 143771 * 2 ** 20, nodes: [] },
    ]);
  });

  it('is empty on a host with neither /dev/dri nor nvidia-smi', async () => {
    expect(await inventoryGpus({ devDri: join(tempDir(), 'no-dri'), nvidiaSmi: join(tempDir(), 'no-such-nvidia-smi') })).toEqual([]);
  });
});

describe('the engine\'s NVIDIA runtime', () => {
  it('is read from docker info\'s Runtimes (recorded engine without it; the same with the toolkit\'s entry)', () => {
    expect(engineHasNvidiaRuntime(dockerInfoRunc)).toBe(false);
    expect(engineHasNvidiaRuntime(dockerInfoNvidia)).toBe(true);
    expect(engineHasNvidiaRuntime({})).toBe(false);
  });

  it('asks the engine once per ttl, and again after an engine that did not answer', async () => {
    let calls = 0;
    let up = false;
    const docker = { info: () => (calls++, up ? Promise.resolve(dockerInfoNvidia) : Promise.reject(new Error('connect ENOENT'))) };
    const probe = nvidiaRuntimeProbe(docker as never, 60_000);
    expect(await probe()).toBeUndefined();
    await Promise.resolve();
    up = true;
    expect(await probe()).toBe(true);
    expect(await probe()).toBe(true);
    expect(calls).toBe(2);
  });

  it('answers "unknown" when the engine hangs, instead of hanging the launch form with it', async () => {
    let calls = 0;
    const hung = { info: () => ((calls += 1), new Promise(() => undefined)) };
    const probe = nvidiaRuntimeProbe(hung as never, 60_000, 50);
    expect(await probe()).toBeUndefined();
    expect(await probe()).toBeUndefined();
    expect(calls).toBe(2); // an engine that did not answer is asked again, never cached as "no"
  });
});
