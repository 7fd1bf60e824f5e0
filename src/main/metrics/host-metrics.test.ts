import { describe, expect, it } from 'vitest';
import { memoryInUse, startHostMetrics } from './host-metrics';

describe('host metrics', () => {
  it('reads memory in use as MemTotal − MemAvailable', () => {
    const meminfo = 'MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\n';
    expect(memoryInUse(meminfo)).toEqual({ used: 10_000_000 * 1024, total: 16_000_000 * 1024 });
  });

  it('samples this machine once per interval, with percentages in range, and stops when disposed', async () => {
    const seen: number[] = [];
    const sampler = startHostMetrics({ intervalMs: 50, gpus: () => [], onSample: (m) => seen.push(m.cpuPercent) });
    await new Promise((resolve) => setTimeout(resolve, 230));
    sampler.dispose();
    const count = seen.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(seen.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(sampler.latest()).toMatchObject({ memoryTotal: expect.any(Number), gpus: [] });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(seen.length).toBe(count);
  });
});
