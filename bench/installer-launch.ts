// bench:launch's installer case: a real NSIS installer (a 32-bit setup.exe made here with makensis,
// src/main/test-support/nsis-installer.ts) run silently (/S) through the core as an install session
// (sessions.install) until the session has ended, next to a plain `docker run` of the same container
// until it exits, in the same run: same image, user, caps, read-only root with its tmpfs, display
// socket and cookie, a prefix volume of its own, the setup file mounted read-only where the core
// mounts it, DILLINGER_PROGRAM_KIND=install and the entrypoint's command for it
// (src/main/container/program-command.ts). Every run installs into a new prefix (the image's
// template copied first), as a newly added game's installer does; each is checked to have installed.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Core } from '../src/main/core';
import { programCommand } from '../src/main/container/program-command';
import { defaultWinePrefixVolume } from '../src/shared/library/wine-prefix-volume';
import type { RunnerSession } from '../src/shared/model/entities';
import { buildNsisInstaller, canBuildNsisInstaller } from '../src/main/test-support/nsis-installer';

const run = promisify(execFile);
const GAME_ID = 'bench-nsis-install';
const IMAGE = 'dillinger-runner:local';
const ENDED = ['terminated', 'crashed', 'failed'];

export interface InstallerCaseInput {
  core: Core;
  libraryDir: string;
  runs: number;
  display: string;
  /** The display's cookie as the plain runs mount it (readable by uid 1000). */
  cookieFile: string;
  report(label: string, ours: number[], plain: number[]): string;
}

async function call<T>(core: Core, method: string, payload: unknown): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if ('error' in envelope) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Removes a prefix volume once no container holds it (the core removes its container just after the session ends). */
async function removeVolume(volume: string): Promise<void> {
  for (let i = 0; ; i += 1) {
    try {
      await run('docker', ['volume', 'rm', volume]);
      return;
    } catch (error) {
      if (i >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Through the core: sessions.install until the session has ended; it must have ended terminated, 0. */
async function installThroughCore(core: Core, setupExe: string): Promise<number> {
  const started = performance.now();
  const session = await call<RunnerSession>(core, 'sessions.install', { gameId: GAME_ID, file: setupExe, arguments: ['/S'] });
  let now = session;
  while (!ENDED.includes(now.status)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    now = await call<RunnerSession>(core, 'sessions.get', { sessionId: session.sessionId });
  }
  const elapsed = performance.now() - started;
  if (now.status !== 'terminated' || now.exitCode !== 0) throw new Error(`the install session ended ${now.status} (${now.exitCode}): ${now.statusReason ?? ''}`);
  const list = await call<{ programs: unknown[] }>(core, 'games.prefixPrograms', { sessionId: session.sessionId });
  if (list.programs.length === 0) throw new Error('the install session ended, but the installer left no program in the prefix');
  await removeVolume(defaultWinePrefixVolume(GAME_ID)); // the next run installs into a new prefix too
  return elapsed;
}

/** The anchor: the same container by `docker run` (attached) until it exits. */
async function installPlain(input: InstallerCaseInput, setupExe: string, prefix: string): Promise<number> {
  const program = programCommand({ kind: 'install', file: setupExe, arguments: ['/S'] });
  const mount = program.mounts[0]!;
  const x = input.display.slice(1);
  const name = `dillinger_bench_install_${Math.random().toString(36).slice(2, 8)}`;
  const args = [
    'run', '--name', name, '--network', 'none', '--read-only', '--tmpfs', '/tmp:rw,nosuid,nodev,exec,mode=1777,size=2g',
    '--cap-drop', 'ALL', '--cap-add', 'CHOWN', '--cap-add', 'SETUID', '--cap-add', 'SETGID', '--cap-add', 'SETPCAP',
    '--security-opt', 'no-new-privileges', '--pids-limit', '2048',
    '-e', 'DILLINGER_UID=1000', '-e', 'DILLINGER_GID=1000', '-e', `DISPLAY=${input.display}`, '-e', 'XAUTHORITY=/run/dillinger/xauth',
    ...Object.entries(program.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    '-v', `/tmp/.X11-unix/X${x}:/tmp/.X11-unix/X${x}:ro`, '-v', `${input.cookieFile}:/run/dillinger/xauth:ro`,
    '-v', `${mount.Source}:${mount.Target}:ro`, '-e', 'DILLINGER_WINE_PREFIX_SOURCE=volume', '-v', `${prefix}:/wine-prefix`,
    IMAGE, 'windows', ...program.command,
  ];
  const started = performance.now();
  let log = '';
  const child = spawn('docker', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const elapsed = performance.now() - started;
  await run('docker', ['rm', name]);
  await removeVolume(prefix);
  // The anchor must have installed too: the entrypoint names the shortcut it left.
  if (code !== 0 || !log.includes('prefix shortcut:')) throw new Error(`the plain installer container exited ${code} without installing:\n${log}`);
  return elapsed;
}

export async function installerCase(input: InstallerCaseInput): Promise<string> {
  if (!canBuildNsisInstaller()) return 'Installer (NSIS, silent): skipped, no i686-w64-mingw32-gcc or makensis (apt-get install gcc-mingw-w64-i686 nsis)';
  const setupExe = buildNsisInstaller();
  const plainPrefix = `dillinger_bench_install_plain_${Math.random().toString(36).slice(2, 8)}`;
  const folder = join(input.libraryDir, GAME_ID);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: GAME_ID, title: 'Bench NSIS install', platforms: [{ platform: 'windows', executable: 'C:\\Games\\none.exe' }] }));
    for (let i = 0; ; i += 1) {
      const library = await call<{ games: Array<{ id: string }> }>(input.core, 'library.list', undefined);
      if (library.games.some((g) => g.id === GAME_ID)) break;
      if (i > 300) throw new Error(`${GAME_ID} never appeared in the library`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await call(input.core, 'settings.save', { allowedHostDirectories: [dirname(setupExe)] });
    const ours: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < input.runs; i += 1) {
      ours.push(await installThroughCore(input.core, setupExe));
      plain.push(await installPlain(input, setupExe, plainPrefix));
    }
    return input.report('Installer, NSIS /S, new prefix (to its end)', ours, plain);
  } finally {
    for (const volume of [plainPrefix, defaultWinePrefixVolume(GAME_ID)]) await run('docker', ['volume', 'rm', volume]).catch(() => undefined);
    rmSync(dirname(setupExe), { recursive: true, force: true });
  }
}
