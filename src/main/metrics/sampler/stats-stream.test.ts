// followStats against a scripted engine (PassThrough streams fed with the recorded frames), so chunk
// boundaries, losses, re-opens and disposal can be driven exactly. The live engine: stats-stream.live.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredSample } from '../files/stored-sample';
import type { DockerStats } from './stats-math';
import { followStats, type StatsSource } from './stats-stream';

const frames = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'cgroup-v1-busy-half-cpu.stream.json'), 'utf8')) as [DockerStats, DockerStats];
const [first, second] = frames;
const line = (frame: DockerStats): string => `${JSON.stringify(frame)}\n`;
/** A later frame: one more second of half a cpu, with or without Docker's precpu. */
function later(frame: DockerStats, withPrecpu: boolean): DockerStats {
  const cpu = { ...frame.cpu_stats, cpu_usage: { total_usage: frame.cpu_stats.cpu_usage.total_usage + 500_000_000 }, system_cpu_usage: (frame.cpu_stats.system_cpu_usage ?? 0) + 2_000_000_000 };
  const read = new Date(Date.parse(frame.read) + 1000).toISOString();
  return { ...frame, read, cpu_stats: cpu, precpu_stats: withPrecpu ? frame.cpu_stats : { cpu_usage: { total_usage: 0 } } };
}

function fakeEngine() {
  const streams: PassThrough[] = [];
  const state = { running: true, gone: false, statsCalls: 0 };
  const source: StatsSource = {
    getContainer: () => ({
      stats: () => {
        state.statsCalls += 1;
        const s = new PassThrough();
        streams.push(s);
        return Promise.resolve(s);
      },
      inspect: () => (state.gone ? Promise.reject(Object.assign(new Error('no such container'), { statusCode: 404 })) : Promise.resolve({ State: { Running: state.running } })),
    }),
  };
  return { source, streams, state };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

afterEach(() => {
  vi.useRealTimers();
});

describe('followStats', () => {
  it('parses frames across any chunk boundary, multi-byte characters included', async () => {
    const engine = fakeEngine();
    const samples: StoredSample[] = [];
    const dispose = followStats(engine.source, 'c1', { limits: { cpus: 0.5, memoryBytes: 0 }, onSample: (s) => samples.push(s) });
    await flush();
    const text = Buffer.from(line({ ...first, name: '/jeu-é€' } as DockerStats) + line(second) + line(later(second, true)));
    for (let i = 0; i < text.length; i += 7) engine.streams[0]!.write(text.subarray(i, i + 7));
    await flush();
    expect(samples).toHaveLength(2); // the first frame alone has nothing to diff against
    expect(samples[0]).toMatchObject({ cpuPercent: expect.closeTo(99.085, 2), memoryUsed: 684032, timestamp: '2026-11-26T19:01:00.777Z' });
    expect(samples[1]!.cpuPercent).toBe(100); // 0.5e9 / 2e9 × 2 cpus × 100 = 50 % of one core = all of its 0.5 cpus
    dispose();
  });

  it('keeps the previous frame when Docker leaves precpu out, and reports unreadable lines', async () => {
    const engine = fakeEngine();
    const samples: StoredSample[] = [];
    const errors: Error[] = [];
    const dispose = followStats(engine.source, 'c1', { limits: { cpus: 1, memoryBytes: 0 }, onSample: (s) => samples.push(s), onError: (e) => errors.push(e) });
    await flush();
    engine.streams[0]!.write(`${line(second)}{"not json\n${line(later(second, false))}`);
    await flush();
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/unreadable stats frame for c1/)]);
    expect(samples.map((s) => s.cpuPercent)).toEqual([expect.closeTo(49.54, 1), 50]);
    dispose();
  });

  it('re-opens a stream that ends while the container runs, with backoff, and diffs across it', async () => {
    vi.useFakeTimers();
    const engine = fakeEngine();
    const samples: StoredSample[] = [];
    const dispose = followStats(engine.source, 'c1', { limits: { cpus: 1, memoryBytes: 0 }, backoff: { initialMs: 100, maxMs: 400 }, onSample: (s) => samples.push(s) });
    await flush();
    engine.streams[0]!.end(line(second));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.state.statsCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(engine.state.statsCalls).toBe(2);
    // The new stream's first frame has no precpu: the frame kept from the old stream gives a sample.
    engine.streams[1]!.write(line(later(second, false)));
    await flush();
    expect(samples.map((s) => s.cpuPercent)).toEqual([expect.closeTo(49.5425, 3), 50]);
    // An error doubles the wait (the successful frame reset it to 100 first).
    engine.streams[1]!.destroy(new Error('socket hang up'));
    await vi.advanceTimersByTimeAsync(99);
    expect(engine.state.statsCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.state.statsCalls).toBe(3);
    engine.streams[2]!.end();
    await vi.advanceTimersByTimeAsync(150);
    expect(engine.state.statsCalls).toBe(3); // 200 ms now
    await vi.advanceTimersByTimeAsync(50);
    expect(engine.state.statsCalls).toBe(4);
    dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops for good when the container is gone or stopped', async () => {
    vi.useFakeTimers();
    for (const end of ['gone', 'stopped'] as const) {
      const engine = fakeEngine();
      const onEnd = vi.fn();
      followStats(engine.source, 'c1', { limits: { cpus: 1, memoryBytes: 0 }, onSample: () => undefined, onEnd });
      await flush();
      if (end === 'gone') engine.state.gone = true;
      else engine.state.running = false;
      engine.streams[0]!.end();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(onEnd).toHaveBeenCalledOnce();
      expect(engine.state.statsCalls).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it('after dispose: stream destroyed, no sample, no timer, also mid-backoff', async () => {
    vi.useFakeTimers();
    const engine = fakeEngine();
    const onSample = vi.fn();
    const dispose = followStats(engine.source, 'c1', { limits: { cpus: 1, memoryBytes: 0 }, onSample, backoff: { initialMs: 1000, maxMs: 1000 } });
    await flush();
    engine.streams[0]!.write(line(first));
    dispose();
    expect(engine.streams[0]!.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(onSample).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);

    const other = fakeEngine();
    const disposeOther = followStats(other.source, 'c2', { limits: { cpus: 1, memoryBytes: 0 }, onSample, backoff: { initialMs: 1000, maxMs: 1000 } });
    await flush();
    other.streams[0]!.end();
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1); // the re-open is pending
    disposeOther();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(other.state.statsCalls).toBe(1);
  });

  it('destroys a stream that opens only after dispose', async () => {
    const engine = fakeEngine();
    const dispose = followStats(engine.source, 'c1', { limits: { cpus: 1, memoryBytes: 0 }, onSample: () => undefined });
    dispose();
    await flush();
    expect(engine.streams[0]!.destroyed).toBe(true);
  });
});
