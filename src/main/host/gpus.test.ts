import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { listDrmGpus, parseNvidiaGpuList } from './gpus';

const tempDir = useTempDirs();

describe('parseNvidiaGpuList', () => {
  it('reads index, UUID and name (UUID as recorded on an H200 in shared/fixtures)', () => {
    // The UUID is the real one from ../shared/fixtures/nvidia-smi-h200/query.xml; no GPU runs here.
    expect(parseNvidiaGpuList('0, GPU-5e9476e9-c5f5-7cab-99e2-9dc1767daaf6, NVIDIA H200\n')).toEqual([
      { ids: ['0', 'GPU-5e9476e9-c5f5-7cab-99e2-9dc1767daaf6'], vendor: 'nvidia', name: 'NVIDIA H200' },
    ]);
  });

  it('ignores errors and blank lines', () => {
    expect(parseNvidiaGpuList('NVIDIA-SMI has failed because it could not communicate with the driver\n\n')).toEqual([]);
  });
});

describe('listDrmGpus', () => {
  it('lists render nodes with their vendor from sysfs (synthetic tree: no GPU here)', () => {
    const root = tempDir();
    const dev = join(root, 'dev-dri');
    const sys = join(root, 'sys-drm');
    mkdirSync(dev);
    for (const node of ['card0', 'renderD128', 'renderD129']) writeFileSync(join(dev, node), '');
    mkdirSync(join(sys, 'renderD128', 'device'), { recursive: true });
    writeFileSync(join(sys, 'renderD128', 'device', 'vendor'), '0x8086\n');
    expect(listDrmGpus(dev, sys)).toEqual([
      { ids: [join(dev, 'renderD128')], vendor: 'intel', name: 'INTEL render node renderD128' },
      { ids: [join(dev, 'renderD129')], vendor: 'other', name: 'GPU render node renderD129' },
    ]);
  });

  it('finds none where there is no /dev/dri', () => {
    expect(listDrmGpus(join(tempDir(), 'missing'))).toEqual([]);
  });
});
