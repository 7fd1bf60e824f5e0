// Deterministic samples for the metrics tests, the crash child and the benchmark: sample `i` of a
// session is taken at `startMs + i` seconds and its values are a function of `i` alone, so a test
// can tell exactly which samples came back.
import { randomUUID } from 'node:crypto';
import type { StoredSample } from '../metrics/files/stored-sample';

export const SYNTHETIC_START_MS = Date.parse('2025-10-29T14:30:00.000Z');
const GIB = 1024 ** 3;

export function newSessionId(): string {
  return `sess_${randomUUID()}`;
}

export interface SyntheticOptions {
  startMs?: number;
  /** Leave the GPU fields out (a host without a GPU). */
  gpu?: boolean;
  /** Index of a one-second CPU spike to 100 %. */
  spikeAt?: number;
}

export function syntheticSample(i: number, options: SyntheticOptions = {}): StoredSample {
  const startMs = options.startMs ?? SYNTHETIC_START_MS;
  const wave = Math.sin(i / 60);
  const sample: StoredSample = {
    cpuPercent: i === options.spikeAt ? 100 : round2(30 + 10 * wave),
    memoryUsed: 2 * GIB + (i % 1000) * 4096,
    memoryPercent: round2(50 + 5 * wave),
    diskUsage: 512 * 1024 ** 2 + i * 1024,
    timestamp: new Date(startMs + i * 1000).toISOString(),
  };
  if (options.gpu !== false) {
    sample.gpuUsage = round2(60 + 20 * wave);
    sample.gpuMemoryUsed = GIB + (i % 100) * 1024 ** 2;
  }
  return sample;
}

export function syntheticSamples(count: number, options: SyntheticOptions = {}): StoredSample[] {
  return Array.from({ length: count }, (_, i) => syntheticSample(i, options));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
