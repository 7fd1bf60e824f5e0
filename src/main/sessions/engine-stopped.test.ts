// The Docker engine stops while a game runs (it stops the game with it): nothing is concluded while
// it does not answer, and once it answers again the session is recorded with the exit status it
// reports, saying the engine stopped. The engine is a stand-in on a unix socket (stopping the real
// one would stop every other developer's containers): absent, hanging up, then answering.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { openSessionStore, type SessionStore } from '../session-store/session-store';
import { until } from '../test-support/live-session';
import { useTempDirs } from '../test-support/temp-dir';
import { SESSION_LABEL } from '../docker/labels';
import { SessionManager } from './session-manager';

const tempDir = useTempDirs();
const CONTAINER = 'c0ffee'.padEnd(64, '0');

/** What the stand-in answers for the container, and whether it answers at all. */
interface StandIn {
  socket: string;
  running: boolean;
  exitCode: number;
  /** 'answer': a Docker-like API; 'hangup': accepts and closes every connection; 'absent': no socket. */
  mode(next: 'answer' | 'hangup' | 'absent'): Promise<void>;
  close(): Promise<void>;
}

const servers: Server[] = [];
const opened: Array<{ manager: SessionManager; store: SessionStore }> = [];
afterEach(async () => {
  for (const { manager, store } of opened.splice(0)) {
    await manager.dispose();
    await store.close();
  }
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

function standIn(dir: string): StandIn {
  const socket = join(dir, 'docker.sock');
  let server: Server | undefined;
  let hangup = false;
  const state: StandIn = {
    socket,
    running: true,
    exitCode: 0,
    async mode(next) {
      hangup = next === 'hangup';
      if (next === 'absent' && server) {
        const closing = server;
        server = undefined;
        closing.closeAllConnections();
        await new Promise((resolve) => closing.close(resolve)); // removes the socket file
        servers.splice(servers.indexOf(closing), 1);
      }
      if (next !== 'absent' && !server) {
        server = createServer((req, res) => {
          if (hangup) return req.socket.destroy();
          const url = req.url ?? '';
          if (req.method === 'GET' && url.startsWith(`/containers/${CONTAINER}/json`)) {
            res.writeHead(200, { 'content-type': 'application/json' });
            return res.end(JSON.stringify({
              Id: CONTAINER,
              Config: { Labels: { [SESSION_LABEL]: 'x' } },
              State: {
                Running: state.running, ExitCode: state.running ? 0 : state.exitCode, OOMKilled: false, Error: '', Pid: state.running ? 4242 : 0,
                StartedAt: '2026-12-01T10:00:00Z', FinishedAt: state.running ? '0001-01-01T00:00:00Z' : '2026-12-01T10:05:00Z',
              },
            }));
          }
          if (req.method === 'DELETE' || req.method === 'POST') {
            res.writeHead(204);
            return res.end();
          }
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: 'not in the stand-in' }));
        });
        servers.push(server);
        const listening = server;
        await new Promise<void>((resolve) => listening.listen(socket, resolve));
      }
    },
    close: () => state.mode('absent'),
  };
  return state;
}

/** A manager on a real store, following one running session whose container is the stand-in's. */
async function followedSession(engine: StandIn): Promise<{ manager: SessionManager; store: SessionStore; sessionId: string }> {
  const dataDir = tempDir();
  mkdirSync(join(dataDir, 'library'));
  const store = await openSessionStore({ dataDir, log: { warn: () => undefined } as unknown as Console });
  const sessionId = 'sess_7f9e2b4a-1234-4678-9abc-def012345678';
  await store.create({
    sessionId, containerId: CONTAINER, gameId: 'demo', userId: 'user_tester', status: 'requested', startTime: new Date().toISOString(),
    platform: 'linux', displayInfo: { method: 'x11', displayId: ':0' },
  } as RunnerSession);
  await store.update(sessionId, { status: 'starting' });
  const session = await store.update(sessionId, { status: 'running' });
  const docker = new Docker({ socketPath: engine.socket });
  const manager = new SessionManager({
    docker, endpoint: engine.socket, store, dataDir, libraryDir: join(dataDir, 'library'), runtimeRoot: join(dataDir, 'run'), env: {},
    image: { name: 'dillinger-runner:local', build: false, contextDir: '' }, instanceId: 'a'.repeat(32), maxConcurrentSessions: 4,
    stopGraceSeconds: 1, user: { uid: 1000, gid: 1000 }, checkLaunch: () => Promise.reject(new Error('not used')), emit: () => undefined, warn: () => undefined,
  });
  opened.push({ manager, store });
  await manager.adopt(session, await docker.getContainer(CONTAINER).inspect());
  return { manager, store, sessionId };
}

describe('the Docker engine stops while a game runs', () => {
  it('a die event the engine sent as it went away: waits for it, then records the real exit code and that the engine stopped', async () => {
    const engine = standIn(tempDir());
    await engine.mode('answer');
    const { manager, store, sessionId } = await followedSession(engine);

    await engine.mode('absent'); // the engine is gone: connections are refused
    manager.onContainerEvent(sessionId, 'die', CONTAINER);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // a few of its retries
    expect(store.get(sessionId)?.status).toBe('running'); // nothing concluded without an answer

    engine.running = false; // the engine stopped the game, which exited 0
    engine.exitCode = 0;
    await engine.mode('answer');
    await until(() => store.get(sessionId)?.status === 'terminated', 15_000, 'the session to end');
    expect(store.get(sessionId)).toMatchObject({
      status: 'terminated', exitCode: 0, endTime: expect.any(String),
      statusReason: 'The Docker engine stopped, and the game with it (exit code 0). Press Play to play again once Docker runs.',
    });
  }, 30_000);

  it('a recheck while the engine hangs up concludes nothing; the one when it is back records the exit status', async () => {
    const engine = standIn(tempDir());
    await engine.mode('answer');
    const { manager, store, sessionId } = await followedSession(engine);

    await engine.mode('hangup');
    await manager.recheck(); // as after a broken event stream
    expect(store.get(sessionId)?.status).toBe('running');

    engine.running = false;
    engine.exitCode = 137; // killed by the engine after its grace period
    await engine.mode('answer');
    await manager.recheck(); // as when the engine monitor sees it answer again
    await until(() => store.get(sessionId)?.status === 'crashed', 15_000, 'the session to end');
    expect(store.get(sessionId)).toMatchObject({
      status: 'crashed', exitCode: 137,
      statusReason: 'The Docker engine stopped, and the game with it (exit code 137). Press Play to play again once Docker runs.',
    });
  }, 30_000);
});
