// npm run bench:launch — Play → game window mapped on the X server, through the whole core (validate,
// record, prepare, create, start), next to a plain `docker run` of an equivalent container measured in
// the same run. Linux demo and Windows demo with an existing prefix, N launches each, p50/p95 and the
// ratio; plus the Windows demo in a new prefix (its first launch copies the image's ready-made
// prefix), a 32-bit game, DXVK, an isolated display and an installer session.
//
// Needs what scripts/provision.sh sets up: the Docker engine, the runner image, Xvfb :42.
import { execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { createCore, type Core } from '../src/main/core';
import { findCookie, parseXauthority, sessionXauthority } from '../src/main/display/xauthority';
import type { RunnerSession } from '../src/shared/model/entities';
import { dxvkCase } from './dxvk-game';
import { installerCase } from './installer-launch';
import { isolatedCase, type XDisplay } from './isolated-launch';
import { win32Case } from './win32-game';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DISPLAY = process.env.DILLINGER_TEST_DISPLAY ?? ':42';
const XAUTHORITY = process.env.DILLINGER_TEST_XAUTHORITY ?? '/tmp/dillinger-ci.xauth';
const IMAGE = 'dillinger-runner:local';
const tag = Math.random().toString(36).slice(2, 8);
const docker = new Docker();

const LINUX = { id: 'dillinger-demo-linux', title: 'Dillinger Demo (Linux)', cmd: ['linux', '/library/dillinger-demo-linux/demo'] };
const WINDOWS = { id: 'dillinger-demo-windows', title: 'Dillinger Demo (Windows)', cmd: ['windows', '/library/dillinger-demo-windows/demo.exe'] };

/** Undefined when the X server could not list its windows this time (a window vanished mid-query). */
async function windowMapped(title: string, x: XDisplay = { display: DISPLAY, xauthority: XAUTHORITY }): Promise<boolean | undefined> {
  try {
    const { stdout } = await run('xwininfo', ['-root', '-tree'], { env: { ...process.env, DISPLAY: x.display, XAUTHORITY: x.xauthority } });
    return stdout.includes(`"${title}"`);
  } catch {
    return undefined;
  }
}

async function waitWindow(title: string, present: boolean, timeoutMs = 120_000, x?: XDisplay): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await windowMapped(title, x)) !== present) {
    if (Date.now() > deadline) throw new Error(`window "${title}" did not ${present ? 'appear' : 'go away'} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stats(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/** Through the core: the contract call, until the window is mapped; then a normal stop. */
async function launchThroughCore(core: Core, game: typeof LINUX, prefix?: string, wine?: object): Promise<number> {
  const request = {
    gameId: game.id, userId: 'bench', platform: game.cmd[0],
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, ...(prefix ? { winePrefix: prefix } : {}), ...(wine ? { wine } : {}) },
  };
  const started = performance.now();
  const envelope = await core.dispatch('sessions.launch', { request });
  if ('error' in envelope) throw new Error(envelope.error.message);
  const session = envelope.result as RunnerSession;
  await waitWindow(game.title, true).catch(async (error: Error) => {
    const now = await core.dispatch('sessions.get', { sessionId: session.sessionId });
    const logs = await core.dispatch('sessions.logs', { sessionId: session.sessionId, maxBytes: 4000 });
    const tail = 'result' in logs ? (logs.result as { text: string }).text : '';
    throw new Error(`${error.message}; the session: ${JSON.stringify('result' in now ? now.result : now)}\nits log:\n${tail}`);
  });
  const elapsed = performance.now() - started;
  // A normal stop, as a player's: Wine saves the prefix's registry on the way out, so the next launch finds it warm.
  await core.dispatch('sessions.stop', { sessionId: session.sessionId });
  for (;;) {
    const current = await core.dispatch('sessions.get', { sessionId: session.sessionId });
    if ('result' in current && ['terminated', 'crashed', 'failed'].includes((current.result as RunnerSession).status)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await waitWindow(game.title, false);
  return elapsed;
}

/**
 * The anchor: `docker run -d` of the same image with the same mounts (the game's own folder, the
 * display's socket and cookie, the prefix volume), caps and user, until the window is mapped.
 */
async function launchPlain(game: typeof LINUX, libraryDir: string, cookieFile: string, prefix?: string, env: string[] = [], nested?: XDisplay): Promise<number> {
  const display = nested?.display ?? DISPLAY;
  const name = `dillinger_bench_plain_${Math.random().toString(36).slice(2, 8)}`;
  const args = [
    'run', '-d', '--name', name, '--network', 'none', '--read-only', '--tmpfs', '/tmp:rw,nosuid,nodev,mode=1777,size=2g',
    '--cap-drop', 'ALL', '--cap-add', 'CHOWN', '--cap-add', 'SETUID', '--cap-add', 'SETGID', '--cap-add', 'SETPCAP',
    '--security-opt', 'no-new-privileges', '--pids-limit', '2048',
    '-e', 'DILLINGER_UID=1000', '-e', 'DILLINGER_GID=1000', '-e', `DISPLAY=${display}`, '-e', 'XAUTHORITY=/run/dillinger/xauth',
    '-v', `${join(libraryDir, game.id)}:/library/${game.id}:ro`, '-v', `/tmp/.X11-unix/X${display.slice(1)}:/tmp/.X11-unix/X${display.slice(1)}:ro`,
    '-v', `${cookieFile}:/run/dillinger/xauth:ro`, ...env.flatMap((e) => ['-e', e]), ...(prefix ? ['-e', 'DILLINGER_WINE_PREFIX_SOURCE=volume', '-v', `${prefix}:/wine-prefix`] : []), IMAGE, ...game.cmd,
  ];
  const started = performance.now();
  await new Promise<void>((resolve, reject) => spawn('docker', args, { stdio: 'ignore' }).once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker run exited ${code}`)))));
  await waitWindow(game.title, true, 120_000, nested);
  const elapsed = performance.now() - started;
  await run('docker', ['stop', '-t', '10', name]);
  await run('docker', ['rm', name]);
  await waitWindow(game.title, false, 120_000, nested);
  return elapsed;
}

function report(label: string, ours: number[], plain: number[]): string {
  const o = stats(ours);
  const p = stats(plain);
  return `${label.padEnd(40)} core p50 ${o.p50.toFixed(0).padStart(6)} ms  p95 ${o.p95.toFixed(0).padStart(6)} ms | docker run p50 ${p.p50.toFixed(0).padStart(6)} ms  p95 ${p.p95.toFixed(0).padStart(6)} ms | ratio p50 ${(o.p50 / p.p50).toFixed(2)}  p95 ${(o.p95 / p.p95).toFixed(2)}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dillinger-bench-launch-'));
  const cookieFile = join(dataDir, 'plain-xauth');
  const cookie = findCookie(parseXauthority(readFileSync(XAUTHORITY)), DISPLAY.slice(1), hostname());
  if (!cookie) throw new Error(`no cookie for ${DISPLAY} in ${XAUTHORITY}: run scripts/provision.sh`);
  writeFileSync(cookieFile, sessionXauthority(cookie), { mode: 0o600 });
  chownSync(cookieFile, 1000, 1000);

  const core = await createCore({ dataDir, env: { DISPLAY, XAUTHORITY }, stopGraceSeconds: 10 });
  const libraryDir = join(dataDir, 'library');
  const prefixes: string[] = [];
  try {
    for (let i = 0; ; i += 1) {
      const library = await core.dispatch('library.list', undefined);
      if ('result' in library && (library.result as { games: unknown[] }).games.length >= 2) break;
      if (i > 1800) throw new Error('the demo games never appeared in the library');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lines: string[] = [];

    // Windows, empty prefix: a fresh volume each time, through the core and plain.
    const emptyOurs: number[] = [];
    const emptyPlain: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const a = `dillinger_bench_prefix_${tag}_core${i}`;
      const b = `dillinger_bench_prefix_${tag}_plain${i}`;
      prefixes.push(a, b);
      emptyOurs.push(await launchThroughCore(core, WINDOWS, a));
      emptyPlain.push(await launchPlain(WINDOWS, libraryDir, cookieFile, b));
    }

    // Warm: Linux, and Windows in the prefixes the runs above created. Alternate core and plain runs.
    const results = { linuxOurs: [] as number[], linuxPlain: [] as number[], winOurs: [] as number[], winPlain: [] as number[] };
    for (let i = 0; i < RUNS; i += 1) {
      results.linuxOurs.push(await launchThroughCore(core, LINUX));
      results.linuxPlain.push(await launchPlain(LINUX, libraryDir, cookieFile));
    }
    for (let i = 0; i < RUNS; i += 1) {
      results.winOurs.push(await launchThroughCore(core, WINDOWS, prefixes[0]));
      results.winPlain.push(await launchPlain(WINDOWS, libraryDir, cookieFile, prefixes[1]));
    }
    lines.push(
      `Play → window mapped, ${RUNS} launches each (2 for the empty prefix), same machine, same run:`,
      report('Linux demo', results.linuxOurs, results.linuxPlain),
      report('Windows demo, existing prefix', results.winOurs, results.winPlain),
      report('Windows demo, new prefix (template)', emptyOurs, emptyPlain),
      `New prefix next to a warm launch, both through the core: p50 ${(stats(emptyOurs).p50 / stats(results.winOurs).p50).toFixed(2)}x (goal ≤ 2).`,
      await win32Case({ libraryDir, runs: RUNS, prefix: prefixes[0] ?? '', plainPrefix: prefixes[1] ?? '', ours: (game, prefix) => launchThroughCore(core, game, prefix), plain: (game, prefix, env) => launchPlain(game, libraryDir, cookieFile, prefix, env), report }),
      // DXVK: a 32-bit Direct3D 9 program drawn through DXVK on lavapipe, in a warm prefix (bench/dxvk-game.ts).
      await dxvkCase({ libraryDir, runs: RUNS, prefix: prefixes[0] ?? '', plainPrefix: prefixes[1] ?? '', ours: (game, prefix, wine) => launchThroughCore(core, game, prefix, wine), plain: (game, prefix, env) => launchPlain(game, libraryDir, cookieFile, prefix, env), report }),
      // Isolated: the game on a nested Xephyr of its own, next to docker run against a Xephyr started the same way (bench/isolated-launch.ts).
      await isolatedCase({ core, dataDir, runs: RUNS, report, waitWindow, plain: (nested) => launchPlain(LINUX, libraryDir, nested.cookieFile, undefined, [], nested) }),
      // Installer: a real NSIS setup.exe run silently as an install session until it ends, next to docker run of the same container (bench/installer-launch.ts).
      await installerCase({ core, libraryDir, runs: RUNS, display: DISPLAY, cookieFile, report }),
      `Goals: ratio ≤ 1.25 warm; a new prefix ≤ 2x a warm launch (core, new prefix: ${emptyOurs.map((v) => (v / 1000).toFixed(1)).join(' s, ')} s).`,
    );
    console.log(`\n${lines.join('\n')}`);
  } finally {
    await core.close();
    for (const volume of prefixes) await docker.getVolume(volume).remove().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
