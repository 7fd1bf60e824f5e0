import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from './client';
import { subscribeSessionMetrics } from './metrics-subscription';

describe('subscribeSessionMetrics', () => {
  it('delivers only the chosen session\'s samples and unsubscribes cleanly', () => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const transport: Transport = {
      invoke: async () => ({ result: undefined }),
      subscribe(event, listener) {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    };
    const push = (sessionId: string, cpuPercent: number) =>
      listeners.get('session.metrics')?.forEach((l) => l({ sessionId, sample: { cpuPercent, memoryUsed: 1, memoryPercent: 1, timestamp: '2026-01-01T00:00:00Z' } }));
    const seen: number[] = [];
    const unsubscribe = subscribeSessionMetrics(createClient(transport), 'sess_a', (sample) => seen.push(sample.cpuPercent));
    push('sess_a', 10);
    push('sess_b', 99);
    push('sess_a', 20);
    unsubscribe();
    push('sess_a', 30);
    expect(seen).toEqual([10, 20]);
    expect(listeners.get('session.metrics')?.size).toBe(0);
  });
});
