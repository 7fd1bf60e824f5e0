import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherHostFacts } from '../host/host-facts';
import { useTempDirs } from '../test-support/temp-dir';
import { useUnixSockets } from '../test-support/unix-sockets';
import { findCookie, findSoundServer, proxyArguments, proxyEnvironment } from './pulse-server';

const tempDir = useTempDirs();
const socketAt = useUnixSockets();

describe('finding the host sound server the way libpulse does', () => {
  it('takes $XDG_RUNTIME_DIR/pulse/native when PULSE_SERVER is unset', async () => {
    const runtime = tempDir();
    mkdirSync(join(runtime, 'pulse'));
    const socket = await socketAt(join(runtime, 'pulse', 'native'));
    expect(findSoundServer({ XDG_RUNTIME_DIR: runtime })).toEqual({ found: true, server: `unix:${socket}`, socketPath: socket });
  });

  it('prefers PULSE_SERVER, in any of its spellings, and skips entries that are not local sockets', async () => {
    const socket = await socketAt(join(tempDir(), 'pw'));
    for (const value of [`unix:${socket}`, socket, `{0123abcd}unix:${socket}`, `tcp:localhost:4713 unix:${socket}`]) {
      expect(findSoundServer({ PULSE_SERVER: value, XDG_RUNTIME_DIR: '/nonexistent' })).toMatchObject({ found: true, socketPath: socket });
    }
  });

  it('explains what is missing: a PULSE_SERVER that names no socket, no runtime dir, no server', () => {
    expect(findSoundServer({ PULSE_SERVER: 'tcp:gamebox:4713' })).toEqual({
      found: false, reason: expect.stringMatching(/PULSE_SERVER \(tcp:gamebox:4713\) names no sound server socket/),
    });
    expect(findSoundServer({})).toEqual({ found: false, reason: expect.stringMatching(/XDG_RUNTIME_DIR and PULSE_SERVER are not set/) });
    const runtime = tempDir();
    expect(findSoundServer({ XDG_RUNTIME_DIR: runtime })).toEqual({
      found: false, reason: expect.stringContaining(`no ${runtime}/pulse/native`),
    });
  });
});

describe('the session\'s own sound server (the proxy)', () => {
  it('refuses module loading and exit, loads no default script, and offers one anonymous socket in its folder', () => {
    const args = proxyArguments({ upstream: 'unix:/run/user/1000/pulse/native' });
    expect(args).toEqual(expect.arrayContaining([
      '--daemonize=no', '-n', '--file=/dev/null', '--system=no', '--disallow-module-loading=yes', '--disallow-exit=yes',
      '--use-pid-file=no', '--disable-shm=yes', '--realtime=no', '--high-priority=no',
    ]));
    const loaded = args.flatMap((arg, i) => (args[i - 1] === '-L' ? [arg] : []));
    expect(loaded).toEqual([
      'module-native-protocol-unix socket=/proc/self/fd/3/pulse.sock auth-anonymous=1 auth-cookie-enabled=0',
      'module-tunnel-sink-new server=unix:/run/user/1000/pulse/native sink_name=dillinger reconnect_interval_ms=5000',
      'module-always-sink',
    ]);
    // Nothing that would give the game a source of the host's (a microphone).
    expect(args.join(' ')).not.toMatch(/tunnel-source|always-source/);
  });

  it('passes the host\'s cookie and sink, quoted so that no value can add module arguments', () => {
    const tunnel = proxyArguments({ upstream: 'unix:/home/me/My Run/native', cookie: '/home/me/.config/pulse/cookie', sink: 'x server=tcp:evil' })
      .find((arg) => arg.startsWith('module-tunnel-sink-new'));
    expect(tunnel).toBe('module-tunnel-sink-new server="unix:/home/me/My Run/native" sink_name=dillinger sink="x server=tcp:evil" cookie=/home/me/.config/pulse/cookie reconnect_interval_ms=5000');
  });

  it('runs with an environment of its own: no D-Bus session or display of the app\'s, home in its folder', () => {
    const env = proxyEnvironment();
    expect(env).toMatchObject({ PULSE_PASSED_FD: '3', HOME: '/proc/self/fd/3/home', PULSE_RUNTIME_PATH: '/proc/self/fd/3/pulse-runtime' });
    expect(env.DISPLAY).toBeUndefined();
    expect(env.DBUS_SESSION_BUS_ADDRESS).toMatch(/nonexistent/);
  });

  it('finds the cookie as libpulse does: PULSE_COOKIE, else ~/.config/pulse/cookie, else ~/.pulse-cookie', () => {
    const home = tempDir();
    expect(findCookie({ HOME: home })).toBeUndefined();
    writeFileSync(join(home, '.pulse-cookie'), 'x');
    expect(findCookie({ HOME: home })).toBe(join(home, '.pulse-cookie'));
    mkdirSync(join(home, '.config', 'pulse'), { recursive: true });
    writeFileSync(join(home, '.config', 'pulse', 'cookie'), 'x');
    expect(findCookie({ HOME: home })).toBe(join(home, '.config', 'pulse', 'cookie'));
    expect(findCookie({ HOME: home, PULSE_COOKIE: join(home, 'none') })).toBeUndefined();
    expect(findCookie({ HOME: home, PULSE_COOKIE: join(home, '.pulse-cookie') })).toBe(join(home, '.pulse-cookie'));
  });
});

describe('host facts', () => {
  it('carry the sound server, or why there is none, for the launch form to show', async () => {
    const socket = await socketAt(join(tempDir(), 'native'));
    const sources = (env: NodeJS.ProcessEnv) => ({
      allowedHostDirectories: [], extraDenied: [], library: { root: '/', games: [], problems: [] }, sessionIds: () => [], gpus: async () => [], env,
    });
    expect((await gatherHostFacts(sources({ PULSE_SERVER: socket }))).sound).toEqual({ server: `unix:${socket}` });
    expect((await gatherHostFacts(sources({}))).sound).toEqual({ missing: expect.stringMatching(/^No sound server was found/) });
  });
});
