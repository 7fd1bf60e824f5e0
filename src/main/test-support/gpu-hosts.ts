// Test support: the GPU side of three kinds of host, as host/gpus.ts inventories them. No GPU runs
// on our build machines, so each is built from what CAN be had here:
// - no GPU: this build machine itself (no /dev/dri, no nvidia-smi, an engine without NVIDIA runtime);
// - one Intel iGPU: a synthetic /dev/dri + /sys/class/drm tree laid out as the kernel does it;
// - one NVIDIA H200: nvidia-smi's real recorded answer (metrics/gpu/fixtures/idle.txt) and that
//   machine's recorded /dev listing (no /dev/dri there), with or without the NVIDIA runtime in
//   `docker info` (./fixtures).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostFacts } from '../../shared/validation/host-facts';
import { recordedSection } from './fixture-sections';
import dockerInfoNvidia from '../host/fixtures/docker-info-nvidia.json';
import dockerInfoRunc from '../host/fixtures/docker-info-runc.json';
import { engineHasNvidiaRuntime, mergeGpuLists, parseNvidiaGpuList } from '../host/gpus';

export type GpuHost = Pick<HostFacts, 'gpus' | 'nvidiaRuntime'>;

/** The recorded answer of `nvidia-smi NVIDIA_INVENTORY_ARGS` on the lent H200 machine. */
export const H200_INVENTORY_OUTPUT = recordedSection('idle.txt', 'query-gpu index,uuid');
export const H200_UUID = 'GPU-5e9476e9-c5f5-7cab-99e2-9dc1767daaf6';

export const NO_GPU_HOST: GpuHost = { gpus: [], nvidiaRuntime: engineHasNvidiaRuntime(dockerInfoRunc) };

/** The H200 machine had no /dev/dri (recorded), so its one GPU has NVIDIA ids only. */
export function h200Host(withToolkit: boolean): GpuHost {
  return {
    gpus: mergeGpuLists(parseNvidiaGpuList(H200_INVENTORY_OUTPUT), []),
    nvidiaRuntime: engineHasNvidiaRuntime(withToolkit ? dockerInfoNvidia : dockerInfoRunc),
  };
}

export interface DrmDevice {
  pciBusId: string;
  vendorId: string;
  card: number;
  render: number;
}

/**
 * Lays out /dev/dri and /sys/class/drm under `root` the way the kernel does: class entries whose
 * `device` links to the PCI device's folder, which holds `vendor`. Nodes are plain files here.
 */
export function writeDrmTree(root: string, devices: readonly DrmDevice[]): { devDri: string; sysDrm: string } {
  const devDri = join(root, 'dev', 'dri');
  const sysDrm = join(root, 'sys', 'class', 'drm');
  mkdirSync(devDri, { recursive: true });
  mkdirSync(sysDrm, { recursive: true });
  for (const device of devices) {
    const pciDir = join(root, 'sys', 'devices', 'pci0000:00', device.pciBusId);
    mkdirSync(pciDir, { recursive: true });
    writeFileSync(join(pciDir, 'vendor'), `${device.vendorId}\n`);
    for (const node of [`card${device.card}`, `renderD${device.render}`]) {
      writeFileSync(join(devDri, node), '');
      mkdirSync(join(sysDrm, node));
      symlinkSync(pciDir, join(sysDrm, node, 'device'));
    }
  }
  return { devDri, sysDrm };
}

export const INTEL_IGPU: DrmDevice = { pciBusId: '0000:00:02.0', vendorId: '0x8086', card: 0, render: 128 };

/**
 * One Intel iGPU as the inventory reports it on a Debian desktop: card0 owned by group video (44),
 * renderD128 by group render (105 there).
 */
export const INTEL_HOST: GpuHost = {
  gpus: [{
    ids: ['/dev/dri/renderD128'],
    vendor: 'intel',
    name: 'INTEL render node renderD128',
    pciBusId: '0000:00:02.0',
    nodes: [{ path: '/dev/dri/card0', gid: 44 }, { path: '/dev/dri/renderD128', gid: 105 }],
  }],
  nvidiaRuntime: engineHasNvidiaRuntime(dockerInfoRunc),
};
