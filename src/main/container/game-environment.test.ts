// The user's variables never reach the container's first process under their own names (that part
// runs as root), and the app's own variables win over the user's; the preview shows what the game gets.
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { buildContainerSpec } from './container-spec';
import { containerEnv, environmentAsTheGameGetsIt } from './game-environment';
import { describeSpec } from './launch-preview';

const game: LibraryGame = { id: 'game_x', title: 'X', folder: 'x', platforms: [{ platform: 'windows', executable: 'x.exe', arguments: [] }] };
const facts: HostFacts = { cpuCount: 2, memoryBytes: 2 ** 32, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [] };
/** What a user (or a request that skipped validation) could put in the launch settings. */
const HOSTILE = { PATH: '/library/x/bin:/usr/bin', BASH_ENV: '/library/x/env.sh', LD_PRELOAD: '/library/x/evil.so', LD_LIBRARY_PATH: '/library/x', DISPLAY: ':9', DILLINGER_UID: '0', DXVK_HUD: 'fps' };

function spec(environment: Record<string, string>, winePrefix = 'x-prefix') {
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_a', platform: 'windows', sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678', timestamp: '2025-10-29T14:29:45Z',
    launchConfig: { winePrefix, displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
  });
  // Straight into the spec, past any validation of names: the defence must hold without it.
  request.launchConfig.environment = environment;
  return buildContainerSpec({
    request, game, facts, image: 'dillinger-runner:local', gameFolder: '/games/x', user: { uid: 1000, gid: 1000 },
    x11: { number: '1', socketPath: '/tmp/.X11-unix/X1', xauthorityPath: '/run/x/xauth' },
  });
}

describe('the container environment', () => {
  it('carries the user\'s variables prefixed only, so none of them is a plain name when the root entrypoint starts', () => {
    const env = spec(HOSTILE).Env ?? [];
    const names = env.map((entry) => entry.slice(0, entry.indexOf('=')));
    for (const name of ['PATH', 'BASH_ENV', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DXVK_HUD']) expect(names, name).not.toContain(name);
    expect(env).toEqual(expect.arrayContaining([
      'DILLINGER_ENV_PATH=/library/x/bin:/usr/bin', 'DILLINGER_ENV_BASH_ENV=/library/x/env.sh', 'DILLINGER_ENV_LD_PRELOAD=/library/x/evil.so', 'DILLINGER_ENV_DXVK_HUD=fps',
    ]));
  });

  it('lets the app\'s own variables win: a user DISPLAY or DILLINGER_UID is dropped, not carried', () => {
    const env = spec(HOSTILE).Env ?? [];
    expect(env).toContain('DISPLAY=:1');
    expect(env).toContain('DILLINGER_UID=1000');
    expect(env.filter((entry) => entry.startsWith('DILLINGER_ENV_DISPLAY=') || entry.startsWith('DILLINGER_ENV_DILLINGER_UID='))).toEqual([]);
    expect(containerEnv({ A: 'app' }, { A: 'user', B: 'user' })).toEqual(['A=app', 'DILLINGER_ENV_B=user']);
  });

  it('shows in the preview what the game gets: the user\'s variables under their own names, the app\'s as set', () => {
    const shown = describeSpec(spec(HOSTILE));
    expect(shown.environment).toMatchObject({ LD_PRELOAD: '/library/x/evil.so', PATH: '/library/x/bin:/usr/bin', DXVK_HUD: 'fps', DISPLAY: ':1', DILLINGER_UID: '1000' });
    expect(Object.keys(shown.environment).filter((name) => name.startsWith('DILLINGER_ENV_'))).toEqual([]);
    expect(environmentAsTheGameGetsIt(['PATH=/usr/bin', 'DILLINGER_ENV_PATH=/mine', 'broken', 'DILLINGER_ENV_=x'])).toEqual({ PATH: '/mine', DILLINGER_ENV_: 'x' });
  });

  it('tells the entrypoint whether the Wine prefix is the app\'s named volume or a host folder', () => {
    expect(spec({}).Env).toContain('DILLINGER_WINE_PREFIX_SOURCE=volume');
    expect((spec({}, '/home/me/prefix').Env ?? []).filter((entry) => entry.startsWith('DILLINGER_WINE_PREFIX_SOURCE'))).toEqual([]);
  });
});
