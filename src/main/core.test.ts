// The core through its contract, as every transport sees it: malformed payloads get a clear error
// and write nothing; valid calls answer from the real store, library and host.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from './core';
import { writeGame } from './test-support/library-fixture';
import { snapshotFiles } from './test-support/file-snapshot';
import { useTempDirs } from './test-support/temp-dir';

const tempDir = useTempDirs();
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function open(dataDir = tempDir()): Promise<Core> {
  // An endpoint that cannot answer keeps these tests about the contract, not the engine.
  const core = await createCore({ dataDir, dockerEndpoint: join(dataDir, 'no-docker.sock'), env: {} });
  opened.push(core);
  return core;
}

function sessionRecord(sessionId: string) {
  return {
    sessionId, containerId: 'dillinger_runner_x', gameId: 'demo', userId: 'user_me', status: 'terminated', startTime: '2020-01-01T00:00:00Z',
    displayInfo: { method: 'x11', displayId: ':0' },
  };
}

const request = {
  gameId: 'demo',
  userId: 'user_me',
  platform: 'linux',
  sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678',
  timestamp: '2025-10-29T14:29:45Z',
  launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
};

describe('core contract', () => {
  it.each([
    ['an unknown method', 'games.delete', undefined, 'unknown_method', /no method "games\.delete"/],
    ['a payload where none is taken', 'library.list', { evil: true }, 'invalid_payload', /library\.list was called with invalid arguments/],
    ['a filter with a bad status', 'sessions.list', { status: 'exploded' }, 'invalid_payload', /status/],
    ['a filter with an unknown key', 'sessions.list', { statuss: 'running' }, 'invalid_payload', /Unknown field "statuss"/],
    ['a malformed session id', 'sessions.get', { sessionId: '../../etc/passwd' }, 'invalid_payload', /sess_<uuid>/],
    ['a relative path to probe', 'host.facts', { paths: ['etc'] }, 'invalid_payload', /absolute path/],
    ['a validate call without its request', 'launch.validate', 42, 'invalid_payload', /launch\.validate/],
  ])('refuses %s with a clear error and writes nothing', async (_what, method, payload, code, message) => {
    const core = await open();
    const before = snapshotFiles(core.dataDir);
    const envelope = await core.dispatch(method, payload);
    expect(envelope).toEqual({ error: expect.objectContaining({ code, message: expect.stringMatching(message) }) });
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });

  it('answers app.info with the data and library folders', async () => {
    const core = await open();
    expect(await core.dispatch('app.info', undefined)).toEqual({
      result: { dataDir: core.dataDir, libraryDir: join(core.dataDir, 'library'), warnings: [], canPickPaths: false, userId: expect.any(String) },
    });
  });

  it('lists the library and announces when it changed', async () => {
    const core = await open();
    const events: string[] = [];
    core.onEvent((name) => events.push(name));
    writeGame(join(core.dataDir, 'library'), 'demo', { id: 'demo', title: 'Demo', platforms: [{ platform: 'linux', executable: 'demo' }] });
    const envelope = await core.dispatch('library.list', undefined);
    expect(envelope).toMatchObject({ result: { games: [{ id: 'demo', title: 'Demo' }], problems: [] } });
    expect(events).toEqual(['library.changed']);
  });

  it('validates a launch request against this host, returning every problem and writing nothing', async () => {
    const core = await open();
    writeGame(join(core.dataDir, 'library'), 'demo', { id: 'demo', title: 'Demo', platforms: [{ platform: 'linux', executable: 'demo' }] });
    await core.dispatch('library.list', undefined);
    const before = snapshotFiles(core.dataDir);
    const bad = {
      ...request,
      launchConfig: {
        ...request.launchConfig,
        resources: { gpuAccess: 'none', cpuLimit: 4096, memoryLimit: '1k' },
        environment: { DISPLAY: ':9' },
        volumes: [{ hostPath: core.dataDir, containerPath: '/etc', mode: 'rw', type: 'bind' }],
      },
    };
    const envelope = await core.dispatch('launch.validate', { request: bad });
    expect(envelope).toHaveProperty('result.ok', false);
    const paths = (envelope as { result: { problems: Array<{ path: string }> } }).result.problems.map((p) => p.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'launchConfig.resources.cpuLimit',
        'launchConfig.resources.memoryLimit',
        'launchConfig.environment.DISPLAY',
        'launchConfig.volumes.0.containerPath',
        'launchConfig.volumes.0.hostPath',
      ]),
    );
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });

  it('validates a request without sessionId and timestamp as sessions.launch would fill them in', async () => {
    const core = await open();
    writeGame(join(core.dataDir, 'library'), 'demo', { id: 'demo', title: 'Demo', platforms: [{ platform: 'linux', executable: 'demo' }] });
    await core.dispatch('library.list', undefined);
    const { sessionId: _id, timestamp: _at, ...bare } = request;
    const envelope = await core.dispatch('launch.validate', { request: bare });
    // Only the display can be missing here (the test's environment has none); nothing about identity.
    const paths = (envelope as { result: { problems: Array<{ path: string }> } }).result.problems.map((p) => p.path);
    expect(paths).not.toContain('sessionId');
    expect(paths).not.toContain('timestamp');
    expect(await core.dispatch('launch.validate', { request: 42 })).toMatchObject({ error: { code: 'invalid_payload' } });
  });

  it('plays a game from its id alone: its saved settings, as the account the app runs as, through the one launch check', async () => {
    const core = await open();
    writeGame(join(core.dataDir, 'library'), 'demo', { id: 'demo', title: 'Demo', platforms: [{ platform: 'linux', executable: 'demo' }] });
    expect(await core.dispatch('sessions.play', { gameId: 'nope' })).toMatchObject({ error: { code: 'not_found' } });
    const before = snapshotFiles(core.dataDir);
    // This test's environment has no display: Play is refused as sessions.launch would refuse it, writing nothing.
    const envelope = await core.dispatch('sessions.play', { gameId: 'demo', platform: 'linux' });
    expect(envelope).toMatchObject({ error: { code: 'invalid_payload', message: expect.stringMatching(/^The launch settings have/) } });
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });

  it('pushes host-wide CPU and memory each second, and answers metrics.host with the latest', async () => {
    const core = await open();
    const pushed = await new Promise<unknown>((resolve) => core.onEvent((name, payload) => name === 'host.metrics' && resolve(payload)));
    expect(pushed).toMatchObject({ cpuPercent: expect.any(Number), memoryUsed: expect.any(Number), memoryTotal: expect.any(Number), gpus: [] });
    expect(await core.dispatch('metrics.host', undefined)).toMatchObject({ result: { memoryTotal: expect.any(Number) } });
  });

  it('prunes the metrics of sessions that ended before the retention, keeping their records', async () => {
    const dataDir = tempDir();
    const old = { ...sessionRecord('sess_00000000-0000-4000-8000-000000000001'), endTime: '2020-01-02T00:00:00Z' };
    const recent = { ...sessionRecord('sess_00000000-0000-4000-8000-000000000002'), endTime: new Date().toISOString() };
    for (const session of [old, recent]) {
      const day = join(dataDir, 'runner-sessions', 'history', session.endTime.slice(0, 10));
      mkdirSync(day, { recursive: true });
      writeFileSync(join(day, `${session.sessionId}.json`), JSON.stringify(session));
      mkdirSync(join(dataDir, 'runner-sessions', 'metrics', session.sessionId), { recursive: true });
      writeFileSync(join(dataDir, 'runner-sessions', 'metrics', session.sessionId, `${session.startTime.replace(/:/g, '-')}.json`), '{"sessionId":"x","samples":[\n]}');
    }
    const core = await open(dataDir);
    const metricsDir = (id: string) => join(dataDir, 'runner-sessions', 'metrics', id);
    for (let i = 0; i < 50 && existsSync(metricsDir(old.sessionId)); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(metricsDir(old.sessionId))).toBe(false);
    expect(existsSync(metricsDir(recent.sessionId))).toBe(true);
    expect(await core.dispatch('sessions.get', { sessionId: old.sessionId })).toHaveProperty('result.status', 'terminated');
  });

  it('answers sessions.get for an unknown session with not_found', async () => {
    const core = await open();
    expect(await core.dispatch('sessions.get', { sessionId: request.sessionId })).toEqual({
      error: { code: 'not_found', message: expect.stringContaining(request.sessionId) },
    });
    expect(await core.dispatch('sessions.list', { status: ['running', 'starting'] })).toEqual({ result: [] });
  });

  it('reports an unreachable engine with what to do, and keeps working', async () => {
    const core = await open();
    const envelope = await core.dispatch('engine.status', undefined);
    expect(envelope).toMatchObject({ result: { reachable: false, message: expect.stringMatching(/Docker is not running.*Start it/) } });
  });

  it('refuses a second core on the same data dir with a clear message', async () => {
    const core = await open();
    await expect(createCore({ dataDir: core.dataDir, dockerEndpoint: '/nonexistent.sock', env: {} })).rejects.toThrow(
      /already using the data folder.*DILLINGER_DATA_DIR/,
    );
  });
});
