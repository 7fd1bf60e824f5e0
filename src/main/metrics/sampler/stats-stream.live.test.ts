// followStats against the real Docker engine (cgroup v1 here; users mostly run v2, covered by the
// hand-written v2 payloads in stats-math.test.ts). In CI a missing engine fails via findRealEngine.
// Waits are generous; nothing asserts how fast the engine is.
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { findRealEngine } from '../../test-support/real-engine';
import type { StoredSample } from '../files/stored-sample';
import { followStats, type FollowStatsOptions, type StatsStream } from './stats-stream';

const engine = await findRealEngine();
const docker = new Docker({ socketPath: engine.endpoint });
const MiB = 1024 * 1024;
const created: Docker.Container[] = [];
const disposers: Array<() => void> = [];

afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  await Promise.all(created.splice(0).map((c) => c.remove({ force: true }).catch(() => undefined)));
});

async function startContainer(script: string, host: Docker.HostConfig = {}): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: 'debian:bookworm-slim',
    Cmd: ['sh', '-c', script],
    Labels: { 'dillinger.test': 'metrics-sampler' },
    HostConfig: { NetworkMode: 'none', ...host },
  });
  created.push(container);
  await container.start();
  return container;
}

function follow(id: string, options: Partial<FollowStatsOptions> & Pick<FollowStatsOptions, 'limits'>) {
  const samples: StoredSample[] = [];
  const streams: StatsStream[] = [];
  const errors: Error[] = [];
  const dispose = followStats(docker, id, {
    onSample: (s) => samples.push(s),
    onError: (e) => errors.push(e),
    onStreamOpened: (s) => streams.push(s),
    ...options,
  });
  disposers.push(dispose);
  return { samples, streams, errors, dispose };
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pipes = () => process.getActiveResourcesInfo().filter((r) => r === 'PipeWrap' || r === 'TCPSocketWrap').length;

describe.skipIf(!engine.available)('followStats on the real engine', () => {
  it('reads a busy loop capped at half a cpu as its whole allowance, and as half of one cpu', async () => {
    const c = await startContainer('while :; do :; done', { NanoCpus: 500_000_000 });
    const half = follow(c.id, { limits: { cpus: 0.5, memoryBytes: 0 } });
    const one = follow(c.id, { limits: { cpus: 1, memoryBytes: 0 } });
    const near = (s: StoredSample[], target: number) => s.length > 0 && Math.abs(s[s.length - 1]!.cpuPercent - target) <= 15;
    await until(() => near(half.samples, 100) && near(one.samples, 50), 10_000,
      () => `cpu near 100 and 50; got ${half.samples.map((s) => s.cpuPercent.toFixed(1))} and ${one.samples.map((s) => s.cpuPercent.toFixed(1))}`);
    for (const s of [...half.samples, ...one.samples]) {
      expect(s.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(s.cpuPercent).toBeLessThanOrEqual(100);
      expect(Date.parse(s.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(half.errors).toEqual([]);
  });

  it('sees memory and the tmpfs grow when the game writes 48 MiB into /tmp', async () => {
    const c = await startContainer('sleep 3; head -c 50331648 /dev/zero > /tmp/fill; sleep 600', {
      Tmpfs: { '/tmp': 'rw,size=128m' },
      Memory: 512 * MiB,
    });
    const f = follow(c.id, { limits: { cpus: 1, memoryBytes: 512 * MiB } });
    await until(() => f.samples.length > 0, 10_000, () => 'a first sample');
    const before = f.samples[0]!;
    expect(before.diskUsage).toBeLessThan(4 * MiB);
    await until(() => (f.samples.at(-1)?.diskUsage ?? 0) >= 48 * MiB, 20_000,
      () => `diskUsage >= 48 MiB; got ${f.samples.map((s) => s.diskUsage)}`);
    const after = f.samples.at(-1)!;
    expect(after.diskUsage).toBeLessThan(50 * MiB); // the tmpfs content, nothing else
    expect(after.memoryUsed - before.memoryUsed).toBeGreaterThanOrEqual(40 * MiB); // tmpfs pages are memory too
    expect(after.memoryPercent).toBeCloseTo((after.memoryUsed / (512 * MiB)) * 100, 6);
  });

  it('recovers when the stats stream is cut mid-session, and stops when the container is gone', async () => {
    const c = await startContainer('while :; do sleep 0.01; done');
    let ended = false;
    const f = follow(c.id, { limits: { cpus: 1, memoryBytes: 0 }, backoff: { initialMs: 200, maxMs: 1000 }, onEnd: () => { ended = true; } });
    await until(() => f.samples.length >= 2, 10_000, () => 'two samples');
    f.streams[0]!.destroy(new Error('cut by the test'));
    const cutAt = f.samples.length;
    await until(() => f.samples.length >= cutAt + 2, 15_000, () => 'samples after the cut');
    expect(f.streams.length).toBe(2);
    expect(f.errors.some((e) => /cut by the test/.test(e.message))).toBe(true);

    await c.remove({ force: true });
    await until(() => ended, 15_000, () => 'onEnd after the container was removed');
  });

  it('dispose leaves no stream, socket or sample behind', async () => {
    const c = await startContainer('while :; do sleep 0.01; done');
    const baseline = pipes();
    const f = follow(c.id, { limits: { cpus: 1, memoryBytes: 0 } });
    await until(() => f.samples.length >= 1, 10_000, () => 'a sample');
    expect(pipes()).toBeGreaterThan(baseline);
    f.dispose();
    const count = f.samples.length;
    await sleep(2500);
    expect(f.samples.length).toBe(count);
    expect(f.streams.every((s) => s.destroyed === true)).toBe(true);
    await until(() => pipes() <= baseline, 5_000, () => `sockets back to ${baseline} (now ${pipes()})`);
  });
});
