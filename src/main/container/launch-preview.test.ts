// The settings form's "Preview container" shows what the launch would create: the same display and
// sound attachments (built by the same pure sessionAttachments), the same game user, with a
// placeholder where the session's runtime dir will be.
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameLaunchRequest, type GameLaunchRequestInput } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import type { HostWayland } from '../display/wayland-display';
import { buildContainerSpec } from './container-spec';
import { RUNTIME_DIR_PLACEHOLDER, describeSpec, previewContainer } from './launch-preview';
import { sessionAttachments } from './session-attachments';

const SESSION = 'sess_7f9e2b4a-1234-5678-9abc-def012345678';
const game: LibraryGame = { id: 'game_supertux', title: 'SuperTux', folder: 'supertux', platforms: [{ platform: 'linux', executable: 'supertux', arguments: [] }] };
const baseFacts: HostFacts = {
  cpuCount: 8, memoryBytes: 16 * 2 ** 30, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [],
  displays: {
    x11: { displayId: ':1', socketPath: '/tmp/.X11-unix/X1' },
    wayland: { displayId: 'wayland-0', socketPath: '/run/user/1500/wayland-0' },
  },
};
const withSound: HostFacts = { ...baseFacts, sound: { server: 'unix:/run/user/1500/pulse/native' } };
const noSound: HostFacts = { ...baseFacts, sound: { missing: 'No sound server was found' } };
const WAYLAND: HostWayland = { displayId: 'wayland-0', socketPath: '/run/user/1500/wayland-0', owner: { uid: 1500, gid: 1501 } };
const DESKTOP_USER = { uid: 1000, gid: 1000 };

function request(config: Partial<GameLaunchRequestInput['launchConfig']>): GameLaunchRequest {
  return GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_john_doe', platform: 'linux', sessionId: SESSION, timestamp: '2025-10-29T14:29:45Z',
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, ...config },
  });
}

function preview(config: Partial<GameLaunchRequestInput['launchConfig']>, facts: HostFacts = noSound, extra: { appUid?: number; wayland?: HostWayland; env?: NodeJS.ProcessEnv } = {}) {
  return previewContainer({
    request: request(config), game, facts, image: 'dillinger-runner:local', gameFolder: '/home/player/Games/supertux', user: DESKTOP_USER,
    appUid: 0, wayland: WAYLAND, ...extra,
  });
}

const PULSE_MOUNT = { type: 'bind', source: `${RUNTIME_DIR_PLACEHOLDER}/pulse.sock`, target: '/run/dillinger/pulse.sock', readOnly: true };

describe('previewContainer', () => {
  it('x11: the display socket and the session cookie, run as the desktop user, nothing of Wayland', () => {
    const shown = preview({ displayMode: 'x11' });
    expect(shown.mounts).toContainEqual({ type: 'bind', source: '/tmp/.X11-unix/X1', target: '/tmp/.X11-unix/X1', readOnly: true });
    expect(shown.mounts).toContainEqual({ type: 'bind', source: `${RUNTIME_DIR_PLACEHOLDER}/xauth`, target: '/run/dillinger/xauth', readOnly: true });
    expect(shown.environment).toMatchObject({ DISPLAY: ':1', XAUTHORITY: '/run/dillinger/xauth', DILLINGER_UID: '1000', DILLINGER_GID: '1000' });
    expect(shown.user).toBe('1000:1000');
    expect(shown.environment.WAYLAND_DISPLAY).toBeUndefined();
    expect(shown.mounts.map((m) => m.target)).not.toContain('/run/dillinger/wayland-0');
  });

  it('x11 isolated: the nested display\'s socket and its own cookie, never the user\'s socket', () => {
    const shown = preview({ displayMode: 'x11', displayIsolation: 'isolated', resolution: '800x600' });
    expect(shown.mounts).toContainEqual({ type: 'bind', source: '/tmp/.X11-unix/X<n>', target: '/tmp/.X11-unix/X<n>', readOnly: true });
    expect(shown.mounts).toContainEqual({ type: 'bind', source: `${RUNTIME_DIR_PLACEHOLDER}/xauth`, target: '/run/dillinger/xauth', readOnly: true });
    expect(shown.mounts.map((m) => m.source)).not.toContain('/tmp/.X11-unix/X1');
    expect(shown.environment.DISPLAY).toBe(':<n>');
    expect(shown.display).toMatch(/Xephyr at 800x600 in a window on your display :1, its number \(<n>\) chosen at launch, with a cookie of its own/);
    expect(preview({ displayMode: 'x11', displayIsolation: 'isolated', fullscreen: true }).display).toMatch(/Xephyr at 1280x720, fullscreen/);
    expect(preview({ displayMode: 'x11' }).display).toBeUndefined();
  });

  it('wayland: the compositor socket, WAYLAND_DISPLAY and a private XDG_RUNTIME_DIR, run as the socket owner', () => {
    const shown = preview({ displayMode: 'wayland' });
    expect(shown.mounts).toContainEqual({ type: 'bind', source: '/run/user/1500/wayland-0', target: '/run/dillinger/wayland-0', readOnly: true });
    expect(shown.environment).toMatchObject({
      WAYLAND_DISPLAY: 'wayland-0', XDG_RUNTIME_DIR: '/tmp/dillinger-runtime', DILLINGER_WAYLAND_SOCKET: '/run/dillinger/wayland-0',
      DILLINGER_UID: '1500', DILLINGER_GID: '1501',
    });
    expect(shown.user).toBe('1500:1501');
    expect(shown.environment.DISPLAY).toBeUndefined();
    expect(shown.environment.XAUTHORITY).toBeUndefined();
    expect(shown.mounts.map((m) => m.target)).not.toContain('/run/dillinger/xauth');
  });

  it('wayland as a normal user: refuses another user\'s compositor, as the launch does', () => {
    expect(() => preview({ displayMode: 'wayland' }, noSound, { appUid: 1000 })).toThrow(/belongs to uid 1500, not to you/);
  });

  it('audio on with a sound server: the session\'s own socket and PULSE_SERVER', () => {
    for (const displayMode of ['x11', 'wayland'] as const) {
      const shown = preview({ displayMode, audioEnabled: true }, withSound);
      expect(shown.mounts).toContainEqual(PULSE_MOUNT);
      expect(shown.environment.PULSE_SERVER).toBe('unix:/run/dillinger/pulse.sock');
    }
  });

  it('audio off, or no sound server found (or not known): no sound path at all', () => {
    for (const [config, facts] of [
      [{ audioEnabled: false }, withSound],
      [{ audioEnabled: true }, noSound],
      [{ audioEnabled: true }, baseFacts],
    ] as const) {
      const shown = preview(config, facts);
      expect(shown.mounts.map((m) => m.target)).not.toContain('/run/dillinger/pulse.sock');
      expect(shown.environment.PULSE_SERVER).toBeUndefined();
    }
  });

  it('shows exactly the spec the launch builds from the same attachments (runtime dir aside)', () => {
    for (const config of [{ displayMode: 'x11' as const, audioEnabled: true }, { displayMode: 'wayland' as const, audioEnabled: true }]) {
      const req = request(config);
      const attachments = sessionAttachments({
        request: req, runtimeDir: RUNTIME_DIR_PLACEHOLDER, appUid: 0, user: DESKTOP_USER,
        host: { x11: { number: '1', socketPath: '/tmp/.X11-unix/X1' }, wayland: WAYLAND, sound: true },
      });
      const launched = describeSpec(buildContainerSpec({ request: req, game, facts: withSound, image: 'dillinger-runner:local', gameFolder: '/home/player/Games/supertux', ...attachments }));
      expect(preview(config, withSound)).toEqual(launched);
    }
  });

  it('shows every tmpfs with its size, and the disk limit as their sum', () => {
    const scratch = { hostPath: '', containerPath: '/scratch', mode: 'rw' as const, type: 'tmpfs' as const };
    const shown = preview({ resources: { gpuAccess: 'none', diskLimit: '64m' }, volumes: [scratch] });
    const tmpfs = shown.mounts.filter((m) => m.type === 'tmpfs');
    expect(tmpfs).toEqual([
      { type: 'tmpfs', source: 'memory, 24 MiB', target: '/scratch', readOnly: false },
      { type: 'tmpfs', source: 'memory, 24 MiB', target: '/tmp', readOnly: false },
      { type: 'tmpfs', source: 'memory, 16 MiB', target: '/dev/shm', readOnly: false },
    ]);
    expect(shown.diskLimitBytes).toBe(64 * 2 ** 20);
    expect(preview({}).diskLimitBytes).toBe(2 * 2 ** 30);
  });

  describe('reads the Wayland socket and its owner from the environment, as the launch does', () => {
    let dir: string;
    let server: Server;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'preview-wayland-'));
      server = createServer();
      await new Promise<void>((resolve) => server.listen(join(dir, 'wayland-7'), resolve));
    });
    afterAll(() => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('mounts that socket, run as its owner (handed to the compositor\'s user when the app is root)', () => {
      const appUid = process.getuid?.() ?? 0;
      const socket = join(dir, 'wayland-7');
      const owner = appUid === 0 ? { uid: 1500, gid: 1501 } : { uid: appUid, gid: process.getgid?.() ?? 0 };
      if (appUid === 0) chownSync(socket, owner.uid, owner.gid);
      try {
        const shown = previewContainer({
          request: request({ displayMode: 'wayland' }), game, facts: noSound, image: 'dillinger-runner:local', gameFolder: '/home/player/Games/supertux',
          user: { uid: 4242, gid: 4242 }, env: { XDG_RUNTIME_DIR: dir, WAYLAND_DISPLAY: 'wayland-7' }, appUid,
        });
        expect(shown.mounts).toContainEqual({ type: 'bind', source: socket, target: '/run/dillinger/wayland-0', readOnly: true });
        expect(shown.user).toBe(`${owner.uid}:${owner.gid}`);
      } finally {
        if (appUid === 0) chownSync(socket, 0, 0);
      }
    });

    it('as root, a root-owned socket is refused, as the launch refuses it', () => {
      if ((process.getuid?.() ?? 0) !== 0) return;
      expect(() => previewContainer({
        request: request({ displayMode: 'wayland' }), game, facts: noSound, image: 'dillinger-runner:local', gameFolder: '/home/player/Games/supertux',
        user: DESKTOP_USER, env: { XDG_RUNTIME_DIR: dir, WAYLAND_DISPLAY: 'wayland-7' }, appUid: 0,
      })).toThrow(/belongs to root/);
    });
  });
});
