import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { detectDisplays } from './displays';

const tempDir = useTempDirs();
const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function socketAt(path: string): Promise<void> {
  return new Promise((resolve) => servers.push(createServer().listen(path, resolve)));
}

describe('detectDisplays', () => {
  it('finds nothing without DISPLAY or WAYLAND_DISPLAY', () => {
    expect(detectDisplays({})).toEqual({});
  });

  it('finds a Wayland socket under XDG_RUNTIME_DIR, relative or absolute', async () => {
    const runtime = tempDir();
    await socketAt(join(runtime, 'wayland-1'));
    expect(detectDisplays({ XDG_RUNTIME_DIR: runtime, WAYLAND_DISPLAY: 'wayland-1' })).toEqual({
      wayland: { displayId: 'wayland-1', socketPath: join(runtime, 'wayland-1') },
    });
    expect(detectDisplays({ WAYLAND_DISPLAY: join(runtime, 'wayland-1') }).wayland?.socketPath).toBe(join(runtime, 'wayland-1'));
    expect(detectDisplays({ XDG_RUNTIME_DIR: runtime, WAYLAND_DISPLAY: 'wayland-9' })).toEqual({});
  });

  it('ignores an X display whose socket is missing, and remote displays', () => {
    expect(detectDisplays({ DISPLAY: ':987' })).toEqual({});
    expect(detectDisplays({ DISPLAY: 'otherhost:0' })).toEqual({});
  });

});
