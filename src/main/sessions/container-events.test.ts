import { describe, expect, it } from 'vitest';
import { SESSION_LABEL } from '../docker/labels';
import { parseEvent } from './container-events';

describe('parseEvent', () => {
  it('reads a die event as the engine sends it (recorded from dockerd 20.10)', () => {
    const line = JSON.stringify({
      status: 'die', id: 'abc123', from: 'dillinger-runner:local', Type: 'container', Action: 'die',
      Actor: { ID: 'abc123', Attributes: { [SESSION_LABEL]: 'sess_1', exitCode: '3', image: 'dillinger-runner:local', name: 'dillinger_runner_sess_1' } },
      scope: 'local', time: 1764177000, timeNano: 1764177000123456800,
    });
    expect(parseEvent(line)).toEqual({ action: 'die', containerId: 'abc123', sessionId: 'sess_1', exitCode: 3, time: 1764177000 });
  });

  it('ignores events without our label and lines that are not JSON', () => {
    expect(parseEvent(JSON.stringify({ Action: 'die', Actor: { ID: 'x', Attributes: {} } }))).toBeUndefined();
    expect(parseEvent('garbage')).toBeUndefined();
    expect(parseEvent('')).toBeUndefined();
  });
});

describe('watchContainerEvents', () => {
  it('reconnects when the event stream breaks, asks for a re-inspection, and replays from the last event', async () => {
    // A stand-in for the engine's /events endpoint: breaking the real engine's stream would mean
    // restarting the Docker daemon every other test shares.
    const { createServer } = await import('node:http');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Docker = (await import('dockerode')).default;
    const { watchContainerEvents } = await import('./container-events');
    const dir = mkdtempSync(join(tmpdir(), 'dillinger-events-'));
    const socket = join(dir, 'docker.sock');
    const requests: string[] = [];
    const base = Math.floor(Date.now() / 1000) + 100;
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const event = { Action: 'die', Actor: { ID: `c${requests.length}`, Attributes: { [SESSION_LABEL]: 'sess_1', exitCode: '0' } }, time: base + requests.length };
      res.write(`${JSON.stringify(event)}\n`);
      if (requests.length === 1) setTimeout(() => res.destroy(), 20); // the first stream breaks
    }).listen(socket);
    const seen: string[] = [];
    let reconnects = 0;
    const stop = watchContainerEvents(new Docker({ socketPath: socket }), {
      onEvent: (e) => seen.push(e.containerId),
      onReconnect: () => (reconnects += 1),
      retryMs: 20,
    });
    try {
      for (let i = 0; i < 100 && seen.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['c1', 'c2']);
      expect(reconnects).toBe(1);
      expect(decodeURIComponent(requests[1] ?? '')).toContain(`since=${base + 1}`);
      expect(decodeURIComponent(requests[0] ?? '')).toContain('"label":["dillinger.session"]');
    } finally {
      stop();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
