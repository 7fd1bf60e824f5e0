import { describe, expect, it } from 'vitest';
import type { ResourceUsage } from '../../../shared/model/entities';
import { createLiveSamples } from './live-samples';

const sample = (second: number, extra: Partial<ResourceUsage> = {}): ResourceUsage => ({
  cpuPercent: second, memoryUsed: 1, memoryPercent: 1, timestamp: new Date(second * 1000).toISOString(), ...extra,
});

describe('live samples', () => {
  it('puts stored samples in front of the live ones, never after them', () => {
    const live = createLiveSamples(10);
    let heard = 0;
    live.subscribe('s', () => heard++);
    live.push('s', sample(5));
    live.push('s', sample(6, { gpuUsage: 9 }));
    live.prepend('s', [sample(3), sample(4), sample(5), sample(7)]);
    expect(live.ring('s')?.window().times).toEqual([3, 4, 5, 6]);
    expect(live.ring('s')?.window().values.gpuUsage).toEqual([null, null, null, 9]);
    expect(heard).toBe(3);
    live.prepend('s', [sample(9)]);
    expect(heard).toBe(3);
  });

  it('seeds a session not heard from yet', () => {
    const live = createLiveSamples(10);
    live.prepend('s', [sample(1), sample(2)]);
    expect(live.ring('s')?.length).toBe(2);
  });

  it('forgets the oldest session past its limit', () => {
    const live = createLiveSamples(10, 2);
    live.push('a', sample(1));
    live.push('b', sample(1));
    live.push('c', sample(1));
    expect(live.ring('a')).toBeUndefined();
    expect(live.ring('c')?.length).toBe(1);
  });
});
