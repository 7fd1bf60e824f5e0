// Sound tests use a real PulseAudio: the one scripts/provision.sh starts with a null sink, at
// DILLINGER_TEST_PULSE_SERVER (default unix:/tmp/dillinger-ci-pulse/pulse/native). In CI a missing
// one FAILS; elsewhere the tests skip and say why. Also: a private null sink per test, and a
// recorder of its monitor, so tests running at the same time never hear each other.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { messageOf } from '../../shared/errors';

export const DEFAULT_TEST_PULSE_SERVER = 'unix:/tmp/dillinger-ci-pulse/pulse/native';

export interface RealPulse {
  available: boolean;
  /** As PULSE_SERVER takes it. */
  server: string;
  reason?: string;
}

export function findRealPulse(env: NodeJS.ProcessEnv = process.env): RealPulse {
  const server = env.DILLINGER_TEST_PULSE_SERVER ?? DEFAULT_TEST_PULSE_SERVER;
  let reason: string;
  try {
    pactlSync(server, ['info']);
    return { available: true, server };
  } catch (error) {
    reason = `no PulseAudio answers at ${server} (${messageOf(error).split('\n')[0]}); run scripts/provision.sh as root to start one`;
  }
  if (env.CI === 'true') throw new Error(`CI needs a real PulseAudio server: ${reason}`);
  console.warn(`Skipping tests that need a sound server: ${reason}`);
  return { available: false, server, reason };
}

export const DEFAULT_TEST_PIPEWIRE_SERVER = 'unix:/tmp/dillinger-ci-pipewire/pulse/native';

/**
 * PipeWire's pulse server, as a PipeWire desktop has it (scripts/provision.sh starts one as uid
 * 1000, at DILLINGER_TEST_PIPEWIRE_SERVER): in CI a missing one FAILS, elsewhere its tests skip.
 */
export function findRealPipeWire(env: NodeJS.ProcessEnv = process.env): RealPulse {
  const server = env.DILLINGER_TEST_PIPEWIRE_SERVER ?? DEFAULT_TEST_PIPEWIRE_SERVER;
  let reason: string;
  try {
    if (/Server Name: PulseAudio \(on PipeWire/.test(pactlSync(server, ['info']))) return { available: true, server };
    reason = `the server at ${server} is not PipeWire's`;
  } catch (error) {
    reason = `no PipeWire pulse server answers at ${server} (${messageOf(error).split('\n')[0]}); run scripts/provision.sh as root to start one`;
  }
  if (env.CI === 'true') throw new Error(`CI needs PipeWire's pulse server: ${reason}`);
  console.warn(`Skipping tests that need PipeWire: ${reason}`);
  return { available: false, server, reason };
}

export function pactlSync(server: string, args: string[]): string {
  return execFileSync('pactl', args, { env: { ...process.env, PULSE_SERVER: server, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 }).toString();
}

/** A null sink of the test's own; `dispose` unloads it. */
export function privateSink(server: string): { name: string; dispose(): void } {
  const name = `dillinger_test_${randomBytes(4).toString('hex')}`;
  const id = pactlSync(server, ['load-module', 'module-null-sink', `sink_name=${name}`]).trim();
  return { name, dispose: () => void pactlSync(server, ['unload-module', id]) };
}

/**
 * Records a sink's monitor (mono s16le, 8 kHz) until `stop`, which returns the RMS of what arrived
 * (0..1). An idle null sink delivers its first data only after a second or two: wait for `samples()`.
 */
export function recordSink(server: string, sink: string): { samples(): number; stop(): Promise<{ rms: number; samples: number }> } {
  const child = spawn('parec', ['-d', `${sink}.monitor`, '--raw', '--channels=1', '--rate=8000', '--format=s16le'], {
    env: { ...process.env, PULSE_SERVER: server },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    samples: () => Math.floor(chunks.reduce((n, c) => n + c.length, 0) / 2),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      const data = Buffer.concat(chunks);
      const samples = Math.floor(data.length / 2);
      let sum = 0;
      for (let i = 0; i < samples; i += 1) sum += (data.readInt16LE(i * 2) / 32768) ** 2;
      return { rms: samples > 0 ? Math.sqrt(sum / samples) : 0, samples };
    },
  };
}

/**
 * Modules loaded into the host's server with a socket under `runtimeRoot`: the app no longer loads
 * any (a session has a sound server of its own), so this must always be none.
 */
export function sessionModulesUnder(server: string, runtimeRoot: string): string[] {
  return pactlSync(server, ['list', 'short', 'modules'])
    .split('\n')
    .filter((line) => line.includes('module-native-protocol-unix') && line.includes(`socket=${runtimeRoot}/`));
}

/**
 * The session sound servers (pulseaudio processes holding a session folder under `runtimeRoot` as
 * their fd 3) running now, as `pid folder`: what must be none after every test.
 */
export function sessionProxiesUnder(runtimeRoot: string): string[] {
  const prefix = `${runtimeRoot.replace(/\/+$/, '')}/`;
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'pulseaudio') return [];
      const dir = readlinkSync(`/proc/${pid}/fd/3`);
      return dir.startsWith(prefix) ? [`${pid} ${dir}`] : [];
    } catch {
      return [];
    }
  });
}
