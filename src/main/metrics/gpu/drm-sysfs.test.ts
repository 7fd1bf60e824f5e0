import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir';
import { readGpuBusyPercent } from './drm-fdinfo';

// No AMD GPU runs here: a synthetic /sys/class/drm laid out as sysfs has it (cardN/device is a
// link to the PCI device, which lists its DRM nodes under drm/).
const tempDir = useTempDirs();

function pciDevice(root: string, slot: string, files: Record<string, string>, nodes: string[]): string {
  const device = join(root, 'devices', 'pci0000:00', slot);
  mkdirSync(join(device, 'drm'), { recursive: true });
  for (const node of nodes) mkdirSync(join(device, 'drm', node));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(device, name), text);
  return device;
}

describe('readGpuBusyPercent', () => {
  it('reads gpu_busy_percent and VRAM of amdgpu cards, skipping connectors and cards without the file', async () => {
    const root = tempDir();
    const sysDrm = join(root, 'class', 'drm');
    mkdirSync(sysDrm, { recursive: true });
    const amd = pciDevice(root, '0000:03:00.0', { gpu_busy_percent: '37\n', mem_info_vram_used: '536870912\n', mem_info_vram_total: '8589934592\n' }, ['card1', 'renderD129']);
    const intel = pciDevice(root, '0000:00:02.0', { vendor: '0x8086\n' }, ['card0', 'renderD128']);
    for (const [card, device] of [['card1', amd], ['card0', intel]] as const) {
      mkdirSync(join(sysDrm, card));
      symlinkSync(device, join(sysDrm, card, 'device'));
    }
    mkdirSync(join(sysDrm, 'card1-DP-1'));
    writeFileSync(join(sysDrm, 'version'), 'drm 1.1.0 20060810\n');
    expect(await readGpuBusyPercent(sysDrm)).toEqual([
      { card: 'card1', renderNode: 'renderD129', pdev: '0000:03:00.0', busyPercent: 37, vramUsedBytes: 536870912, vramTotalBytes: 8589934592 },
    ]);
  });

  it('finds nothing without sysfs DRM (no GPU), or when the device is asleep', async () => {
    const root = tempDir();
    expect(await readGpuBusyPercent(join(root, 'missing'))).toEqual([]);
    mkdirSync(join(root, 'card0', 'device'), { recursive: true });
    writeFileSync(join(root, 'card0', 'device', 'gpu_busy_percent'), '');
    expect(await readGpuBusyPercent(root)).toEqual([]);
  });
});
