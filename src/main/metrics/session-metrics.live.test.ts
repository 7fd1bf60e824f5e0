// Live metrics through the core: a real demo in its runner container, sampled from Docker's
// streamed stats, pushed as session.metrics, stored, and queried back after the session ended.
import { describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();

interface Pushed { sessionId: string; sample: { cpuPercent: number; memoryUsed: number; timestamp: string; gpuUsage?: number } }

describe.skipIf(!engine.available || !x.available)('session metrics', () => {
  it('samples a demo burning half a core under cpuLimit 1 at about 50%, sees memory grow, and stores every sample', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const pushed: Pushed[] = [];
    live.core.onEvent((name, payload) => name === 'session.metrics' && pushed.push(payload as Pushed));
    const request = launchRequest(LINUX_DEMO, { resources: { cpuLimit: 1 }, environment: { DEMO_CPU_LOAD: '50', DEMO_ALLOC_MB: '200' } });
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    await live.waitFor(session.sessionId, ['running']);

    const ours = () => pushed.filter((p) => p.sessionId === session.sessionId).map((p) => p.sample);
    // Within a few seconds of running, the last samples sit around 50 (±15): half of its one allowed core.
    await until(() => {
      const recent = ours().slice(-3).map((s) => s.cpuPercent).sort((a, b) => a - b);
      return recent.length === 3 && Math.abs((recent[1] ?? 0) - 50) <= 15;
    }, 15_000, () => `CPU samples around 50%, got ${ours().map((s) => s.cpuPercent.toFixed(0)).join(', ')}`);
    // The demo allocates 200 MiB over its first ~2 s (it needs a few MiB without): memory shows it.
    await until(() => Math.max(...ours().map((s) => s.memoryUsed)) > 150 * 2 ** 20, 15_000, () => `memory above 150 MiB, got ${ours().map((s) => (s.memoryUsed / 2 ** 20).toFixed(0)).join(', ')} MiB`);
    // No GPU here: the GPU fields are absent, not zero.
    expect(ours().every((s) => s.gpuUsage === undefined)).toBe(true);
    // The record follows: its resourceUsage and, for a busy game, lastActivity.
    await until(async () => (await live.call<RunnerSession>('sessions.get', { sessionId: session.sessionId })).resourceUsage !== undefined, 15_000, 'resourceUsage on the record');

    await live.call('sessions.stop', { sessionId: session.sessionId });
    await live.waitFor(session.sessionId, ['terminated']);
    const count = ours().length;
    const result = await live.call<{ sampleCount: number; timestamps: number[]; series: Record<string, { max: Array<number | null> }> }>(
      'metrics.query', { sessionId: session.sessionId },
    );
    expect(result.sampleCount).toBeGreaterThanOrEqual(Math.min(count, 3));
    expect(result.sampleCount).toBeGreaterThanOrEqual(count - 1); // every pushed sample was stored (the writer closed with the session)
    expect(result.series.cpuPercent?.max.length).toBe(result.timestamps.length);
    expect(result.series.gpuUsage).toBeUndefined();
    await expect(live.call('metrics.query', { sessionId: session.sessionId, from: '2030-01-01T00:00:00Z', to: '2029-01-01T00:00:00Z' })).rejects.toThrow(/must be before/);
    await cores.expectCleanClose(live);
  }, 240_000);
});
