// The Docker CLI's formulas on payloads RECORDED from our cgroup v1 engine, and on cgroup v2 payloads
// written by hand (no cgroup v2 engine here) from the field names a v2 engine sends. Expected values
// are computed by hand in the comments.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStoredSample } from '../files/stored-sample';
import { cliCpuPercent, cliMemoryUsed, sampleFromStats, showsCpuActivity, tmpfsBytes, type DockerStats } from './stats-math';

const load = <T,>(name: string): T => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as T;
const v1BusyOnce = load<DockerStats>('cgroup-v1-busy-half-cpu.once.json');
const v1BusyStream = load<[DockerStats, DockerStats]>('cgroup-v1-busy-half-cpu.stream.json');
const v1TmpfsOnce = load<DockerStats>('cgroup-v1-tmpfs-10mb.once.json');
const v1TmpfsStream = load<[DockerStats, DockerStats]>('cgroup-v1-tmpfs-10mb.stream.json');
const v2Stream = load<[DockerStats, DockerStats]>('cgroup-v2-handwritten.stream.json');
const MiB = 1024 * 1024;

describe('cgroup v1, recorded from this engine', () => {
  it("computes the CLI's cpu% on the one-shot frame", () => {
    // (1816325067 - 1316204608) / (12360410000000 - 12358420000000) × 2 × 100 = 500120459 / 1990000000 × 200
    expect(cliCpuPercent(v1BusyOnce)).toBeCloseTo(50.26336, 4);
    const sample = sampleFromStats(v1BusyOnce, { cpus: 0.5, memoryBytes: 256 * MiB });
    // Half a cpu allowed, ~half a cpu burnt: its whole allowance, clamped to 100 with the raw value kept.
    expect(sample).toEqual({
      cpuPercent: 100,
      raw: { cpuPercent: expect.closeTo(100.52672, 4) },
      memoryUsed: 872448, // usage 872448 - total_inactive_file 0
      memoryPercent: expect.closeTo((872448 / (256 * MiB)) * 100, 9),
      diskUsage: 0, // total_cache 278528 - total_active_file 278528 - total_inactive_file 0
      timestamp: '2026-11-26T19:00:58.769Z',
    });
    expect(checkStoredSample(sample)).toMatchObject({ ok: true });
  });

  it('reads half the host when the same frame is measured against one cpu', () => {
    expect(sampleFromStats(v1BusyOnce, { cpus: 1, memoryBytes: 256 * MiB })?.cpuPercent).toBeCloseTo(50.26336, 4);
    // Unlimited: against the host's 2 online cpus.
    expect(sampleFromStats(v1BusyOnce, { cpus: 0, memoryBytes: 0 })?.cpuPercent).toBeCloseTo(25.13168, 4);
  });

  it('gives nothing for the first stream frame alone, then diffs against it', () => {
    const [first, second] = v1BusyStream;
    expect(first.precpu_stats?.system_cpu_usage).toBeUndefined();
    expect(sampleFromStats(first, { cpus: 0.5, memoryBytes: 0 })).toBeUndefined();
    // Docker's own precpu on the second frame is the first frame: (2815585863 - 2317683740) / 2010000000 × 200
    const cli = 49.5425;
    expect(cliCpuPercent(second)).toBeCloseTo(cli, 3);
    const sample = sampleFromStats(second, { cpus: 1, memoryBytes: 0 });
    expect(sample?.cpuPercent).toBeCloseTo(cli, 3);
    // No limit from the caller: against Docker's reported limit (268435456 here).
    expect(sample?.memoryPercent).toBeCloseTo((684032 / 268435456) * 100, 9);
    // A re-opened stream's first frame uses the frame we kept.
    const reopened: DockerStats = { ...second, precpu_stats: first.precpu_stats };
    expect(sampleFromStats(reopened, { cpus: 1, memoryBytes: 0 }, first)?.cpuPercent).toBeCloseTo(cli, 3);
  });

  it('subtracts total_inactive_file and reads the 10 MiB tmpfs as disk', () => {
    // usage 11403264 - total_inactive_file 45056 = 11358208; shmem = 10547200 - 16384 - 45056 = 10485760
    expect(cliMemoryUsed(v1TmpfsOnce.memory_stats)).toBe(11358208);
    expect(tmpfsBytes(v1TmpfsOnce.memory_stats)).toBe(10 * MiB);
    const sample = sampleFromStats(v1TmpfsOnce, { cpus: 1, memoryBytes: 256 * MiB });
    expect(sample).toMatchObject({ cpuPercent: 0, memoryUsed: 11358208, diskUsage: 10 * MiB });
    expect(sample?.raw).toBeUndefined();
    const streamed = sampleFromStats(v1TmpfsStream[1], { cpus: 1, memoryBytes: 256 * MiB });
    expect(streamed?.diskUsage).toBe(10 * MiB);
  });

  it('prefers total_shmem when an engine passes it', () => {
    const stats = { ...v1TmpfsOnce.memory_stats.stats, total_shmem: 4096 };
    expect(tmpfsBytes({ ...v1TmpfsOnce.memory_stats, stats })).toBe(4096);
  });
});

describe('cgroup v2, written by hand from the v2 field names', () => {
  it('computes cpu, memory less inactive_file, and shmem as disk', () => {
    const [first, second] = v2Stream;
    expect(sampleFromStats(first, { cpus: 0.5, memoryBytes: 0 })).toBeUndefined();
    // No percpu_usage on v2: online_cpus 4. (1.5e9 - 1e9) / (84e9 - 80e9) × 4 × 100 = 50 -> / 0.5 cpus = 100
    expect(cliCpuPercent(second)).toBe(50);
    expect(sampleFromStats(second, { cpus: 0.5, memoryBytes: 100_000_000 })).toEqual({
      cpuPercent: 100,
      memoryUsed: 18_000_000, // 20000000 - inactive_file 2000000
      memoryPercent: 18, // of the session's 100 MB limit
      diskUsage: 10 * MiB, // shmem
      timestamp: '2025-10-29T14:30:01.250Z',
    });
    // Unlimited: 50% of one cpu on a 4-cpu host is 12.5% of the host; memory against Docker's limit.
    expect(sampleFromStats(second, { cpus: 0, memoryBytes: 0 })).toMatchObject({ cpuPercent: 12.5, memoryPercent: (18_000_000 / 268435456) * 100 });
  });

  it('falls back to percpu_usage length when online_cpus is 0', () => {
    const second = v2Stream[1];
    const noOnline: DockerStats = { ...second, cpu_stats: { ...second.cpu_stats, online_cpus: 0, cpu_usage: { ...second.cpu_stats.cpu_usage, percpu_usage: [1, 2] } } };
    expect(cliCpuPercent(noOnline)).toBe(25);
  });
});

describe('ResourceUsage rules', () => {
  const base = v2Stream[1];
  it('clamps memory above the limit and keeps the raw percent', () => {
    const sample = sampleFromStats(base, { cpus: 4, memoryBytes: 9_000_000 });
    expect(sample).toMatchObject({ memoryPercent: 100, raw: { memoryPercent: 200 }, cpuPercent: 12.5 });
    expect(sample?.raw).not.toHaveProperty('cpuPercent');
    expect(checkStoredSample(sample)).toMatchObject({ ok: true });
  });

  it('reads 0 when a counter went backwards (a restarted container), like the CLI', () => {
    const back: DockerStats = { ...base, cpu_stats: { ...base.cpu_stats, cpu_usage: { total_usage: 1 } } };
    expect(sampleFromStats(back, { cpus: 1, memoryBytes: 0 })?.cpuPercent).toBe(0);
  });

  it('never reports negative sizes and skips frames of a stopped container', () => {
    const weird: DockerStats = { ...base, memory_stats: { usage: 0, stats: { inactive_file: 5, shmem: -1 } } };
    expect(sampleFromStats(weird, { cpus: 1, memoryBytes: 0 })).toMatchObject({ memoryUsed: 0, memoryPercent: 0, diskUsage: 0 });
    const stopped: DockerStats = { read: '0001-01-01T00:00:00Z', cpu_stats: { cpu_usage: { total_usage: 0 } }, precpu_stats: {}, memory_stats: {} };
    expect(sampleFromStats(stopped, { cpus: 1, memoryBytes: 0 }, base)).toBeUndefined();
  });

  it('leaves diskUsage out when the frame has no counters for it', () => {
    const sample = sampleFromStats({ ...base, memory_stats: { usage: 10, limit: 100 } }, { cpus: 1, memoryBytes: 0 });
    expect(sample).not.toHaveProperty('diskUsage');
    expect(sample).toMatchObject({ memoryUsed: 10, memoryPercent: 10 });
  });

  it('counts CPU use as activity (for lastActivity) above 1 % of the allowance', () => {
    expect(showsCpuActivity(sampleFromStats(v1BusyOnce, { cpus: 0.5, memoryBytes: 0 })!)).toBe(true);
    expect(showsCpuActivity(sampleFromStats(v1TmpfsOnce, { cpus: 1, memoryBytes: 0 })!)).toBe(false);
  });
});
