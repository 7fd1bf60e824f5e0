import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GpuFact } from '../../shared/validation/host-facts';
import { parseNvidiaGpuList } from '../host/gpus';
import { useTempDirs } from '../test-support/temp-dir';
import { amdgpuFdinfo, i915Fdinfo, writeProcess } from '../test-support/drm-test-trees';
import { recordedSection } from '../test-support/fixture-sections';
import { startGpuSampler, type GpuSampler } from './gpu-sampler';
import { isRunning, printLines, writeFakeNvidiaSmi } from '../test-support/fake-nvidia-smi';

// No GPU exists on this machine. The NVIDIA outputs below were recorded on an NVIDIA H200
// (gpu/fixtures/busy.txt, idle.txt) and are replayed by a stand-in nvidia-smi script; the /proc and
// /sys trees (cgroups, DRM fdinfo, amdgpu sysfs) are synthetic.
const MIB = 1024 * 1024;
const GAME = 'a'.repeat(64);
const OTHER_GAME = 'b'.repeat(64);
const EVENTUALLY = { timeout: 10_000, interval: 20 };
const tempDir = useTempDirs();
const samplers: GpuSampler[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(samplers.splice(0).map((sampler) => sampler.dispose()));
});

function track(sampler: GpuSampler): GpuSampler {
  samplers.push(sampler);
  return sampler;
}

/** A stand-in nvidia-smi: replays the recorded H200 pmon rows for `pmon`, the recorded query loop otherwise. */
function fakeNvidiaSmi(): { path: string; dir: string } {
  const dir = tempDir();
  const pmon = recordedSection('busy.txt', 'pmon -c 3 -s um').split('\n').filter((line) => line.trim());
  // pmon's header once, then its last recorded row (pid 422 with values) for as long as it runs.
  const pmonHeader = pmon.filter((line) => line.startsWith('#'));
  const pmonRow = pmon[pmon.length - 1] ?? '';
  const queryLines = recordedSection('busy.txt', 'query-gpu util loop').split('\n').filter(Boolean);
  const path = writeFakeNvidiaSmi(
    dir,
    `if [ "$1" = pmon ]; then\n${printLines(pmonHeader)}\nwhile true; do\n${printLines([pmonRow])}\ndone\n` +
      `else\nwhile true; do\n${printLines(queryLines)}\ndone\nfi`,
  );
  return { path, dir };
}

describe('startGpuSampler on a host without a GPU', () => {
  it('starts no child and no timer, and answers with absent fields', async () => {
    vi.useFakeTimers();
    const fake = fakeNvidiaSmi();
    const onWarning = vi.fn();
    const sampler = track(startGpuSampler({ inventory: [], commands: { nvidiaSmi: fake.path }, onWarning }));
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    await sampler.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(join(fake.dir, 'pids'))).toBe(false); // nvidia-smi never ran
    expect(sampler.usageFor(GAME)).toEqual({});
    expect(sampler.usageFor(GAME)).not.toHaveProperty('gpuUsage');
    expect(sampler.hostGpus()).toEqual([]);
    expect(onWarning).not.toHaveBeenCalled();
    await sampler.dispose();
  });
});

describe('startGpuSampler with an NVIDIA GPU (recorded H200 output, replayed)', () => {
  const inventory = parseNvidiaGpuList(recordedSection('idle.txt', 'query-gpu index,uuid'));

  it("gives pid 422's container its sm % and frame buffer, another container nothing, and the H200's utilisation", async () => {
    const fake = fakeNvidiaSmi();
    const proc = tempDir();
    mkdirSync(join(proc, '422'));
    writeFileSync(join(proc, '422', 'cgroup'), `0::/system.slice/docker-${GAME}.scope\n`);
    const onWarning = vi.fn();
    const sampler = track(startGpuSampler({ inventory, intervalMs: 100, procRoot: proc, commands: { nvidiaSmi: fake.path }, onWarning }));

    await vi.waitFor(() => expect(sampler.usageFor(GAME)).toEqual({ gpuUsage: 80, gpuMemoryUsed: 1002 * MIB }), EVENTUALLY);
    expect(sampler.usageFor(GAME.slice(0, 12))).toEqual({ gpuUsage: 80, gpuMemoryUsed: 1002 * MIB }); // a short id works too
    expect(sampler.usageFor(OTHER_GAME)).toEqual({});
    const [h200, ...others] = sampler.hostGpus();
    expect(others).toEqual([]);
    expect(h200).toMatchObject({ vendor: 'nvidia', name: 'NVIDIA H200', index: 0, memoryUsedBytes: 1011 * MIB, memoryTotalBytes: 143771 * MIB });
    expect([98, 97, 93]).toContain(h200?.utilizationPercent);

    const pids = readFileSync(join(fake.dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    expect(pids).toHaveLength(2); // ONE query loop and ONE pmon, long-running: not one per sample
    await sampler.dispose();
    expect(pids.filter(isRunning)).toEqual([]);
    expect(sampler.usageFor(GAME)).toEqual({});
    expect(sampler.hostGpus()).toEqual([]);
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('warns once and answers with absent fields when nvidia-smi cannot be run', async () => {
    const onWarning = vi.fn();
    const sampler = track(startGpuSampler({ inventory, intervalMs: 100, procRoot: tempDir(), commands: { nvidiaSmi: join(tempDir(), 'nvidia-smi') }, onWarning }));
    await vi.waitFor(() => expect(onWarning).toHaveBeenCalled(), EVENTUALLY);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onWarning).toHaveBeenCalledTimes(1); // both loops gave up; one message
    expect(onWarning.mock.calls[0]?.[0]).toMatch(/NVIDIA.*ENOENT/);
    expect(sampler.usageFor(GAME)).toEqual({});
    expect(sampler.hostGpus()).toEqual([]);
  });
});

describe('startGpuSampler with AMD / Intel GPUs (synthetic /proc and /sys)', () => {
  const inventory: GpuFact[] = [
    { ids: ['/dev/dri/renderD128'], vendor: 'intel', name: 'INTEL render node renderD128' },
    { ids: ['/dev/dri/renderD129'], vendor: 'amd', name: 'AMD render node renderD129' },
  ];

  /** /sys/class/drm/card1 → an amdgpu PCI device at 37 % with 512 MiB of 8 GiB VRAM in use. */
  function sysDrmTree(): string {
    const root = tempDir();
    const device = join(root, 'devices', 'pci0000:00', '0000:03:00.0');
    mkdirSync(join(device, 'drm', 'renderD129'), { recursive: true });
    writeFileSync(join(device, 'gpu_busy_percent'), '37\n');
    writeFileSync(join(device, 'mem_info_vram_used'), `${512 * MIB}\n`);
    writeFileSync(join(device, 'mem_info_vram_total'), `${8192 * MIB}\n`);
    mkdirSync(join(root, 'class', 'drm', 'card1'), { recursive: true });
    symlinkSync(device, join(root, 'class', 'drm', 'card1', 'device'));
    return join(root, 'class', 'drm');
  }

  function writeProc(proc: string, gfx: number, render: number): void {
    writeProcess(proc, 100, [{ fd: 5, target: '/dev/dri/renderD129', fdinfo: amdgpuFdinfo(17, { gfx }) }], `0::/system.slice/docker-${GAME}.scope\n`);
    writeProcess(proc, 101, [{ fd: 9, target: '/dev/dri/renderD129', fdinfo: amdgpuFdinfo(18, { gfx: gfx / 2 }, 1024) }], `0::/system.slice/docker-${GAME}.scope\n`);
    writeProcess(proc, 200, [{ fd: 4, target: '/dev/dri/renderD128', fdinfo: i915Fdinfo(3, { render }) }], `12:memory:/docker/${OTHER_GAME}\n`);
    writeProcess(proc, 300, [], '0::/user.slice/user-1000.slice/session-2.scope\n'); // the desktop
  }

  it('computes busy % from two fdinfo readings of the containers asked about, found by scanning /proc', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const proc = tempDir();
    let clock = 0;
    const sampler = track(startGpuSampler({ inventory, procRoot: proc, sysDrmRoot: sysDrmTree(), now: () => clock }));
    expect(vi.getTimerCount()).toBe(1);

    writeProc(proc, 0, 0);
    expect(sampler.usageFor(GAME)).toEqual({}); // nothing read yet; asking records the interest
    await sampler.refresh();
    expect(sampler.usageFor(GAME)).toEqual({ gpuMemoryUsed: (262144 + 1024) * 1024 }); // one reading: no busy % yet
    clock = 1000;
    writeProc(proc, 0.4e9, 0.1e9);
    await sampler.refresh();

    const usage = sampler.usageFor(GAME);
    expect(usage.gpuUsage).toBeCloseTo(60); // 0.4 s + 0.2 s of gfx in 1 s
    expect(usage.gpuMemoryUsed).toBe((262144 + 1024) * 1024);
    expect(sampler.usageFor(OTHER_GAME)).toEqual({}); // not asked about before: not read
    expect(sampler.hostGpus()).toEqual([
      { vendor: 'amd', name: 'AMD render node renderD129', node: '/dev/dri/renderD129', utilizationPercent: 37, memoryUsedBytes: 512 * MIB, memoryTotalBytes: 8192 * MIB },
    ]);

    await sampler.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the injected containerPids, and warns once when it fails', async () => {
    const proc = tempDir();
    let clock = 0;
    const onWarning = vi.fn();
    const containerPids = vi.fn(async (id: string): Promise<number[]> => {
      if (id === OTHER_GAME) return [200];
      throw new Error('no such container');
    });
    const sampler = track(startGpuSampler({ inventory, intervalMs: 60_000, procRoot: proc, sysDrmRoot: tempDir(), containerPids, now: () => clock, onWarning }));
    writeProc(proc, 0, 0);
    sampler.usageFor(OTHER_GAME);
    sampler.usageFor(GAME);
    await sampler.refresh();
    clock = 1000;
    writeProc(proc, 0.4e9, 0.1e9);
    await sampler.refresh();
    expect(sampler.usageFor(OTHER_GAME).gpuUsage).toBeCloseTo(10);
    expect(sampler.usageFor(GAME)).toEqual({});
    expect(sampler.hostGpus()).toEqual([]); // no amdgpu sysfs
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning.mock.calls[0]?.[0]).toMatch(/no such container/);
  });
});
