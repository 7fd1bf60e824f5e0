// NVIDIA utilisation and memory per GPU, from ONE long-running
// `nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits -lms N`
// whose lines look like `0, 98, 1011, 143771` (index, %, MiB, MiB; recorded on an H200).
import { superviseLineProcess, type Backoff, type SpawnFn } from './line-process';

export interface NvidiaGpuSample {
  index: number;
  utilizationPercent: number;
  /** Absent when nvidia-smi printed `[N/A]` for it. */
  memoryUsedBytes?: number;
  memoryTotalBytes?: number;
}

export const NVIDIA_QUERY_FIELDS = 'index,utilization.gpu,memory.used,memory.total';
const MIB = 1024 * 1024;

/** Parses one loop line; undefined for headers, blank lines, errors and lines without a utilisation. */
export function parseNvidiaQueryLine(line: string): NvidiaGpuSample | undefined {
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length !== 4) return undefined;
  const [index, utilization, used, total] = fields.map(toNumber);
  if (index === undefined || !Number.isInteger(index) || utilization === undefined) return undefined;
  const sample: NvidiaGpuSample = { index, utilizationPercent: Math.min(100, utilization) };
  if (used !== undefined) sample.memoryUsedBytes = Math.round(used * MIB);
  if (total !== undefined) sample.memoryTotalBytes = Math.round(total * MIB);
  return sample;
}

/** Every sample in a block of loop output, in order (the same GPU appears once per loop round). */
export function parseNvidiaQueryOutput(text: string): NvidiaGpuSample[] {
  return text.split(/\r?\n/).flatMap((line) => parseNvidiaQueryLine(line) ?? []);
}

/** `98` → 98; `[N/A]`, `[Not Supported]`, `` and anything else non-numeric → undefined. */
function toNumber(field: string | undefined): number | undefined {
  if (field === undefined || !/^\d+(\.\d+)?$/.test(field)) return undefined;
  return Number(field);
}

export interface NvidiaQueryLoopOptions {
  /** The loop period handed to `-lms`. */
  intervalMs: number;
  /** The program to run; a stand-in script in tests. */
  command?: string;
  spawn?: SpawnFn;
  backoff?: Backoff;
  maxFailedStarts?: number;
  /** Called once when there is no NVIDIA GPU to watch (no nvidia-smi, or it keeps failing). */
  onUnavailable?(reason: string): void;
  /** Samples older than this are dropped from latest(); default max(3 × interval, 5 s). */
  maxSampleAgeMs?: number;
  now?(): number;
}

export interface NvidiaQueryLoop {
  /** The newest sample per GPU index; empty before the first line and when there is no NVIDIA GPU. */
  latest(): Map<number, NvidiaGpuSample>;
  /** The reason given to onUnavailable, once it has been given. */
  unavailable(): string | undefined;
  /** Kills nvidia-smi and stops restarting it. */
  dispose(): Promise<void>;
}

export function nvidiaQueryArgs(intervalMs: number): string[] {
  return [`--query-gpu=${NVIDIA_QUERY_FIELDS}`, '--format=csv,noheader,nounits', '-lms', String(Math.max(1, Math.round(intervalMs)))];
}

export function startNvidiaQueryLoop(options: NvidiaQueryLoopOptions): NvidiaQueryLoop {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxSampleAgeMs ?? Math.max(3 * options.intervalMs, 5000);
  const samples = new Map<number, { sample: NvidiaGpuSample; at: number }>();
  const supervisor = superviseLineProcess({
    command: options.command ?? 'nvidia-smi',
    args: nvidiaQueryArgs(options.intervalMs),
    spawn: options.spawn,
    backoff: options.backoff,
    maxFailedStarts: options.maxFailedStarts,
    onLine: (line) => {
      const sample = parseNvidiaQueryLine(line);
      if (!sample) return false;
      samples.set(sample.index, { sample, at: now() });
      return true;
    },
    onExit: () => samples.clear(),
    onUnavailable: (reason) => options.onUnavailable?.(`no NVIDIA GPU: ${reason}`),
  });
  return {
    latest: () => {
      const fresh = new Map<number, NvidiaGpuSample>();
      const oldest = now() - maxAgeMs;
      for (const [index, { sample, at }] of samples) if (at >= oldest) fresh.set(index, { ...sample });
      return fresh;
    },
    unavailable: supervisor.unavailable,
    dispose: supervisor.dispose,
  };
}
