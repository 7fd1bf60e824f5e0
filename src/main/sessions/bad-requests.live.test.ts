// Launches the core refuses, against the real engine: a bad request is answered with EVERY problem
// and leaves no trace (no file, no container); a second Play of a running game answers with its
// session; a launch over the concurrent-session limit, or with a session id already used, is a
// conflict that says what to do.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_LABEL } from '../docker/labels';
import type { ErrorBody } from '../../shared/contract/envelope';
import type { RunnerSession } from '../../shared/model/entities';
import { DEMOS_MARKER } from '../library/demo-games';
import { sessionIdTaken } from './launch-check';
import { retitleGame } from '../test-support/library-fixture';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { snapshotFiles } from '../test-support/file-snapshot';
import { containersOfDataDir } from '../test-support/instance-containers';
import {
  LINUX_DEMO, WINDOWS_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore,
} from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();

const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

/** Calls the contract expecting an error envelope, and returns the error. */
async function refusal(live: LiveCore, method: string, payload: unknown): Promise<ErrorBody> {
  const envelope = await live.core.dispatch(method, payload);
  if (!('error' in envelope)) throw new Error(`${method} was expected to fail, but answered ${JSON.stringify(envelope.result)}`);
  return envelope.error;
}

/** This core's runner containers (by its instance label: other test files' games run meanwhile). */
async function containersOf(live: LiveCore): Promise<string[]> {
  return (await containersOfDataDir(live.docker, live.core.dataDir)).map((c) => c.Id).sort();
}

/** The demos are seeded (the marker is the last thing written), so the data dir is at rest. */
async function librarySettled(live: LiveCore): Promise<string> {
  const libraryDir = join(live.core.dataDir, 'library');
  await until(() => existsSync(join(libraryDir, DEMOS_MARKER)), 30_000, 'the demo seeding to finish');
  return libraryDir;
}

describe.skipIf(!engine.available || !x.available)('launch requests the core refuses', () => {
  it('answers a bad launch with invalid_payload listing every problem at its path, writing and starting nothing', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    await librarySettled(live);
    const sessionId = `sess_${randomUUID()}`;
    const base = launchRequest(LINUX_DEMO);
    const request = {
      ...base,
      sessionId,
      gameId: 'no-such-game',
      launchConfig: {
        ...base.launchConfig,
        resources: { gpuAccess: 'none', memoryLimit: '1k' },
        environment: { DISPLAY: ':9' },
        volumes: [{ hostPath: 'saves', containerPath: 'saves', mode: 'rw', type: 'bind' }],
      },
    };
    const before = snapshotFiles(live.core.dataDir);
    const containersBefore = await containersOf(live);

    const error = await refusal(live, 'sessions.launch', { request });
    expect(error).toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/^The launch settings have 5 problems/) });
    const problems = [...(error.problems ?? [])].sort((a, b) => a.path.localeCompare(b.path));
    expect(problems).toEqual([
      { path: 'gameId', message: expect.stringMatching(/no game "no-such-game" in the library/) },
      { path: 'launchConfig.environment.DISPLAY', message: expect.stringMatching(/set by the app/) },
      { path: 'launchConfig.resources.memoryLimit', message: expect.stringMatching(/under 6 MiB/) },
      { path: 'launchConfig.volumes.0.containerPath', message: expect.stringMatching(/must be an absolute path inside the container/) },
      { path: 'launchConfig.volumes.0.hostPath', message: expect.stringMatching(/must be an absolute path/) },
    ]);

    expect(snapshotFiles(live.core.dataDir)).toEqual(before);
    expect(await live.docker.listContainers({ all: true, filters: { label: [`${SESSION_LABEL}=${sessionId}`] } })).toEqual([]);
    expect(await containersOf(live)).toEqual(containersBefore);
    expect(await refusal(live, 'sessions.get', { sessionId })).toMatchObject({ code: 'not_found' });
    expect(await live.call('sessions.list')).toEqual([]);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('refuses the Windows platform for the Linux-only demo at `platform`', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    await librarySettled(live);
    const before = snapshotFiles(live.core.dataDir);
    const base = launchRequest(LINUX_DEMO);
    // With the Wine prefix a Windows launch needs, so that only `platform` is wrong.
    const request = { ...base, platform: 'windows', launchConfig: { ...base.launchConfig, winePrefix: 'unused-prefix' } };

    const error = await refusal(live, 'sessions.launch', { request });
    expect(error).toMatchObject({ code: 'invalid_payload' });
    expect(error.problems).toEqual([{ path: 'platform', message: expect.stringMatching(/runs on linux, not windows/) }]);
    expect(snapshotFiles(live.core.dataDir)).toEqual(before);
    expect(await containersOf(live)).toEqual([]);
    await cores.expectCleanClose(live);
  }, 240_000);

  it('answers a second Play with the running session, and a launch over the limit with a conflict saying what to do', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ maxConcurrentSessions: 1 })); // before the core reads it
    const prefix = `dillinger_test_prefix_${randomBytes(4).toString('hex')}`;
    const live = await cores.start(coreOptions(dataDir, x), [prefix]);
    // A title of its own: other files' tests look for (the absence of) the demo's usual window.
    const title = `Dillinger Demo (Linux) limits ${randomBytes(3).toString('hex')}`;
    retitleGame(await librarySettled(live), LINUX_DEMO, title);
    await until(async () => (await live.call<{ games: Array<{ title: string }> }>('library.list')).games.some((g) => g.title === title), 10_000, 'the new title');

    const request = launchRequest(LINUX_DEMO);
    const session = await live.call<RunnerSession>('sessions.launch', { request });
    await live.waitFor(session.sessionId, ['running']);
    const again = await live.call<RunnerSession>('sessions.launch', { request });
    expect(again).toMatchObject({ sessionId: session.sessionId, status: 'running' });
    const containers = await containersOf(live);
    expect(containers).toHaveLength(1);

    const error = await refusal(live, 'sessions.launch', { request: launchRequest(WINDOWS_DEMO, { winePrefix: prefix }) });
    expect(error).toEqual({
      code: 'conflict',
      message: '1 game is already running, the most this app allows at once: stop one first, or raise "Maximum concurrent sessions" in Settings.',
    });
    expect(await live.call<RunnerSession[]>('sessions.list', { gameId: WINDOWS_DEMO })).toEqual([]);
    expect(await containersOf(live)).toEqual(containers);
    await expect(live.docker.getVolume(prefix).inspect()).rejects.toMatchObject({ statusCode: 404 }); // no prefix made either

    await live.call('sessions.stop', { sessionId: session.sessionId });
    expect(await live.waitFor(session.sessionId, ENDED)).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.' });

    // A request whose only problem is a session id already used is a conflict saying to send a new one.
    const reused = await refusal(live, 'sessions.launch', { request: { ...request, sessionId: session.sessionId } });
    expect(reused).toEqual({ code: 'conflict', message: sessionIdTaken(session.sessionId) });
    expect(await containersOf(live)).toEqual([]);
    await cores.expectCleanClose(live);
  }, 240_000);
});
