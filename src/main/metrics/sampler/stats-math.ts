// One Docker stats frame -> one metrics sample, with the Docker CLI's own formulas
// (docker/cli cli/command/container/stats_helpers.go), so our numbers match `docker stats`:
//
//   cpu%  = (cpu.total_usage - precpu.total_usage) / (cpu.system_cpu_usage - precpu.system_cpu_usage)
//           × online_cpus (or len(percpu_usage)) × 100            -> "% of one core", up to 100 × cores
//   used  = usage - total_inactive_file (cgroup v1) or - inactive_file (cgroup v2), when smaller than usage
//
// The data model wants 0-100, so the CLI's cpu% is divided by the cpus the session may use (its
// cpuLimit, or the host's online cpus when unlimited): a game burning its whole allowance reads 100.
// memoryPercent is against the session's memory limit, or Docker's `memory_stats.limit` (the host's
// memory when the container is unlimited) when the caller passes no limit.
//
// Disk: the session's writable area is a tmpfs at /tmp (container-spec.ts), and tmpfs pages are shmem,
// charged to the container's memory cgroup. So the cgroup's shmem counter is exactly what the tmpfs
// holds (plus any SysV/POSIX shared memory the game maps, which lives in the same kind of pages):
//   - cgroup v2: memory.stat `shmem`, which Docker passes through as `stats.shmem`;
//   - cgroup v1: `stats.total_shmem` when the engine passes it; Docker 20.10 (ours) does not, so we
//     derive it from what it does pass: total_cache - total_active_file - total_inactive_file
//     (v1's "cache" is file pages + shmem, and shmem pages sit on the anon LRU lists, not the file ones).
//     On the recorded 10 MiB tmpfs frame this gives exactly 10485760.
// No counters at all -> diskUsage is left out ("not sampled"), never guessed.
//
// Clamping: cpuPercent and memoryPercent are clamped to 0-100. `raw` carries the unclamped value of
// each one that clamping changed, and nothing otherwise, so stored samples stay small and a `raw`
// entry marks a clamped sample (Docker reports a burst above the CFS quota, a usage above the limit).
import type { StoredSample } from '../files/stored-sample';

export interface DockerCpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[] | null };
  /** Missing (and 0) on the first frame of a stream and on a stopped container. */
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The fields of a GET /containers/{id}/stats frame that the sampler reads. */
export interface DockerStats {
  /** When the engine took this frame (RFC 3339 with nanoseconds). */
  read: string;
  cpu_stats: DockerCpuStats;
  /** The frame before, as the engine remembers it; empty (system_cpu_usage absent) on a stream's first frame. */
  precpu_stats?: Partial<DockerCpuStats>;
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
}

export interface StatsLimits {
  /** CPUs the session may use (its cpuLimit); 0 or less: unlimited, the host's online cpus. */
  cpus: number;
  /** The session's memory limit in bytes; 0 or less: unlimited, Docker's reported limit (host memory). */
  memoryBytes: number;
}

/** The CLI's cpu%: percent of one core (100 × cores at most); undefined when there is no earlier reading. */
export function cliCpuPercent(stats: DockerStats, previous?: DockerCpuStats | Partial<DockerCpuStats>): number | undefined {
  const pre = hasSystemUsage(stats.precpu_stats) ? stats.precpu_stats : previous;
  const now = stats.cpu_stats;
  if (!hasSystemUsage(pre) || !hasSystemUsage(now) || pre.cpu_usage === undefined) return undefined;
  const cpuDelta = now.cpu_usage.total_usage - pre.cpu_usage.total_usage;
  const systemDelta = now.system_cpu_usage - pre.system_cpu_usage;
  // The CLI reports 0 unless both moved forward (a restarted container resets its counter).
  if (!(systemDelta > 0) || !(cpuDelta > 0)) return 0;
  return (cpuDelta / systemDelta) * onlineCpus(now) * 100;
}

/** The cpus the engine saw: online_cpus, or the length of percpu_usage on engines that leave it 0. */
export function onlineCpus(cpu: DockerCpuStats): number {
  return cpu.online_cpus && cpu.online_cpus > 0 ? cpu.online_cpus : (cpu.cpu_usage.percpu_usage?.length ?? 0);
}

/** The CLI's memory used: usage less the inactive page cache (v1: total_inactive_file, v2: inactive_file). */
export function cliMemoryUsed(memory: DockerStats['memory_stats']): number {
  const usage = memory.usage ?? 0;
  const stats = memory.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/** Bytes in the container's tmpfs (its shmem), or undefined when the frame has no counters for it. */
export function tmpfsBytes(memory: DockerStats['memory_stats']): number | undefined {
  const s = memory.stats;
  if (s === undefined) return undefined;
  if (s.total_shmem !== undefined) return Math.max(0, s.total_shmem);
  if (s.total_cache !== undefined && s.total_active_file !== undefined && s.total_inactive_file !== undefined) {
    return Math.max(0, s.total_cache - s.total_active_file - s.total_inactive_file);
  }
  if (s.shmem !== undefined) return Math.max(0, s.shmem);
  return undefined;
}

/**
 * The sample for one frame, or undefined when it cannot make one: the first frame of a stream with
 * no `previous` frame to diff against, a stopped container's empty frame, an unreadable `read`.
 * `previous` is the frame before (the stream keeps it, so a re-opened stream needs no warm-up).
 */
export function sampleFromStats(stats: DockerStats, limits: StatsLimits, previous?: DockerStats): StoredSample | undefined {
  const readMs = Date.parse(stats.read);
  if (!Number.isFinite(readMs) || readMs <= 0) return undefined;
  const cli = cliCpuPercent(stats, previous?.cpu_stats);
  if (cli === undefined) return undefined;

  const cpus = limits.cpus > 0 ? limits.cpus : onlineCpus(stats.cpu_stats);
  const cpuPercent = cpus > 0 ? cli / cpus : 0;
  const memoryUsed = Math.max(0, cliMemoryUsed(stats.memory_stats));
  const memoryLimit = limits.memoryBytes > 0 ? limits.memoryBytes : (stats.memory_stats.limit ?? 0);
  const memoryPercent = memoryLimit > 0 ? (memoryUsed / memoryLimit) * 100 : 0;

  const sample: StoredSample = {
    cpuPercent: clampPercent(cpuPercent),
    memoryUsed,
    memoryPercent: clampPercent(memoryPercent),
    timestamp: new Date(readMs).toISOString(),
  };
  const disk = tmpfsBytes(stats.memory_stats);
  if (disk !== undefined) sample.diskUsage = disk;
  const raw: Record<string, number> = {};
  if (sample.cpuPercent !== cpuPercent && Number.isFinite(cpuPercent)) raw.cpuPercent = cpuPercent;
  if (sample.memoryPercent !== memoryPercent && Number.isFinite(memoryPercent)) raw.memoryPercent = memoryPercent;
  if (Object.keys(raw).length > 0) sample.raw = raw;
  return sample;
}

/** 0-100; NaN (never expected) reads 0 rather than breaking the schema. */
export function clampPercent(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

function hasSystemUsage<T extends Partial<DockerCpuStats>>(cpu: T | undefined): cpu is T & { system_cpu_usage: number; cpu_usage: DockerCpuStats['cpu_usage'] } {
  return cpu !== undefined && cpu.cpu_usage !== undefined && typeof cpu.system_cpu_usage === 'number' && cpu.system_cpu_usage > 0;
}

/**
 * Whether a sample shows the game using the CPU, for moving the session's `lastActivity`: above
 * `minCpuPercent` of its allowance (an idle game's timers and GC stay under 1 %).
 */
export function showsCpuActivity(sample: Pick<StoredSample, 'cpuPercent'>, minCpuPercent = 1): boolean {
  return sample.cpuPercent >= minCpuPercent;
}
