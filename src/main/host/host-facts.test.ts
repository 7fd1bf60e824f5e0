import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateLaunchRequest } from '../../shared/validation/launch-request';
import { useTempDirs } from '../test-support/temp-dir';
import { gatherHostFacts } from './host-facts';

const tempDir = useTempDirs();

describe('gatherHostFacts', () => {
  it('resolves real paths so a symlink cannot lead a mount out of the allowed folders', async () => {
    const root = tempDir();
    const games = join(root, 'games');
    const dataDir = join(root, 'data');
    mkdirSync(join(games, 'saves'), { recursive: true });
    mkdirSync(dataDir);
    symlinkSync(dataDir, join(games, 'sneaky'));
    symlinkSync('/etc', join(games, 'etc-link'));

    const facts = await gatherHostFacts(
      {
        allowedHostDirectories: [games],
        extraDenied: [dataDir],
        library: { root, games: [{ id: 'g', title: 'G', folder: 'g', platforms: [{ platform: 'linux', executable: 'g', arguments: [] }] }], problems: [] },
        sessionIds: () => [],
        gpus: async () => [],
        env: {},
      },
      [join(games, 'saves'), join(games, 'sneaky'), join(games, 'etc-link'), join(games, 'missing')],
    );
    expect(facts.paths[join(games, 'saves')]).toEqual({ exists: true, accessible: true, realPath: join(games, 'saves'), kind: 'directory' });
    expect(facts.paths[join(games, 'sneaky')]?.realPath).toBe(dataDir);
    expect(facts.paths[join(games, 'missing')]).toEqual({ exists: false, accessible: false });
    expect(facts.cpuCount).toBeGreaterThan(0);
    expect(facts.games).toEqual([{ id: 'g', title: 'G', platforms: ['linux'] }]);
    expect(facts.deniedHostPaths).toEqual(expect.arrayContaining(['/etc', '/proc', '/var/run/docker.sock', dataDir]));

    const mount = (hostPath: string, containerPath: string) => ({ hostPath, containerPath, mode: 'ro', type: 'bind' });
    const verdict = validateLaunchRequest(
      {
        gameId: 'g', userId: 'me', platform: 'linux', sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678', timestamp: new Date().toISOString(),
        launchConfig: {
          displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {},
          volumes: [mount(join(games, 'saves'), '/saves'), mount(join(games, 'sneaky'), '/a'), mount(join(games, 'etc-link'), '/b'), mount(join(games, 'missing'), '/c')],
        },
      },
      facts,
    );
    const hostPathProblems = verdict.ok ? [] : verdict.problems.filter((p) => p.path.endsWith('hostPath'));
    expect(hostPathProblems.map((p) => p.path)).toEqual(['launchConfig.volumes.1.hostPath', 'launchConfig.volumes.2.hostPath', 'launchConfig.volumes.3.hostPath']);
    expect(hostPathProblems[0]?.message).toMatch(/which is .*data.*games may not reach/);
    expect(hostPathProblems[1]?.message).toMatch(/which is \/etc/);
    expect(hostPathProblems[2]?.message).toMatch(/does not exist/);
  });

  it('carries the GPU inventory and the engine\'s NVIDIA runtime, leaving the runtime out when unknown', async () => {
    const gpu = { ids: ['0', 'GPU-5e9476e9-c5f5-7cab-99e2-9dc1767daaf6'], vendor: 'nvidia' as const, name: 'NVIDIA H200', nodes: [] };
    const sources = (nvidiaRuntime?: () => Promise<boolean | undefined>) => ({
      allowedHostDirectories: [], extraDenied: [], library: { root: '/', games: [], problems: [] }, sessionIds: () => [], gpus: async () => [gpu], env: {},
      ...(nvidiaRuntime ? { nvidiaRuntime } : {}),
    });
    expect(await gatherHostFacts(sources(async () => true))).toMatchObject({ gpus: [gpu], nvidiaRuntime: true });
    expect(await gatherHostFacts(sources(async () => false))).toMatchObject({ nvidiaRuntime: false });
    expect(await gatherHostFacts(sources(async () => undefined))).not.toHaveProperty('nvidiaRuntime');
    expect(await gatherHostFacts(sources())).not.toHaveProperty('nvidiaRuntime');
  });
});
