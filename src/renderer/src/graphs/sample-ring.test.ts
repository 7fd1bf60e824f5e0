import { describe, expect, it } from 'vitest';
import type { ResourceUsage } from '../../../shared/model/entities';
import { SampleRing } from './sample-ring';

function sample(second: number, extra: Partial<ResourceUsage> = {}): ResourceUsage {
  return { cpuPercent: second, memoryUsed: second * 1000, memoryPercent: 1, timestamp: new Date(second * 1000).toISOString(), ...extra };
}

describe('SampleRing', () => {
  it('keeps samples oldest first', () => {
    const ring = new SampleRing(4);
    for (const s of [1, 2, 3]) ring.push(sample(s));
    expect(ring.length).toBe(3);
    expect(ring.window()).toEqual({ times: [1, 2, 3], values: { cpuPercent: [1, 2, 3], memoryUsed: [1000, 2000, 3000], memoryPercent: [1, 1, 1] } });
    expect(ring.lastTime).toBe(3);
  });

  it('drops the oldest once full, without growing', () => {
    const ring = new SampleRing(3);
    for (const s of [1, 2, 3, 4, 5]) ring.push(sample(s));
    expect(ring.length).toBe(3);
    expect(ring.window().times).toEqual([3, 4, 5]);
    expect(ring.window(4).values.cpuPercent).toEqual([4, 5]);
    expect(Array.from(ring.tail('cpuPercent', 2))).toEqual([4, 5]);
    expect(Array.from(ring.tail('cpuPercent', 10))).toEqual([3, 4, 5]);
  });

  it('ignores repeated and late samples', () => {
    const ring = new SampleRing(5);
    expect(ring.push(sample(2))).toBe(true);
    expect(ring.push(sample(2))).toBe(false);
    expect(ring.push(sample(1))).toBe(false);
    expect(ring.length).toBe(1);
  });

  it('reports a series only once a sample carried it, with gaps as null', () => {
    const ring = new SampleRing(5);
    ring.push(sample(1));
    expect(ring.has('gpuUsage')).toBe(false);
    expect(ring.window().values.gpuUsage).toBeUndefined();
    ring.push(sample(2, { gpuUsage: 40 }));
    expect(ring.has('gpuUsage')).toBe(true);
    expect(ring.window().values.gpuUsage).toEqual([null, 40]);
    expect(ring.latest('gpuUsage')).toBe(40);
    ring.push(sample(3));
    expect(ring.latest('gpuUsage')).toBeUndefined();
  });

  it('finds the window start by time', () => {
    const ring = new SampleRing(100);
    for (let s = 0; s < 100; s++) ring.push(sample(1000 + s));
    expect(ring.window(1090).times).toEqual([1090, 1091, 1092, 1093, 1094, 1095, 1096, 1097, 1098, 1099]);
    expect(ring.window(5000).times).toEqual([]);
  });
});
