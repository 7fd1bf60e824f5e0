// Against the real Docker engine (the one scripts/provision.sh starts in CI), and against sockets
// that do not answer, to show each failure comes with what to do.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRealEngine } from '../test-support/real-engine';
import { useTempDirs } from '../test-support/temp-dir';
import { adviceFor, connectDocker, probeEngine } from './engine';
import { monitorEngine } from './engine-monitor';

const engine = await findRealEngine();
const tempDir = useTempDirs();

describe.skipIf(!engine.available)('probeEngine against the real engine', () => {
  it('reports version, API version and cgroup version', async () => {
    const status = await probeEngine(connectDocker(engine.endpoint), engine.endpoint);
    expect(status).toMatchObject({ reachable: true, endpoint: engine.endpoint, version: expect.stringMatching(/^\d+\.\d+/), apiVersion: expect.stringMatching(/^1\.\d+$/) });
    expect(['1', '2']).toContain(status.cgroupVersion);
  });

  it('monitors it and announces nothing while it stays healthy', async () => {
    const monitor = monitorEngine(connectDocker(engine.endpoint), engine.endpoint);
    const seen: boolean[] = [];
    monitor.onChange((s) => seen.push(s.reachable));
    expect((await monitor.refresh()).reachable).toBe(true);
    expect((await monitor.refresh()).reachable).toBe(true);
    await monitor.dispose();
    expect(seen.filter((r) => !r)).toEqual([]);
  });
});

describe('probeEngine when the engine does not answer', () => {
  it('says Docker is not running when the socket is missing', async () => {
    const socket = join(tempDir(), 'docker.sock');
    const status = await probeEngine(connectDocker(socket), socket);
    expect(status).toEqual({ reachable: false, endpoint: socket, message: expect.stringMatching(/no engine socket at .*docker\.sock.*systemctl start docker/) });
  });

  it('says so when something listens but never answers', async () => {
    const socket = join(tempDir(), 'silent.sock');
    const server = createServer(() => undefined).listen(socket);
    try {
      const status = await probeEngine(connectDocker(socket), socket, 300);
      expect(status.message).toMatch(/did not answer in time.*docker info/);
    } finally {
      server.close();
    }
  });

  it('explains permissions and refused connections', () => {
    const advice = (code: string) => adviceFor(Object.assign(new Error(code), { code }), '/var/run/docker.sock');
    expect(advice('EACCES')).toMatch(/usermod -aG docker/);
    expect(advice('ECONNREFUSED')).toMatch(/stopped or restarting/);
    expect(advice('EWHATEVER')).toMatch(/could not be reached \(EWHATEVER\)/);
  });

  it('announces when an engine comes back', async () => {
    const socket = join(tempDir(), 'later.sock');
    const monitor = monitorEngine(connectDocker(socket), socket, { retryMs: 50 });
    const first = await monitor.refresh();
    expect(first.reachable).toBe(false);
    // A fake that answers /version and /info like an engine: only the reconnect logic is under test here.
    const { createServer: http } = await import('node:http');
    const fake = http((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(req.url?.includes('/info') ? '{"CgroupVersion":"2"}' : '{"Version":"99.0","ApiVersion":"1.99"}');
    }).listen(socket);
    const back = await new Promise((resolve) => monitor.onChange(resolve));
    expect(back).toMatchObject({ reachable: true, version: '99.0', cgroupVersion: '2' });
    await monitor.dispose();
    fake.close();
  });
});
