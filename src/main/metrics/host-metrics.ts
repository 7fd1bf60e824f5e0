// Host-wide figures for the header strip: total CPU, memory, and each GPU, once a second. CPU comes
// from the kernel's per-cpu tick counters (os.cpus()), memory from /proc/meminfo's MemAvailable:
// both cheap reads, no child process on this 1 Hz path.
import { readFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import type { HostGpuSummary } from './gpu/session-gpu';

export interface HostMetrics {
  timestamp: string;
  cpuPercent: number;
  memoryUsed: number;
  memoryTotal: number;
  gpus: HostGpuSummary[];
}

interface Ticks {
  busy: number;
  total: number;
}

function ticks(): Ticks {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** MemTotal − MemAvailable, as `free` reports "used"; os.freemem() where /proc is not there. */
export function memoryInUse(meminfo?: string): { used: number; total: number } {
  const text = meminfo ?? readMeminfo();
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  };
  const total = field('MemTotal');
  const available = field('MemAvailable');
  if (total !== undefined && available !== undefined) return { used: Math.max(0, total - available), total };
  return { used: totalmem() - freemem(), total: totalmem() };
}

function readMeminfo(): string {
  try {
    return readFileSync('/proc/meminfo', 'utf8');
  } catch {
    return '';
  }
}

export interface HostMetricsSampler {
  latest(): HostMetrics | undefined;
  dispose(): void;
}

export function startHostMetrics(options: { intervalMs?: number; gpus: () => HostGpuSummary[]; onSample: (metrics: HostMetrics) => void }): HostMetricsSampler {
  let previous = ticks();
  let latest: HostMetrics | undefined;
  const timer = setInterval(() => {
    const now = ticks();
    const total = now.total - previous.total;
    const cpuPercent = total > 0 ? Math.min(100, Math.max(0, ((now.busy - previous.busy) / total) * 100)) : 0;
    previous = now;
    const memory = memoryInUse();
    latest = { timestamp: new Date().toISOString(), cpuPercent, memoryUsed: memory.used, memoryTotal: memory.total, gpus: options.gpus() };
    options.onSample(latest);
  }, options.intervalMs ?? 1000);
  timer.unref();
  return {
    latest: () => latest,
    dispose: () => clearInterval(timer),
  };
}
