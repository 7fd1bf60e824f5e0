// Windows programs this runner's Wine (10, x86 32- and 64-bit) cannot start: an .exe for another
// processor (ARM64), a text file named .exe, an .exe importing a DLL that is not there. Each ends
// `failed` in a player's words, not "The game exited
// normally"; a good 64-bit .exe still ends `terminated`. The programs are the Windows demo, copied
// from the library and changed where the loader looks: the PE header's machine type, the name of
// an imported DLL (both as a linker writes them).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type RunnerSession } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { runToEnd } from '../test-support/container-probe';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { WINDOWS_DEMO, coreOptions, launchRequest, useLiveCores, type LiveCore, untilInLibrary } from '../test-support/live-session';
import { buildContainerSpec } from '../container/container-spec';
import { NOT_STARTABLE_EXIT_CODE, outcomeOf } from './exit-outcome';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];
const GAME_UID = process.getuid?.() === 0 ? 1000 : process.getuid!();
const OTHER_PROCESSOR = /game\.exe is a Windows program for another processor \(machine type 0xaa64\), and this runner runs x86 programs only/;
const NOT_A_PROGRAM = /game\.exe is not a valid Windows program \(it has no Windows executable header\): check that the game's files are complete/;

type Variant = 'good' | 'arm64' | 'text' | 'missing-dll';

/** The demo's .exe as the variant asks. */
function programBytes(demo: Buffer, variant: Variant): Buffer | string {
  const bytes = Buffer.from(demo);
  if (variant === 'arm64') bytes.writeUInt16LE(0xaa64, bytes.readUInt32LE(0x3c) + 4); // IMAGE_FILE_MACHINE_ARM64
  if (variant === 'text') return 'This is a README, not a program.\n';
  if (variant === 'missing-dll') {
    const at = bytes.indexOf('WINMM.dll', 0, 'latin1');
    expect(at, 'the demo imports WINMM.dll').toBeGreaterThan(0);
    bytes.write('WINMX.dll', at, 'latin1');
  }
  return bytes;
}

/** A Windows game in the core's library whose game.exe is the variant; returns its id. */
async function addGame(live: LiveCore, variant: Variant): Promise<string> {
  const library = join(live.core.dataDir, 'library');
  const id = `win-${variant}`;
  mkdirSync(join(library, id), { recursive: true });
  writeFileSync(join(library, id, 'game.exe'), programBytes(readFileSync(join(library, WINDOWS_DEMO, 'demo.exe')), variant));
  writeFileSync(join(library, id, 'game.json'), JSON.stringify({ id, title: `Windows ${variant}`, platforms: [{ platform: 'windows', executable: 'game.exe' }] }));
  await untilInLibrary(live, id);
  return id;
}

async function play(live: LiveCore, gameId: string, prefix: string, environment: Record<string, string> = {}): Promise<RunnerSession> {
  const request = { ...launchRequest(WINDOWS_DEMO, { winePrefix: prefix, environment }), gameId };
  const session = await live.call<RunnerSession>('sessions.launch', { request });
  return live.waitFor(session.sessionId, ENDED, 120_000);
}

const prefixName = () => `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;

describe.skipIf(!engine.available || !x.available)('Windows programs the runner cannot start', () => {
  it('an ARM64 .exe and a text file named .exe fail before a container exists, saying why; a good 64-bit .exe still ends terminated', async () => {
    const prefix = prefixName();
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    const arm = await play(live, await addGame(live, 'arm64'), prefix);
    expect(arm).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(OTHER_PROCESSOR), failureKind: 'not-startable' });
    expect(arm.statusReason).not.toMatch(/exited normally/);
    const text = await play(live, await addGame(live, 'text'), prefix);
    expect(text).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(NOT_A_PROGRAM), failureKind: 'not-startable' });

    const good = await play(live, await addGame(live, 'good'), prefix, { DEMO_EXIT_AFTER: '1' });
    expect(good).toMatchObject({ status: 'terminated', exitCode: 0, statusReason: 'The game exited normally.' });
    await cores.expectCleanClose(live);
  }, 300_000);

  it('an .exe importing a missing DLL ends with the DLL\'s name and what to do, from Wine\'s own loader error', async () => {
    const prefix = prefixName();
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    const ended = await play(live, await addGame(live, 'missing-dll'), prefix);
    // It was already `running` when Wine's loader gave up: running → failed, the game never started.
    expect(ended).toMatchObject({
      status: 'failed',
      failureKind: 'not-startable',
      exitCode: NOT_STARTABLE_EXIT_CODE,
      statusReason: expect.stringMatching(/^The game could not start: game\.exe needs WINMX\.dll, which is missing: install what the game needs/),
    });
    await cores.expectCleanClose(live);
  }, 300_000);
});

const facts: HostFacts = { cpuCount: 2, memoryBytes: 2 ** 32, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [], gpus: [] };

/** The entrypoint alone, without the core's check: the real spec for `folder`/game.exe, run to its end. */
async function runEntrypoint(docker: Docker, folder: string, prefix: string): Promise<{ exitCode: number; log: string }> {
  const game: LibraryGame = { id: 'probe', title: 'Probe', folder: 'probe', platforms: [{ platform: 'windows', executable: 'game.exe', arguments: [] }] };
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_tester', platform: 'windows', sessionId: `sess_${randomUUID()}`, timestamp: new Date().toISOString(),
    launchConfig: { winePrefix: prefix, displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {} },
  });
  return runToEnd(docker, buildContainerSpec({ request, game, facts, image: 'dillinger-runner:local', gameFolder: folder, user: { uid: GAME_UID, gid: GAME_UID } }));
}

describe.skipIf(!engine.available || !x.available)('the entrypoint\'s own check, for a runner started without the core\'s', () => {
  it('exits 122 with its reason for an ARM64 .exe and a text .exe, which the core records as failed', async () => {
    const prefix = prefixName();
    const live = await cores.start(coreOptions(tempDir(), x), [prefix]);
    const demo = readFileSync(join(live.core.dataDir, 'library', WINDOWS_DEMO, 'demo.exe'));
    for (const [variant, reason] of [['arm64', OTHER_PROCESSOR], ['text', NOT_A_PROGRAM]] as const) {
      const folder = join(tempDir(), 'probe');
      mkdirSync(folder);
      writeFileSync(join(folder, 'game.exe'), programBytes(demo, variant));
      const { exitCode, log } = await runEntrypoint(live.docker, folder, prefix);
      expect(exitCode, log).toBe(NOT_STARTABLE_EXIT_CODE);
      const line = log.split('\n').find((l) => l.startsWith('dillinger-entrypoint: '));
      expect(line).toMatch(reason);
      expect(outcomeOf({ exitCode, oomKilled: false, error: line?.slice('dillinger-entrypoint: '.length) }, false)).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(reason), failureKind: 'not-startable' });
    }
    await cores.expectCleanClose(live);
  }, 300_000);
});
