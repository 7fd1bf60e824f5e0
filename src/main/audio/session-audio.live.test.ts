// The session's own sound server (the proxy) against a real PulseAudio (scripts/provision.sh starts
// one with a null sink): started as the game's user in the session's folder, it plays into the
// host's server, refuses module loading (the way out of the old per-session module), forwards no
// microphone, is stopped at the end, and after a "restart" only ended sessions' proxies are stopped.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_GAME_USER, gameUser } from '../container/game-user';
import { createRuntimeDir } from '../container/runtime-dir';
import { findRealPipeWire, findRealPulse, pactlSync, privateSink, recordSink, sessionModulesUnder, sessionProxiesUnder } from '../test-support/real-pulse';
import { useTempDirs } from '../test-support/temp-dir';
import { until } from '../test-support/live-session';
import { attachSessionAudio, hasSessionAudio, isSessionProxy, releaseSessionAudio, sessionsWithAudio } from './session-audio';

const pulse = findRealPulse();
const pipewire = findRealPipeWire();
const tempDir = useTempDirs();
const roots: string[] = [];
const sinks: Array<{ dispose(): void }> = [];
const servers: Server[] = [];
const user = gameUser(FALLBACK_GAME_USER);

afterEach(async () => {
  // Whatever a failed test left running goes, and no test may leave any.
  for (const root of roots.splice(0)) {
    await releaseSessionAudio(root, {});
    expect(sessionProxiesUnder(root)).toEqual([]);
    expect(sessionModulesUnder(pulse.server, root)).toEqual([]);
  }
  for (const sink of sinks.splice(0)) sink.dispose();
  for (const server of servers.splice(0)) server.close();
});

function runtimeRoot(): string {
  // Under a 0700 root-owned temp folder when the tests run as root: the proxy (the game's uid)
  // cannot walk that path, and must still work (it holds its folder open).
  const root = join(tempDir(), 'run');
  mkdirSync(root, { mode: 0o700 });
  roots.push(root);
  return root;
}

function sessionDir(root: string, id: string): string {
  return createRuntimeDir(root, id, user).path;
}

/** Plays `seconds` of a 440 Hz tone (mono s16le 8 kHz) through `server`'s default sink. */
function playTone(server: string, seconds: number): Promise<number | null> {
  const child = spawn('pacat', ['--playback', '--raw', '--format=s16le', '--rate=8000', '--channels=1'], {
    env: { ...process.env, PULSE_SERVER: server }, stdio: ['pipe', 'ignore', 'pipe'],
  });
  const samples = Buffer.alloc(8000 * seconds * 2);
  for (let i = 0; i < 8000 * seconds; i += 1) samples.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), i * 2);
  child.stdin.end(samples);
  return new Promise((resolve) => child.once('close', resolve));
}

describe.skipIf(!pulse.available)('a session\'s own sound server in front of a real PulseAudio', () => {
  const env = { PULSE_SERVER: pulse.server };

  it('runs as the game\'s user in the session folder, plays into the host\'s server, and is stopped at the end', async () => {
    const root = runtimeRoot();
    const dir = sessionDir(root, 'sess_one');
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const audio = await attachSessionAudio({ ...env, PULSE_SINK: sink.name }, dir, user);
    expect(audio).toMatchObject({ attached: true, socketPath: join(dir, 'pulse.sock'), server: pulse.server, pid: expect.any(Number) });
    if (!audio.attached) return;
    expect(hasSessionAudio(root, 'sess_one')).toBe(true);
    expect(sessionsWithAudio(root)).toEqual(['sess_one']);
    expect(isSessionProxy(audio.pid, dir)).toBe(true);
    expect(statSync(`/proc/${audio.pid}`).uid).toBe(user.uid); // never root
    expect(sessionProxiesUnder(root)).toHaveLength(1);
    // Nothing was loaded into the host's server.
    expect(sessionModulesUnder(pulse.server, root)).toEqual([]);

    // A client of the session's socket reaches the proxy, not the host's server.
    const socket = `unix:${audio.socketPath}`;
    expect(pactlSync(socket, ['info'])).toMatch(/Default Sink: dillinger\n/);
    expect(pactlSync(socket, ['list', 'short', 'sinks']).trim().split('\n').map((l) => l.split('\t')[1])).toEqual(['dillinger']);

    // A tone played through the socket arrives on the host's sink.
    const recording = recordSink(pulse.server, sink.name);
    const played = playTone(socket, 4);
    await until(() => recording.samples() >= 16_000, 15_000, '2 s of audio from the host sink');
    const heard = await recording.stop();
    expect(await played).toBe(0);
    expect(heard.rms).toBeGreaterThan(0.05); // amplitude 8000/32768 sine: RMS about 0.17

    expect(await releaseSessionAudio(root, { only: 'sess_one' })).toEqual(['sess_one']);
    expect(isSessionProxy(audio.pid, dir)).toBe(false);
    expect(sessionProxiesUnder(root)).toEqual([]);
    expect(hasSessionAudio(root, 'sess_one')).toBe(false);
    expect(existsSync(audio.socketPath)).toBe(false);
  }, 60_000);

  it('refuses module loading (the way into the host\'s sound server), exit, and has no microphone', async () => {
    const root = runtimeRoot();
    const dir = sessionDir(root, 'sess_evil');
    const audio = await attachSessionAudio(env, dir, user);
    expect(audio).toMatchObject({ attached: true });
    if (!audio.attached) return;
    const socket = `unix:${audio.socketPath}`;
    const modulesBefore = pactlSync(socket, ['list', 'short', 'modules']);
    // The escape: a CLI socket in a folder the client can write, then `load-module` of its library through it.
    const cliSocket = join(tempDir(), 'cli.sock');
    expect(() => pactlSync(socket, ['load-module', 'module-cli-protocol-unix', `socket=${cliSocket}`])).toThrow(/Module initialization failed|Access denied/);
    expect(existsSync(cliSocket)).toBe(false);
    expect(() => pactlSync(socket, ['load-module', 'module-null-sink', 'sink_name=evil'])).toThrow(/Module initialization failed|Access denied/);
    expect(() => pactlSync(socket, ['exit'])).toThrow(/Access denied/);
    // Unloading is refused too (pactl does not say so: the list stays as it was).
    try {
      pactlSync(socket, ['unload-module', 'module-tunnel-sink-new']);
    } catch {
      // refused outright: as good
    }
    expect(pactlSync(socket, ['list', 'short', 'modules'])).toBe(modulesBefore);
    // The only source is the monitor of its own tunnel (what the game itself plays): no host source.
    expect(pactlSync(socket, ['list', 'short', 'sources']).trim().split('\n').map((l) => l.split('\t')[1])).toEqual(['dillinger.monitor']);
    // And the host's server still has no module of ours, and the proxy still runs.
    expect(sessionModulesUnder(pulse.server, root)).toEqual([]);
    expect(isSessionProxy(audio.pid, dir)).toBe(true);
  }, 60_000);

  it('after a restart, stops what ended sessions left and keeps the live ones; never signals a forged pid', async () => {
    const root = runtimeRoot();
    const pids: Record<string, number> = {};
    for (const id of ['sess_live', 'sess_ended']) {
      const audio = await attachSessionAudio(env, sessionDir(root, id), user);
      expect(audio).toMatchObject({ attached: true });
      if (audio.attached) pids[id] = audio.pid;
    }
    // Another app instance's proxies (another runtime root) are never touched.
    const other = runtimeRoot();
    const otherAudio = await attachSessionAudio(env, sessionDir(other, 'sess_other'), user);
    expect(otherAudio).toMatchObject({ attached: true });
    // A pid file that names some other process (reused pid, or written by the game's user).
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const forged = sessionDir(root, 'sess_forged');
    writeFileSync(join(forged, 'pulse-proxy.pid'), `${sleeper.pid}\n`);

    expect((await releaseSessionAudio(root, { keep: new Set(['sess_live']) })).sort()).toEqual(['sess_ended', 'sess_forged']);
    expect(sessionProxiesUnder(root)).toEqual([`${pids.sess_live} ${join(root, 'sess_live')}`]);
    expect(isSessionProxy(pids.sess_ended!, join(root, 'sess_ended'))).toBe(false);
    expect(sessionProxiesUnder(other)).toHaveLength(1);
    expect(sleeper.exitCode).toBeNull();
    expect(readFileSync(`/proc/${sleeper.pid}/comm`, 'utf8').trim()).toBe('sleep');
    sleeper.kill();
  }, 60_000);

  it('no sound server, or one the proxy cannot play into: a warning, never an error, and no proxy left', async () => {
    const root = runtimeRoot();
    const dir = sessionDir(root, 'sess_x');
    expect(await attachSessionAudio({ PULSE_SERVER: `unix:${join(dir, 'nothing-here')}` }, dir, user)).toEqual({
      attached: false, warning: expect.stringMatching(/^No sound: PULSE_SERVER .* names no sound server socket/),
    });
    // A socket that is no sound server: the tunnel never comes up.
    const fake = join(tempDir(), 'not-pulse.sock');
    const server = createServer((connection) => connection.destroy());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(fake, resolve));
    const refused = await attachSessionAudio({ PULSE_SERVER: `unix:${fake}` }, dir, user);
    expect(refused).toEqual({
      attached: false, warning: expect.stringMatching(new RegExp(`^No sound: the game's own sound server could not play into the sound server at unix:${fake}`)),
    });
    expect(sessionProxiesUnder(root)).toEqual([]);
    expect(hasSessionAudio(root, 'sess_x')).toBe(false);
    expect(existsSync(join(dir, 'pulse.sock'))).toBe(false);
    expect(await releaseSessionAudio(root, {})).toEqual([]);
  }, 60_000);

  it('records the proxy\'s pid as soon as it is started, before it is ready, and clears it when it fails', async () => {
    const root = runtimeRoot();
    const dir = sessionDir(root, 'sess_slow');
    // An upstream that never answers: the proxy waits for its tunnel until the app gives up (6 s).
    const fake = join(tempDir(), 'silent.sock');
    const server = createServer(() => undefined);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(fake, resolve));
    let settled = false;
    const attaching = attachSessionAudio({ PULSE_SERVER: `unix:${fake}` }, dir, user).finally(() => { settled = true; });
    // While it is not ready yet, an app crash would leave it: the record that finds it is already there.
    await until(() => hasSessionAudio(root, 'sess_slow'), 3000, 'the pid file of a starting proxy');
    expect(settled).toBe(false);
    const pid = Number(readFileSync(join(dir, 'pulse-proxy.pid'), 'utf8'));
    expect(isSessionProxy(pid, dir)).toBe(true);
    expect(await attaching).toMatchObject({ attached: false, warning: expect.stringMatching(/did not reach the host's server within 6 s/) });
    expect(isSessionProxy(pid, dir)).toBe(false);
    expect(hasSessionAudio(root, 'sess_slow')).toBe(false);
    expect(sessionProxiesUnder(root)).toEqual([]);
  }, 60_000);

  it('a pid file that cannot be written: no sound, no proxy left behind, and no error', async () => {
    const root = runtimeRoot();
    const dir = sessionDir(root, 'sess_nopid');
    const pidFile = join(dir, 'pulse-proxy.pid');
    mkdirSync(pidFile); // a folder in its place: writing the pid fails right after the start
    try {
      const audio = await attachSessionAudio(env, dir, user);
      expect(audio).toMatchObject({ attached: false, warning: expect.stringMatching(/EISDIR/) });
      expect(sessionProxiesUnder(root)).toEqual([]);
      expect(existsSync(join(dir, 'pulse.sock'))).toBe(false);
    } finally {
      rmdirSync(pidFile);
    }
  }, 60_000);
});

describe.skipIf(!pipewire.available)('a session\'s own sound server in front of PipeWire\'s pulse server', () => {
  it('plays into it (PipeWire 0.3.65 has no module-native-protocol-unix; the tunnel is an ordinary client) and still refuses module loading', async () => {
    const root = runtimeRoot();
    const dir = sessionDir(root, 'sess_pw');
    const sink = privateSink(pipewire.server);
    sinks.push(sink);
    const audio = await attachSessionAudio({ PULSE_SERVER: pipewire.server, PULSE_SINK: sink.name }, dir, user);
    expect(audio).toMatchObject({ attached: true, server: pipewire.server });
    if (!audio.attached) return;
    const socket = `unix:${audio.socketPath}`;
    const recording = recordSink(pipewire.server, sink.name);
    const played = playTone(socket, 4);
    await until(() => recording.samples() >= 16_000, 15_000, '2 s of audio from the PipeWire sink');
    const heard = await recording.stop();
    expect(await played).toBe(0);
    expect(heard.rms).toBeGreaterThan(0.05);
    expect(() => pactlSync(socket, ['load-module', 'module-null-sink', 'sink_name=evil'])).toThrow(/Module initialization failed|Access denied/);
    expect(await releaseSessionAudio(root, {})).toEqual(['sess_pw']);
    expect(sessionProxiesUnder(root)).toEqual([]);
  }, 60_000);
});
