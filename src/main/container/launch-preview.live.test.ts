// launch.preview through the core's contract on a machine with a real X server (Xvfb): the
// container a request would get, with the display's socket and the cookie's path, never the cookie.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../core';
import { writeGame } from '../test-support/library-fixture';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';

const x = findRealXServer();
const tempDir = useTempDirs();
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function open(options: Partial<CoreOptions> = {}): Promise<Core> {
  const dataDir = options.dataDir ?? tempDir();
  // An endpoint that cannot answer: a preview needs no engine.
  const core = await createCore({ dataDir, dockerEndpoint: join(dataDir, 'no-docker.sock'), seedDemoGames: false, env: {}, ...options });
  opened.push(core);
  return core;
}

async function call<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if ('error' in envelope) throw Object.assign(new Error(envelope.error.message), envelope.error);
  return envelope.result as T;
}

const library = (core: Core) => join(core.dataDir, 'library');

describe('launch.preview', () => {
  it.skipIf(!x.available)('on a machine with an X display: the effective container, without the cookie itself', async () => {
    const core = await open({ env: { DISPLAY: x.display, XAUTHORITY: x.xauthority } });
    writeGame(library(core), 'lin', { id: 'lin', title: 'Lin', platforms: [{ platform: 'linux', executable: 'bin/lin', arguments: ['--fast'] }] });
    const request = { gameId: 'lin', userId: 'me', platform: 'linux', launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none', cpuLimit: 2, memoryLimit: '1g', diskLimit: '512m' }, environment: { LANG: 'C' } } };
    const preview = await call<{ ok: boolean; container: Record<string, unknown> }>(core, 'launch.preview', { request });
    const number = x.display.replace(/^:/, '').split('.')[0];
    expect(preview).toMatchObject({ ok: true, problems: [] });
    expect(preview.container).toMatchObject({
      image: 'dillinger-runner:local',
      command: ['linux', '/library/lin/bin/lin', '--fast'],
      environment: { LANG: 'C', DISPLAY: `:${number}`, XAUTHORITY: '/run/dillinger/xauth' },
      cpuLimit: 2,
      memoryLimitBytes: 1024 ** 3,
      diskLimitBytes: 512 * 1024 ** 2,
      networkMode: 'none',
      securityOptions: expect.arrayContaining(['no-new-privileges', 'read-only root file system', 'all other capabilities dropped']),
      devices: [],
    });
    expect(preview.container.mounts).toEqual(expect.arrayContaining([
      { type: 'bind', source: join(library(core), 'lin'), target: '/library/lin', readOnly: true }, // its own folder only
      { type: 'bind', source: `/tmp/.X11-unix/X${number}`, target: `/tmp/.X11-unix/X${number}`, readOnly: true },
      { type: 'bind', source: '<session runtime dir>/xauth', target: '/run/dillinger/xauth', readOnly: true },
      { type: 'bind', source: join(core.dataDir, 'saves/lin/home'), target: '/tmp/dillinger-home', readOnly: false }, // its persistent home
    ]));

    // A Windows game: its prefix volume, with the game's own folder of its Windows saves bound over its drive_c/users.
    writeGame(library(core), 'win', { id: 'win', title: 'Win', platforms: [{ platform: 'windows', executable: 'win.exe' }] });
    const windows = await call<{ ok: boolean; container: { mounts: unknown[] } }>(core, 'launch.preview', {
      request: { ...request, gameId: 'win', platform: 'windows', launchConfig: { ...request.launchConfig, winePrefix: 'win-prefix' } },
    });
    expect(windows.container.mounts).toEqual(expect.arrayContaining([
      { type: 'bind', source: join(core.dataDir, 'saves/win/home'), target: '/tmp/dillinger-home', readOnly: false },
      { type: 'volume', source: 'win-prefix', target: '/wine-prefix', readOnly: false },
      { type: 'bind', source: join(core.dataDir, 'saves/win/prefix-users'), target: '/wine-prefix/drive_c/users', readOnly: false },
      { type: 'volume', source: 'win-prefix', target: '/dillinger-prefix-volume', readOnly: true },
    ]));
  });
});
