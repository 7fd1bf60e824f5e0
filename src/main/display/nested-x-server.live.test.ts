// The nested X server on the real X server: it answers at the size asked, only with its own cookie,
// records its pid for adoption, and stops (its socket gone) when the session ends or its window closes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { NESTED_PID_FILE, isSessionNestedX, nestedCookieFile, nestedDisplayOf, startNestedX, stopNestedX } from './nested-x-server';

const x = findRealXServer();
const tempDir = useTempDirs();
const started: string[] = [];
/** A runtime dir with the nested display's cookie written, as the launch writes it. */
function runtimeDir(): { dir: string; cookiePath: string } {
  const dir = tempDir();
  started.push(dir);
  writeFileSync(join(dir, 'xauth'), nestedCookieFile(), { mode: 0o600 });
  return { dir, cookiePath: join(dir, 'xauth') };
}
afterEach(async () => {
  for (const dir of started.splice(0)) await stopNestedX(dir);
});

function dimensions(display: string, xauthority: string): string {
  try {
    const info = execFileSync('xdpyinfo', { env: { ...process.env, DISPLAY: display, XAUTHORITY: xauthority }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return /dimensions:\s+(\d+x\d+)/.exec(info)?.[1] ?? '';
  } catch {
    return 'refused';
  }
}

describe.skipIf(!x.available)('the nested X server of a session', () => {
  const env = { DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' };

  it('answers at the requested size with its own cookie only, and is stopped with its socket', async () => {
    const { dir, cookiePath } = runtimeDir();
    const nested = await startNestedX({ env, runtimeDir: dir, cookiePath, resolution: '640x360', title: 'Nested test' });
    expect(dimensions(nested.displayId, nested.cookiePath)).toBe('640x360');
    // The user's cookie does not open the game's display.
    expect(dimensions(nested.displayId, x.xauthority ?? '')).toBe('refused');
    expect(existsSync(nested.socketPath)).toBe(true);
    const [pid, start] = readFileSync(join(dir, NESTED_PID_FILE), 'utf8').trim().split(' ');
    expect(Number(pid)).toBe(nested.pid);
    expect(isSessionNestedX(nested.pid, start, dir)).toBe(true);
    expect(isSessionNestedX(nested.pid, start, '/elsewhere')).toBe(false);
    expect(isSessionNestedX(nested.pid, '1', dir)).toBe(false);
    expect(nestedDisplayOf(dir, 'xauth')).toMatchObject({ displayId: nested.displayId, socketPath: nested.socketPath });
    expect(await stopNestedX(dir)).toBeUndefined();
    expect(existsSync(nested.socketPath)).toBe(false);
    expect(existsSync(join(dir, NESTED_PID_FILE))).toBe(false);
    expect(nestedDisplayOf(dir, 'xauth')).toBeUndefined();
  });

  it('tells the app when it exits on its own (its window closed)', async () => {
    const { dir, cookiePath } = runtimeDir();
    const nested = await startNestedX({ env, runtimeDir: dir, cookiePath, title: 'Nested test' });
    expect(nested.resolution).toBe('1280x720');
    process.kill(nested.pid, 'SIGTERM');
    expect(await nested.exited).toMatch(/exited/);
  });
});
