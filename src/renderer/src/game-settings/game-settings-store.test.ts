import { describe, expect, it } from 'vitest';
import type { GameSettings } from '../../../shared/contract/contract';
import { ContractError } from '../../../shared/contract/envelope';
import { LaunchConfiguration } from '../../../shared/model/entities';
import { HOME, dir, makeFacts } from '../../../shared/test-support/test-facts';
import { fakeClient, tick } from '../test-support/fake-client';
import { newRowId } from './form-model';
import { createGameSettingsStore } from './game-settings-store';

const DEFAULTS: GameSettings = {
  gameId: 'game_supertux',
  platform: 'linux',
  launchConfig: LaunchConfiguration.parse({ displayMode: 'x11', audioEnabled: true, resources: { gpuAccess: 'none' } }),
  saved: false,
};

function setup(facts = makeFacts({ paths: {} })) {
  let stored: GameSettings = DEFAULTS;
  const fake = fakeClient({
    'games.settings.get': () => stored,
    'host.facts': (input: { paths?: string[] }) => {
      const known = makeFacts();
      return { ...facts, paths: Object.fromEntries((input.paths ?? []).map((p) => [p, known.paths[p] ?? { exists: false, accessible: false }])) };
    },
    'games.settings.save': (input: { gameId: string; platform: 'linux'; launchConfig: unknown }) => {
      stored = { gameId: input.gameId, platform: input.platform, launchConfig: LaunchConfiguration.parse(input.launchConfig), saved: true };
      return stored;
    },
    'games.settings.reset': () => {
      stored = DEFAULTS;
      return stored;
    },
    'app.info': () => ({ dataDir: '/data', libraryDir: '/games', warnings: [], canPickPaths: false, userId: 'ada' }),
    'launch.preview': () => ({ ok: true, problems: [], container: { image: 'dillinger-runner:local', command: ['demo'], user: '1000:1000', environment: {}, mounts: [], devices: [], networkMode: 'none', capabilities: [], securityOptions: [], memoryLimitBytes: 1024 } }),
  });
  const store = createGameSettingsStore(5);
  return { store, ...fake };
}

describe('game settings store', () => {
  it('loads settings and facts, validates each edit and clears a fixed problem', async () => {
    const { store, client } = setup();
    await store.getState().open(client, 'game_supertux');
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().problems).toEqual([]);
    store.getState().edit(client, { memoryLimit: '12zz' });
    expect(store.getState().problems.map((p) => p.path)).toEqual(['launchConfig.resources.memoryLimit']);
    expect(store.getState().isDirty()).toBe(true);
    store.getState().edit(client, { memoryLimit: '2G' });
    expect(store.getState().problems).toEqual([]);
  });

  it('saves, then is clean; reset answers the defaults', async () => {
    const { store, client, callsOf } = setup();
    await store.getState().open(client, 'game_supertux');
    store.getState().edit(client, { memoryLimit: '2G', environment: [{ id: newRowId(), name: 'A', value: 'b' }] });
    expect(await store.getState().save(client)).toBe(true);
    expect(callsOf('games.settings.save')[0]).toMatchObject({ gameId: 'game_supertux', platform: 'linux', launchConfig: { resources: { memoryLimit: '2G' }, environment: { A: 'b' } } });
    expect(store.getState().isDirty()).toBe(false);
    expect(store.getState().notice?.kind).toBe('ok');
    await store.getState().reset(client);
    expect(store.getState().form?.memoryLimit).toBe('');
  });

  it('does not save a form with problems, and shows the problems the core answers', async () => {
    const { store, client } = setup();
    await store.getState().open(client, 'game_supertux');
    store.getState().edit(client, { memoryLimit: 'lots' });
    expect(await store.getState().save(client)).toBe(false);

    const refusing = fakeClient({
      'games.settings.get': () => DEFAULTS,
      'host.facts': () => makeFacts(),
      'games.settings.save': () => {
        throw new ContractError('invalid_payload', 'The settings have problems.', [{ path: 'launchConfig.resources.memoryLimit', message: 'Too much.' }]);
      },
    });
    await store.getState().open(refusing.client, 'game_supertux');
    expect(await store.getState().save(refusing.client)).toBe(false);
    expect(store.getState().problems).toEqual([{ path: 'launchConfig.resources.memoryLimit', message: 'Too much.' }]);
    expect(store.getState().notice?.kind).toBe('error');
  });

  it('waits for the facts of a typed path before judging it', async () => {
    const { store, client, callsOf } = setup();
    await store.getState().open(client, 'game_supertux');
    store.getState().edit(client, { volumes: [{ id: newRowId(), type: 'bind', hostPath: `${HOME}/Games/saves`, containerPath: '/saves', mode: 'rw' }] });
    expect(store.getState().pendingPaths).toEqual([`${HOME}/Games/saves`]);
    expect(store.getState().problems).toEqual([]);
    await tick(30);
    expect(callsOf('host.facts').at(-1)).toEqual({ paths: [`${HOME}/Games/saves`] });
    expect(store.getState().facts?.paths[`${HOME}/Games/saves`]).toEqual(dir(`${HOME}/Games/saves`));
    expect(store.getState().pendingPaths).toEqual([]);
    expect(store.getState().problems).toEqual([]);

    store.getState().edit(client, (form) => ({ volumes: [{ ...form.volumes[0]!, hostPath: `${HOME}/gone` }] }));
    await tick(30);
    expect(store.getState().problems.map((p) => p.path)).toEqual(['launchConfig.volumes.0.hostPath']);
  });

  it('previews the container for the form as it is', async () => {
    const { store, client, callsOf } = setup();
    await store.getState().open(client, 'game_supertux');
    await store.getState().showPreview(client);
    // Played by the account the app runs as (app.info), as a launch would be.
    expect(callsOf('launch.preview')[0]).toMatchObject({ request: { gameId: 'game_supertux', userId: 'ada', platform: 'linux' } });
    expect(store.getState().draft('bob')).toMatchObject({ gameId: 'game_supertux', userId: 'bob' });
    expect(store.getState().preview).toMatchObject({ container: { image: 'dillinger-runner:local' } });
    store.getState().edit(client, { cpuLimit: '1' });
    expect(store.getState().preview).toBeUndefined();
  });

  it('says why a game could not be loaded', async () => {
    const { client } = fakeClient({
      'games.settings.get': () => {
        throw new ContractError('not_found', 'There is no game x.');
      },
    });
    const store = createGameSettingsStore();
    await store.getState().open(client, 'x');
    expect(store.getState()).toMatchObject({ phase: 'error', loadError: 'There is no game x.' });
  });
});
