import { describe, expect, it } from 'vitest';
import { fakeClient, tick } from '../test-support/fake-client';
import { followHostMetrics, formatPercent, hostFigures, type HostSample } from './host-metrics';

const GIB = 1024 ** 3;
const sample = (cpuPercent: number, gpus: HostSample['gpus'] = []): HostSample => ({
  timestamp: new Date(1_700_000_000_000 + cpuPercent).toISOString(),
  cpuPercent,
  memoryUsed: 5.2 * GIB,
  memoryTotal: 31 * GIB,
  gpus,
});

describe('host strip figures', () => {
  it('words CPU, memory and each GPU, with a bar percentage', () => {
    const figures = hostFigures(
      sample(12.4, [
        { vendor: 'nvidia', name: 'NVIDIA H100', index: 0, utilizationPercent: 40 },
        { vendor: 'amd', name: 'Radeon', index: 1, utilizationPercent: 100.4 },
      ]),
    );
    expect(figures.map((f) => [f.label, f.value])).toEqual([
      ['CPU', '12%'],
      ['Memory', '5.2 GiB of 31 GiB'],
      ['GPU 0', '40%'],
      ['GPU 1', '100%'],
    ]);
    expect(figures[1]?.percent).toBeCloseTo((5.2 / 31) * 100);
    expect(figures[2]?.detail).toBe('NVIDIA H100');
    expect(figures[3]?.percent).toBe(100);
    expect(new Set(figures.map((f) => f.key)).size).toBe(4);
  });

  it('names a lone GPU without an index just GPU; no GPU, no figure', () => {
    expect(hostFigures(sample(1, [{ vendor: 'intel', name: 'UHD 630', utilizationPercent: 3 }]))[2]?.label).toBe('GPU');
    expect(hostFigures(sample(1))).toHaveLength(2);
  });

  it('keeps percentages readable and in range', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(2.345)).toBe('2.3%');
    expect(formatPercent(57.6)).toBe('58%');
    expect(formatPercent(-3)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('0%');
    expect(hostFigures({ ...sample(1), memoryTotal: 0 })[1]?.percent).toBe(0);
  });
});

describe('following host metrics', () => {
  it('shows the latest sample at once, then each pushed one, until stopped', async () => {
    const { client, emit } = fakeClient({ 'metrics.host': () => sample(10) });
    const seen: number[] = [];
    const stop = followHostMetrics(client, (s) => seen.push(s.cpuPercent));
    await tick();
    emit('host.metrics', sample(20));
    emit('host.metrics', sample(30));
    stop();
    emit('host.metrics', sample(40));
    expect(seen).toEqual([10, 20, 30]);
  });

  it('drops a first answer older than a pushed sample, and a null one', async () => {
    let answer: (value: HostSample | null) => void = () => undefined;
    const { client, emit } = fakeClient({ 'metrics.host': () => new Promise<HostSample | null>((resolve) => (answer = resolve)) });
    const seen: number[] = [];
    followHostMetrics(client, (s) => seen.push(s.cpuPercent));
    emit('host.metrics', sample(20));
    answer(sample(10));
    await tick();
    expect(seen).toEqual([20]);

    const quiet = fakeClient({ 'metrics.host': () => null });
    const none: number[] = [];
    followHostMetrics(quiet.client, (s) => none.push(s.cpuPercent));
    await tick();
    expect(none).toEqual([]);
  });

  it('stays quiet when the first question fails; pushed samples still come', async () => {
    const { client, emit } = fakeClient({});
    const seen: number[] = [];
    followHostMetrics(client, (s) => seen.push(s.cpuPercent));
    await tick();
    emit('host.metrics', sample(5));
    expect(seen).toEqual([5]);
  });
});
