import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../test-support/temp-dir';
import { recordedSection } from '../../test-support/fixture-sections';
import { parseNvidiaQueryLine, parseNvidiaQueryOutput, startNvidiaQueryLoop, type NvidiaQueryLoop } from './nvidia-query';
import { isRunning, printLines, writeFakeNvidiaSmi } from '../../test-support/fake-nvidia-smi';

// The loop lines below were recorded on an NVIDIA H200 (fixtures/busy.txt) because no GPU runs here.
const RECORDED_LOOP = recordedSection('busy.txt', 'query-gpu util loop');
const MIB = 1024 * 1024;
const tempDir = useTempDirs();
/** Spawning is slow on a loaded 2-core CI machine: wait long, poll often. */
const EVENTUALLY = { timeout: 10_000, interval: 20 };
const loops: NvidiaQueryLoop[] = [];

function fakeNvidiaSmi(body: string): { path: string; dir: string } {
  const dir = tempDir();
  return { path: writeFakeNvidiaSmi(dir, body), dir };
}
afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.dispose()));
});

describe('parseNvidiaQueryLine', () => {
  it('reads the loop lines recorded on an H200 (MiB to bytes)', () => {
    const samples = parseNvidiaQueryOutput(RECORDED_LOOP);
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({ index: 0, utilizationPercent: 98, memoryUsedBytes: 1011 * MIB, memoryTotalBytes: 143771 * MIB });
    expect(samples.map((sample) => sample.utilizationPercent)).toEqual([98, 97, 98, 93, 98]);
  });

  it('skips blank lines, headers, errors and lines without a utilisation', () => {
    const text = [
      '',
      'index, utilization.gpu [%], memory.used [MiB], memory.total [MiB]',
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
      '0, [N/A], 1011, 143771',
      'x, 5, 1, 2',
      '1, 12, 3',
      '   ',
    ].join('\n');
    expect(parseNvidiaQueryOutput(text)).toEqual([]);
  });

  it('keeps a sample whose memory is [N/A], without the memory fields', () => {
    expect(parseNvidiaQueryLine('1, 45, [N/A], [Not Supported]')).toEqual({ index: 1, utilizationPercent: 45 });
    expect(parseNvidiaQueryLine('0, 98, 1011, 143771\r')).toMatchObject({ index: 0, utilizationPercent: 98 });
  });
});

describe('startNvidiaQueryLoop (a fake nvidia-smi script stands in for the real program: no GPU here)', () => {
  it('runs ONE long-lived nvidia-smi with the query and -lms, keeps the latest sample per GPU, kills it on dispose', async () => {
    const [first, ...rest] = RECORDED_LOOP.split('\n').filter(Boolean);
    const fake = fakeNvidiaSmi(`${printLines([first ?? '', '1, 7, 20, 24576'])}\nwhile true; do\n${printLines(rest)}\ndone`);
    const loop = startNvidiaQueryLoop({ intervalMs: 500, command: fake.path });
    loops.push(loop);
    await vi.waitFor(() => expect(loop.latest().get(1)).toEqual({ index: 1, utilizationPercent: 7, memoryUsedBytes: 20 * MIB, memoryTotalBytes: 24576 * MIB }), EVENTUALLY);
    await vi.waitFor(() => expect(loop.latest().get(0)?.utilizationPercent).toBe(93), EVENTUALLY);
    expect(readFileSync(join(fake.dir, 'args'), 'utf8').trim()).toBe(
      '--query-gpu=index,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits -lms 500',
    );
    const pids = readFileSync(join(fake.dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    expect(pids).toHaveLength(1); // one process for the whole run, not one per sample
    await loop.dispose();
    expect(isRunning(pids[0] ?? 0)).toBe(false);
    expect(loop.latest().size).toBe(0);
    expect(loop.unavailable()).toBeUndefined();
  });

  it('restarts the program with backoff when it exits', async () => {
    const fake = fakeNvidiaSmi(printLines(['0, 50, 10, 100']));
    const loop = startNvidiaQueryLoop({ intervalMs: 100, command: fake.path, backoff: { initialMs: 20, maxMs: 40 } });
    loops.push(loop);
    await vi.waitFor(() => expect(readFileSync(join(fake.dir, 'pids'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(3), EVENTUALLY);
    expect(loop.unavailable()).toBeUndefined(); // every run printed a sample: keeps going
  });

  it('forgets the samples of a run that ended while waiting to restart', async () => {
    const fake = fakeNvidiaSmi(printLines(['0, 50, 10, 100'], '0.3'));
    const loop = startNvidiaQueryLoop({ intervalMs: 100, command: fake.path, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    loops.push(loop);
    await vi.waitFor(() => expect(loop.latest().get(0)?.utilizationPercent).toBe(50), EVENTUALLY);
    await vi.waitFor(() => expect(loop.latest().size).toBe(0), EVENTUALLY);
  });

  it('reports "no NVIDIA GPU" once and stops trying when nvidia-smi does not exist', async () => {
    const onUnavailable = vi.fn();
    const missing = join(tempDir(), 'nvidia-smi');
    const loop = startNvidiaQueryLoop({ intervalMs: 100, command: missing, onUnavailable, backoff: { initialMs: 10, maxMs: 10 } });
    loops.push(loop);
    await vi.waitFor(() => expect(onUnavailable).toHaveBeenCalledTimes(1), EVENTUALLY);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onUnavailable).toHaveBeenCalledTimes(1);
    expect(onUnavailable.mock.calls[0]?.[0]).toMatch(/^no NVIDIA GPU: .*ENOENT/);
    expect(loop.unavailable()).toMatch(/ENOENT/);
    expect(loop.latest().size).toBe(0);
    expect(existsSync(missing)).toBe(false);
  });

  it('gives up, with nvidia-smi\'s own message, when it keeps failing without a sample (driver not loaded)', async () => {
    const fake = fakeNvidiaSmi(`echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2\nexit 9`);
    const onUnavailable = vi.fn();
    const loop = startNvidiaQueryLoop({ intervalMs: 100, command: fake.path, onUnavailable, backoff: { initialMs: 5, maxMs: 10 }, maxFailedStarts: 3 });
    loops.push(loop);
    await vi.waitFor(() => expect(onUnavailable).toHaveBeenCalledTimes(1), EVENTUALLY);
    expect(onUnavailable.mock.calls[0]?.[0]).toMatch(/exited 3 times without output: NVIDIA-SMI has failed/);
    expect(readFileSync(join(fake.dir, 'pids'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('drops samples older than maxSampleAgeMs (a hung nvidia-smi shows no stale numbers)', async () => {
    const fake = fakeNvidiaSmi(`echo '0, 98, 1011, 143771'\nsleep 30`);
    let clock = 1000;
    const loop = startNvidiaQueryLoop({ intervalMs: 100, command: fake.path, maxSampleAgeMs: 500, now: () => clock });
    loops.push(loop);
    await vi.waitFor(() => expect(loop.latest().size).toBe(1), EVENTUALLY);
    clock += 501;
    expect(loop.latest().size).toBe(0);
  });
});
