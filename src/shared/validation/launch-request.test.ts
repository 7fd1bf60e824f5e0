import { describe, expect, it } from 'vitest';
import { HostFacts } from './host-facts';
import { pathsToProbe, validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { GAME_LAUNCH_REQUEST_EXAMPLE } from '../test-support/data-model-examples';
import { DATA_DIR, HOME, makeFacts, makeRequest } from '../test-support/test-facts';

const facts = makeFacts();
const problemsOf = (input: unknown, hostFacts = facts): Problem[] => {
  const result = validateLaunchRequest(input, hostFacts);
  return result.ok ? [] : result.problems;
};

describe('validateLaunchRequest end to end', () => {
  it('the fixture is a valid HostFacts', () => {
    expect(HostFacts.safeParse(facts).success).toBe(true);
  });

  it("accepts the data model's example on a machine that has the game, 8 cores, 16 GiB and X11", () => {
    const result = validateLaunchRequest(JSON.parse(GAME_LAUNCH_REQUEST_EXAMPLE), facts);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.gameId).toBe('game_diablo_pc_12345');
      expect(result.value.launchConfig.volumes).toEqual([]);
    }
  });

  it('accepts a plain Linux launch', () => {
    expect(validateLaunchRequest(makeRequest(), facts)).toEqual({ ok: true, value: makeRequest() });
  });

  it('gameId must exist in the library', () => {
    expect(problemsOf(makeRequest({}, { gameId: 'game_unknown' }))).toEqual([
      { path: 'gameId', message: 'There is no game "game_unknown" in the library: pick one from the library, or add it first.' },
    ]);
  });

  it("a game installed outside the library is launched only from a folder games may use: its game.json cannot open the host", () => {
    const installedAt = (location: string) => makeFacts({
      games: [{ id: 'game_supertux', title: 'SuperTux', platforms: ['linux'], location }],
    });
    expect(validateLaunchRequest(makeRequest(), installedAt(`${HOME}/Games`))).toMatchObject({ ok: true });
    for (const location of ['/', '/etc', `${HOME}/Games/etc-link`, DATA_DIR]) {
      const verdict = validateLaunchRequest(makeRequest(), installedAt(location));
      expect(verdict.ok).toBe(false);
      expect(verdict.ok ? [] : verdict.problems).toEqual([
        { path: 'gameId', message: expect.stringMatching(/^SuperTux's folder .*Fix "location" in its game\.json, or move the game into the library\.$/) },
      ]);
    }
  });

  it('platform must be one the game supports, naming those it does', () => {
    expect(problemsOf(makeRequest({ winePrefix: 'tux-prefix' }, { platform: 'windows', gameId: 'game_supertux' }))).toEqual([
      { path: 'platform', message: 'SuperTux runs on linux, not windows: choose linux.' },
    ]);
    expect(problemsOf({ ...JSON.parse(GAME_LAUNCH_REQUEST_EXAMPLE), platform: 'linux' })).toEqual([
      { path: 'platform', message: 'Diablo runs on windows, not linux: choose windows.' },
    ]);
  });

  it('a game on both platforms may be launched on either', () => {
    expect(problemsOf(makeRequest({}, { gameId: 'game_both', platform: 'linux' }))).toEqual([]);
    expect(problemsOf(makeRequest({ winePrefix: 'quest-prefix' }, { gameId: 'game_both', platform: 'windows' }))).toEqual([]);
  });

  it('winePrefix is required when the platform is windows', () => {
    expect(problemsOf(makeRequest({}, { gameId: 'game_both', platform: 'windows' }))).toEqual([
      { path: 'launchConfig.winePrefix', message: expect.stringMatching(/^Windows games need a Wine prefix/) as unknown as string },
    ]);
  });

  it('sessionId must not be used by any session yet', () => {
    expect(problemsOf(makeRequest({}, { sessionId: 'sess_00000000-0000-4000-8000-000000000001' }))).toEqual([
      { path: 'sessionId', message: 'Session id sess_00000000-0000-4000-8000-000000000001 is already used: generate a new one.' },
    ]);
  });

  it('sessionId must look like sess_<uuid>', () => {
    expect(problemsOf(makeRequest({}, { sessionId: 'session-1' }))).toEqual([
      { path: 'sessionId', message: 'Must look like sess_<uuid>, for example sess_7f9e2b4a-1234-5678-9abc-def012345678.' },
    ]);
  });

  it('a field whose shape is wrong is reported once, not again by a host rule', () => {
    // "x" is not a size, so the "more than host memory" rule has nothing to add; platform "mac" is
    // not a platform, so "the game does not run on it" is not said as well.
    expect(problemsOf(makeRequest({ resources: { gpuAccess: 'none', memoryLimit: 'x' } }, { platform: 'mac' as 'linux' })).map((p) => p.path)).toEqual([
      'platform', 'launchConfig.resources.memoryLimit',
    ]);
  });

  it('an unknown key inside launchConfig does not hide the problems next to it', () => {
    const request = makeRequest({ resources: { gpuAccess: 'none', cpuLimit: 32 } });
    (request.launchConfig as Record<string, unknown>).volumez = [];
    expect(problemsOf(request)).toEqual([
      { path: 'launchConfig.volumez', message: 'Unknown field "volumez": check its spelling or remove it.' },
      { path: 'launchConfig.resources.cpuLimit', message: 'This computer has 8 CPU cores: use at most 8.' },
    ]);
  });

  it('input that is not an object is refused without throwing', () => {
    for (const input of [null, undefined, 'launch', 42, []]) {
      const found = problemsOf(input);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]?.path).toBe('');
    }
  });

  it('returns ALL problems of a request with many faults at once', () => {
    const request = {
      gameId: 'game_both',
      userId: 'a/b',
      platform: 'windows',
      sessionId: 'sess_00000000-0000-4000-8000-000000000001',
      timestamp: 'now',
      launchConfig: {
        displayMode: 'x11',
        audioEnabled: 'yes',
        resolution: '3840x2160',
        refreshRate: 500,
        resources: { gpuAccess: 'shared', cpuLimit: 64, memoryLimit: '64G', diskLimit: '5 gigs', gpuDevices: ['0'] },
        environment: { DISPLAY: ':9', '1BAD': 'x', NUL: 'a\u0000' },
        volumes: [
          { hostPath: `${HOME}/Games/shortcut`, containerPath: '/usr/games', mode: 'rw', type: 'bind' },
          { hostPath: `${DATA_DIR}/sessions`, containerPath: '/saves/', mode: 'rw', type: 'bind' },
          { hostPath: 'x', containerPath: '/library', mode: 'ro', type: 'volume' },
          { hostPath: `${HOME}/Games/saves`, containerPath: '/usr/games', mode: 'rw', type: 'bind' },
        ],
        typo: 1,
      },
    };
    const found = problemsOf(request);
    // Each problem, at its exact path, with the key words that make it actionable.
    const expected: Array<[string, RegExp]> = [
      ['userId', /must not contain control characters or slashes/i],
      ['timestamp', /ISO-8601.*such as 2025-10-29T14:30:00Z/],
      ['sessionId', /already used: generate a new one/],
      ['launchConfig.audioEnabled', /true or false/],
      ['launchConfig.refreshRate', /at most 240 Hz/],
      ['launchConfig.typo', /Unknown field "typo": check its spelling or remove it/],
      ['launchConfig.winePrefix', /Windows games need a Wine prefix: give an absolute folder path/],
      ['launchConfig.resolution', /larger than the display :0 \(2560x1440\): pick a smaller resolution/],
      ['launchConfig.resources.cpuLimit', /8 CPU cores: use at most 8/],
      ['launchConfig.resources.memoryLimit', /64G is more than this computer's 16 GiB of memory: use less/],
      ['launchConfig.resources.diskLimit', /"5 gigs" is not a size Docker understands: use .* such as 512m/],
      ['launchConfig.resources.gpuDevices', /only .* when GPU access is 'dedicated': switch to dedicated or clear the list/],
      ['launchConfig.environment.DISPLAY', /set by the app: change the display mode setting \(displayMode\) instead/],
      ['launchConfig.environment.1BAD', /not a valid variable name: use letters, digits and underscores/],
      ['launchConfig.environment.NUL', /NUL character.*remove it/],
      ['launchConfig.volumes.0.containerPath', /inside the system folder \/usr: pick another place/],
      ['launchConfig.volumes.0.hostPath', /\(which is \/srv\/other-user\) is outside the folders games may use.*Settings → Allowed folders/],
      ['launchConfig.volumes.1.containerPath', /plain form: \/saves/],
      ['launchConfig.volumes.1.hostPath', /lies in .*dillinger-runner, which games may not reach: pick a folder of your own/],
      ['launchConfig.volumes.2.containerPath', /collides with the app's own mount at \/library: pick another place/],
      ['launchConfig.volumes.2.hostPath', /"x" is not a Docker volume name: use at least 2/],
      ['launchConfig.volumes.3.containerPath', /inside the system folder \/usr: pick another place/],
      ['launchConfig.volumes.3.containerPath', /Mount 1 already uses \/usr\/games: each mount needs its own place/],
    ];
    expect(found).toHaveLength(expected.length);
    for (const [path, message] of expected) {
      expect(found.some((p) => p.path === path && message.test(p.message)), `${path} ${String(message)}`).toBe(true);
    }
  });
});

describe('pathsToProbe', () => {
  it('names the bind host paths and the Wine prefix with its parent, nothing else', () => {
    const request = makeRequest({
      winePrefix: `${HOME}/prefixes/new-game`,
      volumes: [
        { hostPath: `${HOME}/Games/saves`, containerPath: '/saves', mode: 'rw', type: 'bind' },
        { hostPath: 'game-saves', containerPath: '/data', mode: 'rw', type: 'volume' },
        { hostPath: '', containerPath: '/cache', mode: 'rw', type: 'tmpfs' },
        { hostPath: 'relative/path', containerPath: '/rel', mode: 'rw', type: 'bind' },
        { hostPath: `${HOME}/Games/saves`, containerPath: '/saves2', mode: 'ro', type: 'bind' },
      ],
    });
    expect(pathsToProbe(request).sort()).toEqual([`${HOME}/Games/saves`, `${HOME}/prefixes`, `${HOME}/prefixes/new-game`]);
  });

  it('skips a volume-name prefix and tolerates malformed input', () => {
    expect(pathsToProbe(makeRequest({ winePrefix: 'mygame-prefix' }))).toEqual([]);
    expect(pathsToProbe({})).toEqual([]);
    expect(pathsToProbe({ launchConfig: { volumes: [null, 3] } })).toEqual([]);
  });

  it('what it names is what validation looks up: an unprobed path is reported as not checked', () => {
    const request = makeRequest({ volumes: [{ hostPath: `${HOME}/new-folder`, containerPath: '/x', mode: 'rw', type: 'bind' }] });
    expect(pathsToProbe(request)).toEqual([`${HOME}/new-folder`]);
    expect(problemsOf(request)).toEqual([
      { path: 'launchConfig.volumes.0.hostPath', message: `Folder ${HOME}/new-folder has not been checked yet: try again.` },
    ]);
  });
});
