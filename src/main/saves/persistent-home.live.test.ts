// The game's persistent home through the real entrypoint (the working tree's, bound over the
// image's): a Linux program that increments a counter in ~/.local/share/<game>/save.dat reads
// 1, 2, 3 over three sessions (the entrypoint, root without CAP_FOWNER, must not chmod a home the
// player already owns), and a home that belongs to someone else is refused, saying what to do.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { buildContainerSpec } from '../container/container-spec';
import { runToEnd } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { runsAsRoot } from '../test-support/root-only';
import { useTempDirs } from '../test-support/temp-dir';
import Docker from 'dockerode';
import { openGameSaves } from './game-saves';

const engine = await findRealEngine();
const isRoot = runsAsRoot('The persistent home test');
const tempDir = useTempDirs();
const GAME_UID = 1000;
const RUNNER = process.env.DILLINGER_TEST_RUNNER_DIR ?? resolve(__dirname, '../../../resources/runner'); // another entrypoint to compare
const facts: HostFacts = { cpuCount: 2, memoryBytes: 2 ** 32, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [] };

const COUNTER_C = `
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
int main(void) {
  char dir[512], path[600]; const char *home = getenv("HOME"); int n = 0;
  snprintf(dir, sizeof dir, "%s/.local", home); mkdir(dir, 0700);
  snprintf(dir, sizeof dir, "%s/.local/share", home); mkdir(dir, 0700);
  snprintf(dir, sizeof dir, "%s/.local/share/counter", home); mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/save.dat", dir);
  FILE *f = fopen(path, "r"); if (f) { if (fscanf(f, "%d", &n) != 1) n = 0; fclose(f); }
  f = fopen(path, "w"); if (!f) { perror(path); return 3; }
  fprintf(f, "%d\\n", n + 1); fclose(f); printf("counter %d\\n", n + 1); return 0;
}`;

/** A library folder with the counter program, readable by the game's user. */
function counterGame(): { game: LibraryGame; folder: string } {
  const folder = join(tempDir(), 'counter');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'counter.c'), COUNTER_C);
  execFileSync('gcc', ['-O2', '-o', join(folder, 'counter'), join(folder, 'counter.c')]);
  chmodSync(join(folder, '..'), 0o755);
  chmodSync(folder, 0o755);
  return { folder, game: { id: 'game_counter', title: 'Counter', folder: 'counter', platforms: [{ platform: 'linux', executable: 'counter', arguments: [] }] } };
}

function spec(game: LibraryGame, gameFolder: string, homeFolder: string): Parameters<Docker['createContainer']>[0] {
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_tester', platform: 'linux', sessionId: `sess_${randomUUID()}`, timestamp: new Date().toISOString(),
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
  });
  const built = buildContainerSpec({ request, game, facts, image: 'dillinger-runner:local', gameFolder, homeFolder, user: { uid: GAME_UID, gid: GAME_UID } });
  // The working tree's entrypoint and its parts, whatever the image was built from.
  built.HostConfig!.Mounts!.push(
    { Type: 'bind', Source: join(RUNNER, 'entrypoint.sh'), Target: '/usr/local/bin/dillinger-entrypoint', ReadOnly: true },
    { Type: 'bind', Source: join(RUNNER, 'lib'), Target: '/usr/local/lib/dillinger', ReadOnly: true },
  );
  return built;
}

describe.skipIf(!engine.available || !isRoot)('the game\'s persistent home', () => {
  const docker = new Docker({ socketPath: engine.endpoint });

  it('keeps a Linux game\'s save over three sessions, the home made for the player on first Play', async () => {
    const { game, folder } = counterGame();
    const home = await openGameSaves({ dataDir: tempDir() }).ensureHome(game.id, { uid: GAME_UID, gid: GAME_UID });
    const outputs: string[] = [];
    for (let session = 1; session <= 3; session++) {
      const { exitCode, log } = await runToEnd(docker, spec(game, folder, home));
      expect(exitCode, log).toBe(0);
      outputs.push(log.trim());
    }
    expect(outputs).toEqual(['counter 1', 'counter 2', 'counter 3']);
    expect(readFileSync(join(home, '.local/share/counter/save.dat'), 'utf8')).toBe('3\n');
  }, 180_000);

  it('refuses a home that belongs to someone else, saying what to do, and leaves it as it is', async () => {
    const { game, folder } = counterGame();
    const home = join(tempDir(), 'home');
    mkdirSync(home, { mode: 0o750 });
    chownSync(home, 4242, 4242);
    const { exitCode, log } = await runToEnd(docker, spec(game, folder, home));
    expect(exitCode, log).toBe(125);
    expect(log).toContain(`the game's home folder /tmp/dillinger-home belongs to uid 4242, not to the player (uid ${GAME_UID})`);
    expect(log).toContain(`chown ${GAME_UID}:${GAME_UID} on the host`);
  }, 120_000);
});
