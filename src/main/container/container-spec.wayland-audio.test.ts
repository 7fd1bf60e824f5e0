// The display and sound parts of the container spec: exactly one display socket (X11 with its
// cookie, or the Wayland socket with a private runtime dir), and a sound socket only when asked.
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type GameLaunchRequestInput } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { buildContainerSpec, type ContainerSpecInput } from './container-spec';

const SESSION = 'sess_7f9e2b4a-1234-5678-9abc-def012345678';
const RUNTIME = `/run/user/1000/dillinger/${SESSION}`;
const game: LibraryGame = { id: 'game_supertux', title: 'SuperTux', folder: 'supertux', platforms: [{ platform: 'linux', executable: 'supertux', arguments: [] }] };
const facts: HostFacts = { cpuCount: 8, memoryBytes: 16 * 2 ** 30, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [] };
const X11 = { number: '0', socketPath: '/tmp/.X11-unix/X0', xauthorityPath: `${RUNTIME}/xauth` };
const WAYLAND = { socketPath: '/run/user/1000/wayland-0' };
const AUDIO = { socketPath: `${RUNTIME}/pulse.sock` };

function spec(config: Partial<GameLaunchRequestInput['launchConfig']>, attach: Partial<ContainerSpecInput>) {
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_john_doe', platform: 'linux', sessionId: SESSION, timestamp: '2025-10-29T14:29:45Z',
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, ...config },
  });
  const built = buildContainerSpec({ request, game, facts, image: 'dillinger-runner:local', gameFolder: '/home/player/Games/game', user: { uid: 1000, gid: 1000 }, ...attach });
  const env = Object.fromEntries((built.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  const mounts = (built.HostConfig?.Mounts ?? []).filter((m) => !m.Target.startsWith('/library'));
  return { env, mounts };
}

describe('the Wayland display', () => {
  it('mounts only the compositor socket, read-only, at a fixed path, and names it in a private runtime dir', () => {
    const { env, mounts } = spec({ displayMode: 'wayland' }, { wayland: WAYLAND });
    expect(mounts).toEqual([{ Type: 'bind', Source: '/run/user/1000/wayland-0', Target: '/run/dillinger/wayland-0', ReadOnly: true }]);
    expect(env).toMatchObject({ WAYLAND_DISPLAY: 'wayland-0', XDG_RUNTIME_DIR: '/tmp/dillinger-runtime', DILLINGER_WAYLAND_SOCKET: '/run/dillinger/wayland-0' });
    // No X11 path at all: an X11-only game on a Wayland desktop takes the x11 mode (Xwayland) instead.
    expect(env.DISPLAY).toBeUndefined();
    expect(env.XAUTHORITY).toBeUndefined();
    expect(mounts.map((m) => m.Target)).not.toContain('/tmp/.X11-unix/X0');
  });

  it('X11 gets its socket and cookie and nothing of Wayland', () => {
    const { env, mounts } = spec({}, { x11: X11 });
    expect(mounts.map((m) => m.Target)).toEqual(['/tmp/.X11-unix/X0', '/run/dillinger/xauth']);
    expect(env.WAYLAND_DISPLAY).toBeUndefined();
    expect(env.DILLINGER_WAYLAND_SOCKET).toBeUndefined();
  });

  it('the game runs as the user it is given (the socket owner, chosen by prepare)', () => {
    const { env } = spec({ displayMode: 'wayland' }, { wayland: WAYLAND, user: { uid: 1500, gid: 1501 } });
    expect(env).toMatchObject({ DILLINGER_UID: '1500', DILLINGER_GID: '1501' });
  });
});

describe('sound', () => {
  it('audio on: only the session\'s own socket, read-only, and PULSE_SERVER pointing at it', () => {
    const { env, mounts } = spec({ audioEnabled: true }, { x11: X11, audio: AUDIO });
    expect(mounts).toContainEqual({ Type: 'bind', Source: `${RUNTIME}/pulse.sock`, Target: '/run/dillinger/pulse.sock', ReadOnly: true });
    expect(env.PULSE_SERVER).toBe('unix:/run/dillinger/pulse.sock');
    expect(JSON.stringify(mounts)).not.toMatch(/pulse\/native|\/dev\/snd/);
  });

  it('audio off (or no sound server): no audio path at all', () => {
    for (const config of [{ audioEnabled: false }, { audioEnabled: true }]) {
      const { env, mounts } = spec(config, { x11: X11 });
      expect(env.PULSE_SERVER).toBeUndefined();
      expect(JSON.stringify(mounts)).not.toMatch(/pulse|snd/);
    }
  });

  it('works with either display', () => {
    const { env, mounts } = spec({ displayMode: 'wayland', audioEnabled: true }, { wayland: WAYLAND, audio: AUDIO });
    expect(mounts.map((m) => m.Target)).toEqual(['/run/dillinger/wayland-0', '/run/dillinger/pulse.sock']);
    expect(env).toMatchObject({ WAYLAND_DISPLAY: 'wayland-0', PULSE_SERVER: 'unix:/run/dillinger/pulse.sock' });
  });
});
