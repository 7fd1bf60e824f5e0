import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { useUnixSockets } from '../test-support/unix-sockets';
import { readHostWayland, waylandGameUser, type HostWayland } from './wayland-display';

const tempDir = useTempDirs();
const socketAt = useUnixSockets();

describe('the host Wayland display', () => {
  it('is $XDG_RUNTIME_DIR/$WAYLAND_DISPLAY, or WAYLAND_DISPLAY itself when absolute, with its owner', async () => {
    const runtime = tempDir();
    const socket = await socketAt(join(runtime, 'wayland-0'));
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    expect(readHostWayland({ WAYLAND_DISPLAY: 'wayland-0', XDG_RUNTIME_DIR: runtime })).toEqual({ displayId: 'wayland-0', socketPath: socket, owner: { uid, gid } });
    expect(readHostWayland({ WAYLAND_DISPLAY: socket })).toEqual({ displayId: socket, socketPath: socket, owner: { uid, gid } });
  });

  it('says what is wrong, and that x11 is the other choice', () => {
    const runtime = tempDir();
    writeFileSync(join(runtime, 'not-a-socket'), '');
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{}, /WAYLAND_DISPLAY is not set.*choose the x11 display mode/],
      [{ WAYLAND_DISPLAY: 'wayland-0' }, /XDG_RUNTIME_DIR is not set.*choose x11/],
      [{ WAYLAND_DISPLAY: 'wayland-9', XDG_RUNTIME_DIR: runtime }, /wayland-9 cannot be reached \(ENOENT\): is the compositor still running\? Otherwise choose x11/],
      [{ WAYLAND_DISPLAY: 'not-a-socket', XDG_RUNTIME_DIR: runtime }, /is not a socket/],
    ];
    for (const [env, message] of cases) expect(() => readHostWayland(env), JSON.stringify(env)).toThrow(message);
  });
});

describe('who the game runs as on Wayland', () => {
  const wayland = (uid: number, gid = uid): HostWayland => ({ displayId: 'wayland-0', socketPath: '/run/user/1000/wayland-0', owner: { uid, gid } });

  it('the socket owner: the app\'s own user, or, when the app runs as root, the compositor\'s user', () => {
    expect(waylandGameUser(wayland(1000, 1000), 1000)).toEqual({ uid: 1000, gid: 1000 });
    expect(waylandGameUser(wayland(1500, 1501), 0)).toEqual({ uid: 1500, gid: 1501 });
  });

  it('never root, and never another user\'s compositor', () => {
    expect(() => waylandGameUser(wayland(0), 0)).toThrow(/belongs to root, and games never run as root: run the compositor as a normal user, or choose x11/);
    expect(() => waylandGameUser(wayland(1001), 1000)).toThrow(/belongs to uid 1001, not to you \(uid 1000\)/);
  });
});
