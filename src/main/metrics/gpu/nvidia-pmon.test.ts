import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir';
import { recordedSection } from '../../test-support/fixture-sections';
import { createPmonLineParser, parsePmon, startNvidiaPmonLoop, type NvidiaPmonLoop } from './nvidia-pmon';
import { writeFakeNvidiaSmi } from '../../test-support/fake-nvidia-smi';

// `nvidia-smi pmon -c 3 -s um` recorded on an NVIDIA H200 (fixtures/busy.txt) while pid 422 ran a
// CUDA load, because no GPU runs here.
const RECORDED_PMON = recordedSection('busy.txt', 'pmon -c 3 -s um');
const tempDir = useTempDirs();
/** Spawning is slow on a loaded 2-core CI machine: wait long, poll often. */
const EVENTUALLY = { timeout: 10_000, interval: 20 };
const loops: NvidiaPmonLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.dispose()));
});

describe('parsePmon', () => {
  it('reads the recorded H200 output: one row for pid 422, its last sample with values', () => {
    expect(parsePmon(RECORDED_PMON)).toEqual([
      { gpuIndex: 0, pid: 422, type: 'C', smPercent: 80, memPercent: 18, fbMiB: 1002, command: 'python3' },
    ]);
  });

  it('keeps the row with values when a later sample of the same pid has none', () => {
    const header = RECORDED_PMON.split('\n').slice(0, 2).join('\n');
    const text = `${header}\n    0   422   C   80   18   -   -   -   -   1002   0   python3\n    0   422   C   -   -   -   -   -   -   -   -   python3\n`;
    expect(parsePmon(text)).toEqual([{ gpuIndex: 0, pid: 422, type: 'C', smPercent: 80, memPercent: 18, fbMiB: 1002, command: 'python3' }]);
  });

  it("reads the columns from an older driver's header, graphics and C+G processes, and several GPUs", () => {
    const text = [
      '# gpu        pid  type    sm   mem   enc   dec    fb   command',
      '# Idx          #   C/G     %     %     %     %    MB   name',
      '    0       1234     G    35    12     -     -   412   Xorg',
      '    0       5678   C+G    60    30     -     -  2048   game.exe',
      '    1       5678     C     5     1     -     -   100   game.exe',
      '    1          -     -     -     -     -     -     -   -',
    ].join('\n');
    expect(parsePmon(text)).toEqual([
      { gpuIndex: 0, pid: 1234, type: 'G', smPercent: 35, memPercent: 12, fbMiB: 412, command: 'Xorg' },
      { gpuIndex: 0, pid: 5678, type: 'C+G', smPercent: 60, memPercent: 30, fbMiB: 2048, command: 'game.exe' },
      { gpuIndex: 1, pid: 5678, type: 'C', smPercent: 5, memPercent: 1, fbMiB: 100, command: 'game.exe' },
    ]);
  });

  it('says which lines are headers, rows and "no process on this GPU"; ignores the rest', () => {
    const parse = createPmonLineParser();
    const [header, units, idle] = RECORDED_PMON.split('\n');
    expect(parse(header ?? '')).toEqual({ kind: 'header' });
    expect(parse(units ?? '')).toEqual({ kind: 'header' });
    expect(parse(idle ?? '')).toEqual({ kind: 'idle', gpuIndex: 0 });
    expect(parse('')).toBeUndefined();
    expect(parse('Failed to initialize NVML: Driver/library version mismatch')).toBeUndefined();
    expect(parse('    0   notapid   C   1   1   -   -   -   -   1   0   x')).toBeUndefined();
  });

  it('finds nothing in output without processes', () => {
    expect(parsePmon(RECORDED_PMON.split('\n').slice(0, 3).join('\n'))).toEqual([]);
  });
});

describe('startNvidiaPmonLoop (a fake nvidia-smi script stands in for the real program: no GPU here)', () => {
  it('streams `nvidia-smi pmon -s um -d N` rows, and drops a GPU\'s rows when pmon says it has no process', async () => {
    const dir = tempDir();
    const [header, units, , , busy] = RECORDED_PMON.split('\n');
    const idle = RECORDED_PMON.split('\n')[2];
    const path = writeFakeNvidiaSmi(dir, [
      `echo '${header}'; echo '${units}'`,
      `while [ ! -e '${dir}/stop-load' ]; do echo '${busy}'; sleep 0.05; done`,
      `while true; do echo '${idle}'; sleep 0.05; done`,
    ].join('\n'));
    const loop = startNvidiaPmonLoop({ delaySeconds: 1, command: path });
    loops.push(loop);
    await vi.waitFor(() => expect(loop.latest()).toEqual([{ gpuIndex: 0, pid: 422, type: 'C', smPercent: 80, memPercent: 18, fbMiB: 1002, command: 'python3' }]), EVENTUALLY);
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('pmon -s um -d 1');
    writeFileSync(join(dir, 'stop-load'), '');
    await vi.waitFor(() => expect(loop.latest()).toEqual([]), EVENTUALLY);
  });

  it('reports "no NVIDIA GPU" once when nvidia-smi does not exist', async () => {
    const onUnavailable = vi.fn();
    const loop = startNvidiaPmonLoop({ delaySeconds: 1, command: join(tempDir(), 'nvidia-smi'), onUnavailable });
    loops.push(loop);
    await vi.waitFor(() => expect(onUnavailable).toHaveBeenCalledTimes(1), EVENTUALLY);
    expect(onUnavailable.mock.calls[0]?.[0]).toMatch(/^no NVIDIA GPU/);
    expect(loop.latest()).toEqual([]);
  });
});
