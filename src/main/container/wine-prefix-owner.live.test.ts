// A host folder given as the Wine prefix that is not empty and belongs to root keeps its owner:
// the launch is refused by the core, saying what to do, and the entrypoint refuses it too when
// started without the core's check (never a `chown -R` of it to the game's uid, as root, on the host).
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type RunnerSession } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { runToEnd } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { runsAsRoot } from '../test-support/root-only';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, useLiveCores } from '../test-support/live-session';
import { buildContainerSpec } from './container-spec';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const isRoot = runsAsRoot('The root-owned Wine prefix test');
const GAME_UID = 1000;

/** A prefix folder someone made as root, with a file in it. */
function rootOwnedPrefix(parent: string): { folder: string; file: string } {
  const folder = join(parent, 'old-prefix');
  mkdirSync(folder);
  const file = join(folder, 'user.reg');
  writeFileSync(file, 'WINE REGISTRY Version 2\n');
  return { folder, file };
}

function owners(...paths: string[]): number[] {
  return paths.map((path) => statSync(path).uid);
}

const facts: HostFacts = { cpuCount: 2, memoryBytes: 2 ** 32, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [] };

describe.skipIf(!engine.available || !x.available || !isRoot)('a root-owned, non-empty folder as the Wine prefix', () => {
  it('is refused at launch with what to do, and keeps its owner', async () => {
    const allowed = tempDir();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ allowedHostDirectories: [allowed] }));
    const { folder, file } = rootOwnedPrefix(allowed);
    const live = await cores.start(coreOptions(dataDir, x));
    const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(WINDOWS_DEMO, { winePrefix: folder }) });
    const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 120_000);
    expect(ended).toMatchObject({
      status: 'failed',
      statusReason: expect.stringContaining(`The Wine prefix folder ${folder} is not empty and belongs to root (uid 0), not to the player (uid ${GAME_UID}), and Dillinger does not change the owner of files it did not create: choose a folder that does not exist yet (the app makes it for the player) or a named volume`),
    });
    expect(owners(folder, file)).toEqual([0, 0]);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('an EMPTY root-owned folder is refused too, and keeps its owner: not even its top is handed over', async () => {
    const allowed = tempDir();
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ allowedHostDirectories: [allowed] }));
    const folder = join(allowed, 'empty-prefix');
    mkdirSync(folder);
    const live = await cores.start(coreOptions(dataDir, x));
    const session = await live.call<RunnerSession>('sessions.launch', { request: launchRequest(WINDOWS_DEMO, { winePrefix: folder }) });
    const ended = await live.waitFor(session.sessionId, ['terminated', 'crashed', 'failed'], 120_000);
    expect(ended).toMatchObject({ status: 'failed', statusReason: expect.stringContaining(`The Wine prefix folder ${folder} is empty but belongs to root (uid 0), not to the player (uid ${GAME_UID})`) });
    expect(owners(folder)).toEqual([0]);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('is refused by the entrypoint too when it is bind-mounted without the core\'s check, and keeps its owner', async () => {
    const live = await cores.start(coreOptions(tempDir(), x)); // builds the image and seeds the demo
    const { folder, file } = rootOwnedPrefix(tempDir());
    const game: LibraryGame = { id: WINDOWS_DEMO, title: 'Demo', folder: WINDOWS_DEMO, platforms: [{ platform: 'windows', executable: 'demo.exe', arguments: [] }] };
    const request = GameLaunchRequest.parse({
      gameId: game.id, userId: 'user_tester', platform: 'windows', sessionId: `sess_${randomUUID()}`, timestamp: new Date().toISOString(),
      launchConfig: { winePrefix: folder, displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
    });
    const spec = buildContainerSpec({ request, game, facts, image: 'dillinger-runner:local', gameFolder: join(live.core.dataDir, 'library', WINDOWS_DEMO), user: { uid: GAME_UID, gid: GAME_UID } });
    expect(spec.HostConfig?.Mounts).toContainEqual({ Type: 'bind', Source: folder, Target: '/wine-prefix', ReadOnly: false });
    const { exitCode, log } = await runToEnd(live.docker, spec);
    expect(exitCode, log).toBe(125);
    expect(log).toContain(`dillinger-entrypoint: the Wine prefix folder is not empty and belongs to uid 0, not to the player (uid ${GAME_UID}); Dillinger does not change the owner of files it did not create`);
    expect(owners(folder, file)).toEqual([0, 0]);
    await cores.expectCleanClose(live);
  }, 240_000);
});
