// Launch settings that try to steer the entrypoint's root part with programs planted in the game's
// own folder: a PATH of wrappers for the commands it runs, a BASH_ENV script, an LD_PRELOAD library.
// Given straight to the container, past any validation of names (as the user's variables, and
// again as plain names in Docker's Env), nothing of the game's runs as uid 0, and the game still
// gets its variables, as its own uid. Each planted program records `id -u` in a new file in the
// container's /tmp; the game prints them at its end, into the container's log.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { defaultRunnerContext, ensureRunnerImage } from '../docker/runner-image';
import { runToEnd } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { useTempDirs } from '../test-support/temp-dir';
import { buildContainerSpec } from './container-spec';
import { GCC, hasBuildTools } from '../test-support/build-tools';

const engine = await findRealEngine();
const tempDir = useTempDirs();
const IMAGE = 'dillinger-runner:local';
const GAME_UID = process.getuid?.() === 0 ? 1000 : process.getuid!();
const FOLDER = 'planted';
const IN = `/library/${FOLDER}`;
/** Commands the entrypoint runs as root (and the game's script uses), each wrapped on the planted PATH. */
const WRAPPED = ['id', 'mkdir', 'stat', 'chmod', 'chown', 'ls', 'awk', 'setpriv', 'ln', 'rm', 'dirname', 'basename', 'cat', 'env', 'tini'];
const HOSTILE = { PATH: `${IN}/bin:/usr/bin:/bin`, BASH_ENV: `${IN}/bash-env.sh`, LD_PRELOAD: `${IN}/preload.so` };

const gcc = hasBuildTools([GCC], 'the LD_PRELOAD probe', 'the environment-injection tests');

const PRELOAD_C = `#include <stdio.h>
#include <unistd.h>
__attribute__((constructor)) static void record(void) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/probe.preload.%d", (int)getpid());
  FILE *f = fopen(path, "w");
  if (f) { fprintf(f, "preload uid=%d\\n", (int)getuid()); fclose(f); }
}
`;

/** The game folder with its planted programs; the game (a bash script) records and prints what it got. */
function plantGame(dir: string): LibraryGame {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const record = (what: string) => `echo "${what} uid=$(/usr/bin/id -u)" > "/tmp/probe.${what}.$$"`;
  for (const name of WRAPPED) {
    writeFileSync(join(dir, 'bin', name), `#!/bin/sh\n${record(`path-${name}`)}\nexec /usr/bin/${name} "$@"\n`);
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  writeFileSync(join(dir, 'bash-env.sh'), `${record('bash-env')}\n`);
  writeFileSync(join(dir, 'preload.c'), PRELOAD_C);
  execFileSync('gcc', ['-shared', '-fPIC', '-o', join(dir, 'preload.so'), join(dir, 'preload.c')]);
  writeFileSync(join(dir, 'game.sh'), [
    '#!/bin/bash',
    'id -u >/dev/null # through PATH: the id wrapper records the game\'s uid',
    'echo "game: uid=$(/usr/bin/id -u) PATH=$PATH BASH_ENV=$BASH_ENV LD_PRELOAD=$LD_PRELOAD"',
    'for f in /tmp/probe.*; do echo "probe: $(/usr/bin/head -n1 "$f")"; done',
    '',
  ].join('\n'));
  for (const file of ['game.sh', 'bash-env.sh', 'preload.so']) chmodSync(join(dir, file), 0o755);
  chmodSync(dir, 0o755);
  return { id: 'planted', title: 'Planted', folder: FOLDER, platforms: [{ platform: 'linux', executable: 'game.sh', arguments: [] }] };
}

const facts: HostFacts = { cpuCount: 2, memoryBytes: 2 ** 32, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [] };

/** The real spec for a launch whose environment is `HOSTILE`, unvalidated. */
function hostileSpec(gameFolder: string, game: LibraryGame): Docker.ContainerCreateOptions {
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_tester', platform: 'linux', sessionId: `sess_${randomUUID()}`, timestamp: new Date().toISOString(),
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
  });
  request.launchConfig.environment = { ...HOSTILE };
  return buildContainerSpec({ request, game, facts, image: IMAGE, gameFolder, user: { uid: GAME_UID, gid: GAME_UID } });
}

/** Runs the container to its end (never with a network); its exit code and output. */
async function runSealed(docker: Docker, spec: Docker.ContainerCreateOptions): Promise<{ exitCode: number; log: string }> {
  expect(spec.HostConfig?.NetworkMode).toBe('none');
  return runToEnd(docker, spec);
}

function expectNothingRanAsRoot(log: string): void {
  const probes = log.split('\n').filter((line) => line.startsWith('probe: '));
  const uids = probes.map((line) => /uid=(\d+)/.exec(line)?.[1]);
  expect(probes.filter((_, i) => uids[i] !== String(GAME_UID)), 'planted programs that ran as another uid (root)').toEqual([]);
  // They did run, as the game's uid: in the game's own processes.
  expect(probes).toEqual(expect.arrayContaining([`probe: preload uid=${GAME_UID}`, `probe: bash-env uid=${GAME_UID}`, `probe: path-id uid=${GAME_UID}`]));
  expect(log).toContain(`game: uid=${GAME_UID} PATH=${HOSTILE.PATH} BASH_ENV=${HOSTILE.BASH_ENV} LD_PRELOAD=${HOSTILE.LD_PRELOAD}`);
}

describe.skipIf(!engine.available || !gcc)('PATH, BASH_ENV and LD_PRELOAD pointing into the game\'s folder', () => {
  const docker = new Docker({ socketPath: engine.endpoint });
  beforeAll(async () => {
    await ensureRunnerImage(docker, { image: IMAGE, contextDir: defaultRunnerContext(), build: true });
  }, 600_000);

  it('as the launch settings\' variables: nothing runs as uid 0, and the game gets them', async () => {
    const dir = join(tempDir(), FOLDER);
    const game = plantGame(dir);
    const { exitCode, log } = await runSealed(docker, hostileSpec(dir, game));
    expect(exitCode, log).toBe(0);
    expectNothingRanAsRoot(log);
  }, 120_000);

  it('as plain names in Docker\'s Env, as if the spec had carried them: the same', async () => {
    const dir = join(tempDir(), FOLDER);
    const game = plantGame(dir);
    const spec = hostileSpec(dir, game);
    spec.Env = [...(spec.Env ?? []), ...Object.entries(HOSTILE).map(([name, value]) => `${name}=${value}`)];
    const { exitCode, log } = await runSealed(docker, spec);
    expect(exitCode, log).toBe(0);
    expectNothingRanAsRoot(log);
  }, 120_000);
});
