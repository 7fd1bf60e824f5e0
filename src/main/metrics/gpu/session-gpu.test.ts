import { describe, expect, it } from 'vitest';
import { ResourceUsage } from '../../../shared/model/entities';
import { parseNvidiaGpuList } from '../../host/gpus';
import { useTempDirs } from '../../test-support/temp-dir';
import { readDrmSnapshot } from './drm-fdinfo';
import { amdgpuFdinfo, i915Fdinfo, writeProcess } from '../../test-support/drm-test-trees';
import { recordedSection } from '../../test-support/fixture-sections';
import { parseNvidiaQueryOutput, type NvidiaGpuSample } from './nvidia-query';
import { parsePmon } from './nvidia-pmon';
import { containerIdFromCgroup, containerIdsOfPids } from './process-cgroup';
import { attributeGpuUsage, summarizeHostGpus } from './session-gpu';

// NVIDIA inputs are the real outputs recorded on an NVIDIA H200 (fixtures/busy.txt, idle.txt),
// because no GPU runs here; DRM inputs are synthetic /proc trees (see test-support/drm-test-trees.ts).
const MIB = 1024 * 1024;
const GAME = 'a'.repeat(64);
const OTHER_GAME = 'b'.repeat(64);
const tempDir = useTempDirs();

function latestPerGpu(samples: NvidiaGpuSample[]): Map<number, NvidiaGpuSample> {
  return new Map(samples.map((sample) => [sample.index, sample]));
}

const recordedSamples = latestPerGpu(parseNvidiaQueryOutput(recordedSection('busy.txt', 'query-gpu util loop')));
const recordedProcesses = parsePmon(recordedSection('busy.txt', 'pmon -c 3 -s um'));

describe('attributeGpuUsage on the recorded H200 outputs', () => {
  it("gives pid 422's container its sm % and frame buffer, and another container nothing", () => {
    // The recorded load ran outside Docker (its cgroup is 0::/process_api/…), hence a fake mapping.
    expect(containerIdFromCgroup(recordedSection('busy.txt', 'cgroup of load'))).toBeUndefined();
    const containerOf = (pid: number): string | undefined => ({ 422: GAME, 77: OTHER_GAME })[pid];
    const usage = attributeGpuUsage({ containerOf, nvidia: { samples: recordedSamples, processes: recordedProcesses } });
    expect(usage).toEqual(new Map([[GAME, { gpuUsage: 80, gpuMemoryUsed: 1002 * MIB }]]));
    expect(usage.has(OTHER_GAME)).toBe(false); // absent, not zero
    const sample = { cpuPercent: 1, memoryUsed: 1, memoryPercent: 1, timestamp: new Date(0).toISOString() };
    expect(ResourceUsage.parse({ ...sample, ...usage.get(GAME) })).toMatchObject({ gpuUsage: 80, gpuMemoryUsed: 1002 * MIB });
    expect(ResourceUsage.parse({ ...sample, ...usage.get(OTHER_GAME) })).not.toHaveProperty('gpuUsage');
  });

  it('sums a container\'s processes per GPU (clamped to 100) and takes the busiest GPU', () => {
    const samples = new Map([...recordedSamples, [1, { index: 1, utilizationPercent: 10 }]]);
    const processes = [
      { gpuIndex: 0, pid: 10, type: 'G' as const, smPercent: 70, fbMiB: 500 },
      { gpuIndex: 0, pid: 11, type: 'C' as const, smPercent: 50, fbMiB: 100 },
      { gpuIndex: 1, pid: 12, type: 'G' as const, smPercent: 20, fbMiB: 10 },
      { gpuIndex: 1, pid: 20, type: 'G' as const, fbMiB: 64 }, // pmon printed '-' for sm
    ];
    const containerOf = (pid: number): string => (pid < 20 ? GAME : OTHER_GAME);
    expect(attributeGpuUsage({ containerOf, nvidia: { samples, processes } })).toEqual(
      new Map([
        [GAME, { gpuUsage: 100, gpuMemoryUsed: 610 * MIB }],
        [OTHER_GAME, { gpuMemoryUsed: 64 * MIB }],
      ]),
    );
  });

  it('gives nothing on a host without a GPU, or before the query loop has a sample', () => {
    const containerOf = (): string => GAME;
    expect(attributeGpuUsage({ containerOf })).toEqual(new Map());
    expect(attributeGpuUsage({ containerOf, nvidia: { samples: new Map(), processes: recordedProcesses } })).toEqual(new Map());
    // pmon's first recorded sample, taken before the load started, names no process: nothing to attribute.
    const beforeLoad = parsePmon(recordedSection('busy.txt', 'pmon -c 3 -s um').split('\n').slice(0, 3).join('\n'));
    expect(attributeGpuUsage({ containerOf, nvidia: { samples: recordedSamples, processes: beforeLoad } })).toEqual(new Map());
  });
});

describe('attributeGpuUsage on DRM fdinfo (synthetic /proc: no AMD or Intel GPU here)', () => {
  it('attributes the engine-time deltas and memory of every process in a container to it', async () => {
    const proc = tempDir();
    const write = (gfx: number, render: number): void => {
      writeProcess(proc, 100, [{ fd: 5, target: '/dev/dri/renderD128', fdinfo: amdgpuFdinfo(17, { gfx }) }], `0::/system.slice/docker-${GAME}.scope\n`);
      writeProcess(proc, 101, [{ fd: 9, target: '/dev/dri/renderD128', fdinfo: amdgpuFdinfo(18, { gfx: gfx / 2 }, 1024) }], `0::/system.slice/docker-${GAME}.scope\n`);
      writeProcess(proc, 200, [{ fd: 4, target: '/dev/dri/renderD129', fdinfo: i915Fdinfo(3, { render }) }], `12:memory:/docker/${OTHER_GAME}\n`);
      writeProcess(proc, 300, [], '0::/user.slice/user-1000.slice/session-2.scope\n'); // the desktop, no GPU fd
    };
    let clock = 0;
    write(0, 0);
    const previous = await readDrmSnapshot([100, 101, 200, 300], proc, () => clock);
    clock = 1000;
    write(0.4e9, 0.1e9);
    const current = await readDrmSnapshot([100, 101, 200, 300], proc, () => clock);
    const containers = await containerIdsOfPids([100, 101, 200, 300], proc);
    const usage = attributeGpuUsage({ containerOf: (pid) => containers.get(pid), drm: { previous, current } });
    expect(usage.get(GAME)?.gpuUsage).toBeCloseTo(60); // 0.4 s + 0.2 s of gfx in 1 s
    expect(usage.get(GAME)?.gpuMemoryUsed).toBe((262144 + 1024) * 1024);
    expect(usage.get(OTHER_GAME)?.gpuUsage).toBeCloseTo(10);
    expect(usage.size).toBe(2);
  });

  it('has memory but no busy % for a container first seen in this reading', async () => {
    const proc = tempDir();
    writeProcess(proc, 100, [{ fd: 5, target: '/dev/dri/renderD128', fdinfo: amdgpuFdinfo(17, { gfx: 5 }) }]);
    const current = await readDrmSnapshot([100], proc, () => 1000);
    const usage = attributeGpuUsage({ containerOf: () => GAME, drm: { previous: { atMs: 0, clients: new Map() }, current } });
    expect(usage).toEqual(new Map([[GAME, { gpuMemoryUsed: 262144 * 1024 }]]));
  });
});

describe('summarizeHostGpus', () => {
  it('names the recorded H200 from the inventory and shows its latest loop sample', () => {
    const inventory = parseNvidiaGpuList(recordedSection('idle.txt', 'query-gpu index,uuid'));
    expect(summarizeHostGpus({ inventory, nvidia: recordedSamples })).toEqual([
      { vendor: 'nvidia', name: 'NVIDIA H200', index: 0, utilizationPercent: 98, memoryUsedBytes: 1011 * MIB, memoryTotalBytes: 143771 * MIB },
    ]);
  });

  it('adds amdgpu cards by their render node, and is empty on a host without a GPU', () => {
    const inventory = [{ ids: ['/dev/dri/renderD129'], vendor: 'amd' as const, name: 'AMD render node renderD129' }];
    const drmCards = [
      { card: 'card1', renderNode: 'renderD129', busyPercent: 37, vramUsedBytes: 512 * MIB, vramTotalBytes: 8192 * MIB },
      { card: 'card2', busyPercent: 5 },
    ];
    expect(summarizeHostGpus({ inventory, drmCards })).toEqual([
      { vendor: 'amd', name: 'AMD render node renderD129', node: '/dev/dri/renderD129', utilizationPercent: 37, memoryUsedBytes: 512 * MIB, memoryTotalBytes: 8192 * MIB },
      { vendor: 'amd', name: 'GPU card2', node: 'card2', utilizationPercent: 5 },
    ]);
    expect(summarizeHostGpus({ inventory: [], nvidia: new Map(), drmCards: [] })).toEqual([]);
  });
});
