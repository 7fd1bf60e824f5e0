// Sound, for real: the Linux demo plays a tone in its runner container through the session's own
// sound server (a small PulseAudio the app starts for it, run as the game's user), which plays it
// into the host's real PulseAudio (scripts/provision.sh, null sinks), where it is heard. Each test
// plays into a null sink of its own (PULSE_SINK in the app's environment: the host sink the session
// servers play into), so files running at once never mix, and each ends with no session sound
// server left running and nothing loaded into the host's server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { releaseSessionAudio } from '../audio/session-audio';
import { findRealEngine } from '../test-support/real-engine';
import { containersOfDataDir } from '../test-support/instance-containers';
import { findRealPulse, pactlSync, privateSink, recordSink, sessionModulesUnder, sessionProxiesUnder } from '../test-support/real-pulse';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import type { CoreChildReady } from '../test-support/core-child';
import {
  LINUX_DEMO, WINDOWS_DEMO, coreOptions, launchRequest, startLiveCore, until, useLiveCores, type LiveCore,
} from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const pulse = findRealPulse();
const tempDir = useTempDirs();
const cores = useLiveCores();

const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const sinks: Array<{ dispose(): void }> = [];
const runtimeRoots: string[] = [];
const children: Array<{ child: ChildProcess; dataDir: string }> = [];
const CHILD_SCRIPT = fileURLToPath(new URL('../test-support/core-child.ts', import.meta.url));

afterEach(async () => {
  // A core child the test did not get to take over: kill it, and remove the game it left (found by its instance label).
  for (const { child, dataDir } of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const docker = new Docker();
    for (const c of await containersOfDataDir(docker, dataDir)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  // A failed test may leave a sound server running: stop it (and drop the test's sink) without hiding the failure.
  for (const root of runtimeRoots.splice(0)) await releaseSessionAudio(root, {}).catch(() => undefined);
  for (const sink of sinks.splice(0)) sink.dispose();
});

function options(extraEnv: NodeJS.ProcessEnv = {}) {
  const base = coreOptions(tempDir(), x);
  runtimeRoots.push(join(base.dataDir!, 'run'));
  return { ...base, env: { ...base.env, PULSE_SERVER: pulse.server, ...extraEnv } };
}

function toneRequest(audioEnabled: boolean, environment: Record<string, string> = {}, game = LINUX_DEMO, winePrefix?: string) {
  const request = launchRequest(game, { environment: { DEMO_TONE_HZ: '440', ...environment }, ...(winePrefix ? { winePrefix } : {}) });
  return { ...request, launchConfig: { ...request.launchConfig, audioEnabled } };
}

async function logText(live: LiveCore, sessionId: string): Promise<string> {
  return (await live.call<{ text: string }>('sessions.logs', { sessionId })).text;
}

/** A second and a half of what reaches the sink (at 8 kHz), once data flows. */
async function listen(sink: string): Promise<{ rms: number; samples: number }> {
  const recording = recordSink(pulse.server, sink);
  await until(() => recording.samples() >= 12_000, 15_000, `1.5 s of audio from ${sink}.monitor`).catch(async (error: unknown) => {
    await recording.stop();
    throw error;
  });
  return recording.stop();
}

/** The session sound servers of this app instance still running (and, never, modules in the host's server). */
function proxiesOf(live: LiveCore): string[] {
  const root = join(live.core.dataDir, 'run');
  return [...sessionProxiesUnder(root), ...sessionModulesUnder(pulse.server, root)];
}

describe.skipIf(!engine.available || !x.available || !pulse.available)('sound from the runner container', () => {
  it('audio on: the demo\'s tone arrives on the host sink through the session\'s own sound server, which refuses module loading and goes away at Stop', async () => {
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const live = await cores.start(options({ PULSE_SINK: sink.name }));
    const session = await live.call<RunnerSession>('sessions.launch', { request: toneRequest(true) });
    const running = await live.waitFor(session.sessionId, ['running']);
    const socketPath = join(live.core.dataDir, 'run', session.sessionId, 'pulse.sock');
    expect(running.audioInfo).toEqual({ enabled: true, socketPath, server: pulse.server });
    expect(running.warnings).toBeUndefined();
    expect(proxiesOf(live)).toHaveLength(1);

    // Only that socket is mounted, read-only, and the game is told where it is.
    const inspect = await live.docker.getContainer(running.containerId).inspect();
    expect(inspect.Mounts.filter((m) => /pulse/.test(m.Destination))).toEqual([
      expect.objectContaining({ Source: socketPath, Destination: '/run/dillinger/pulse.sock', RW: false }),
    ]);
    expect(inspect.Config.Env).toContain('PULSE_SERVER=unix:/run/dillinger/pulse.sock');

    await until(async () => (await logText(live, session.sessionId)).includes('demo: playing 440 Hz tone'), 20_000, 'the demo to play its tone');
    const heard = await listen(sink.name);
    expect(heard.rms).toBeGreaterThan(0.05); // amplitude 8000/32768 sine: RMS about 0.17

    // What the game can do with its socket: not load modules (the old way into the host's server:
    // a CLI socket in a folder it writes, then its own library through it), not end the server.
    const socket = `unix:${socketPath}`;
    const cliSocket = join(tempDir(), 'cli.sock');
    expect(() => pactlSync(socket, ['load-module', 'module-cli-protocol-unix', `socket=${cliSocket}`])).toThrow(/Module initialization failed|Access denied/);
    expect(() => pactlSync(socket, ['load-module', 'module-null-sink', 'sink_name=evil'])).toThrow(/Module initialization failed|Access denied/);
    expect(() => pactlSync(socket, ['exit'])).toThrow(/Access denied/);
    expect(pactlSync(socket, ['list', 'short', 'sources']).trim().split('\n').map((l) => l.split('\t')[1])).toEqual(['dillinger.monitor']);
    // ... and the tone still arrives.
    expect((await listen(sink.name)).rms).toBeGreaterThan(0.05);

    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ENDED)).toMatchObject({ status: 'terminated' });
    await until(() => proxiesOf(live).length === 0, 5000, 'the session\'s sound server to be stopped');
    await cores.expectCleanClose(live);
  }, 240_000);

  it('the Windows demo\'s tone, through Wine\'s winepulse, arrives the same way', async () => {
    const prefix = `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const live = await cores.start(options({ PULSE_SINK: sink.name }), [prefix]);
    const session = await live.call<RunnerSession>('sessions.launch', { request: toneRequest(true, {}, WINDOWS_DEMO, prefix) });
    await live.waitFor(session.sessionId, ['running'], 60_000);
    // A fresh prefix first runs wineboot (~10 s) before the game starts.
    await until(async () => (await logText(live, session.sessionId)).includes('demo: playing 440 Hz tone'), 90_000, 'the Windows demo to play its tone');
    const heard = await listen(sink.name);
    expect(heard.rms).toBeGreaterThan(0.05);
    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ENDED, 60_000)).toMatchObject({ status: 'terminated' });
    await until(() => proxiesOf(live).length === 0, 5000, 'the session\'s sound server to be stopped');
    await cores.expectCleanClose(live);
  }, 300_000);

  it('audio off: no socket, no PULSE_SERVER, and nothing arrives on the sink', async () => {
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const live = await cores.start(options({ PULSE_SINK: sink.name }));
    const session = await live.call<RunnerSession>('sessions.launch', { request: toneRequest(false) });
    const running = await live.waitFor(session.sessionId, ['running']);
    expect(running.audioInfo).toEqual({ enabled: false });
    expect(running.warnings).toBeUndefined();
    expect(proxiesOf(live)).toEqual([]);
    const inspect = await live.docker.getContainer(running.containerId).inspect();
    expect(inspect.Mounts.map((m) => m.Destination).join(' ')).not.toMatch(/pulse/);
    expect(inspect.Config.Env?.some((e) => e.startsWith('PULSE_SERVER='))).toBe(false);

    // The demo tries, finds no sound server, and plays on silently.
    await until(async () => (await logText(live, session.sessionId)).includes('demo: warning: no sound'), 20_000, 'the demo to report no sound');
    const heard = await listen(sink.name);
    expect(heard.rms).toBe(0);

    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ENDED)).toMatchObject({ status: 'terminated' });
    await cores.expectCleanClose(live);
  }, 240_000);

  it('no sound server on the host: the game still runs, with a warning on the session', async () => {
    const live = await cores.start(options({ PULSE_SERVER: `unix:${join(tempDir(), 'no-server-here')}` }));
    const session = await live.call<RunnerSession>('sessions.launch', { request: toneRequest(true) });
    const running = await live.waitFor(session.sessionId, ['running']);
    expect(running.audioInfo).toEqual({ enabled: false });
    expect(running.warnings).toEqual([expect.stringMatching(/^No sound: PULSE_SERVER .* names no sound server socket on this computer/)]);
    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ENDED)).toMatchObject({ status: 'terminated' });
    await cores.expectCleanClose(live);
  }, 240_000);

  it('a game that crashes takes its sound server with it', async () => {
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const live = await cores.start(options({ PULSE_SINK: sink.name }));
    const session = await live.call<RunnerSession>('sessions.launch', { request: toneRequest(true, { DEMO_EXIT_AFTER: '2', DEMO_EXIT_CODE: '3' }) });
    expect(await live.waitFor(session.sessionId, ENDED, 60_000)).toMatchObject({ status: 'crashed', exitCode: 3, audioInfo: { enabled: true } });
    await until(() => proxiesOf(live).length === 0, 5000, 'the session\'s sound server to be stopped');
    await cores.expectCleanClose(live);
  }, 240_000);

  it('the app crashes (SIGKILL) while a game plays: its sound server plays on, the restarted app adopts both, Stop ends both', async () => {
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const opts = options({ PULSE_SINK: sink.name });
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(opts), '', 'audio'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push({ child, dataDir: opts.dataDir! });
    const ready = await new Promise<CoreChildReady>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
        if (line !== undefined) resolve(JSON.parse(line) as CoreChildReady);
      });
      child.once('exit', (code, signal) => reject(new Error(`The core child exited (${code ?? signal}) before its game ran. Its stderr:\n${stderr}`)));
    });
    const root = join(opts.dataDir!, 'run');
    const proxies = sessionProxiesUnder(root);
    expect(proxies).toHaveLength(1);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    // The app is gone; the game and its sound server are not, and the tone still arrives.
    expect(sessionProxiesUnder(root)).toEqual(proxies);
    expect((await listen(sink.name)).rms).toBeGreaterThan(0.05);

    const live = await cores.start(opts);
    expect(await live.call<RunnerSession>('sessions.get', { sessionId: ready.sessionId })).toMatchObject({ status: 'running', audioInfo: { enabled: true } });
    await until(async () => (await logText(live, ready.sessionId)).includes('demo: playing 440 Hz tone'), 20_000, 'the adopted game\'s output');
    expect(sessionProxiesUnder(root)).toEqual(proxies); // reconcile kept the live session's sound server
    expect((await listen(sink.name)).rms).toBeGreaterThan(0.05);

    await live.call('sessions.stop', { sessionId: ready.sessionId });
    expect(await live.waitFor(ready.sessionId, ENDED)).toMatchObject({ status: 'terminated' });
    await until(() => proxiesOf(live).length === 0, 5000, 'the session\'s sound server to be stopped');
    await cores.expectCleanClose(live);
  }, 300_000);

  it('a game that ended while the app was closed: the next start stops its sound server (reconcile)', async () => {
    const sink = privateSink(pulse.server);
    sinks.push(sink);
    const opts = options({ PULSE_SINK: sink.name });
    const first = await startLiveCore(opts);
    const session = await first.call<RunnerSession>('sessions.launch', { request: toneRequest(true) });
    const running = await first.waitFor(session.sessionId, ['running']);
    await first.core.close(); // the app quits: the game plays on, its sound server runs on
    expect(proxiesOf(first)).toHaveLength(1);
    await first.docker.getContainer(running.containerId).kill(); // ... and then it ends, with nobody watching

    const second = await cores.start(opts);
    expect(await second.waitFor(session.sessionId, ENDED, 30_000)).toMatchObject({ status: 'crashed' });
    await until(() => proxiesOf(second).length === 0, 10_000, 'reconcile to stop the ended session\'s sound server');
    await cores.expectCleanClose(second);
  }, 300_000);
});
