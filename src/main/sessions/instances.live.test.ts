// Reconcile touches only this instance's own containers, against the real engine. A data dir is
// left as an app killed the hard way leaves it (its session records, written before the kill, and
// the containers of that moment), then a core starts on it while another instance plays on the
// same engine with a session id that shares its first 8 hex digits.
import { randomBytes, randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { instanceIdOf } from '../app-data/instance-id';
import { INSTANCE_LABEL, SESSION_LABEL } from '../docker/labels';
import { openSessionStore } from '../session-store/session-store';
import { retitleGame } from '../test-support/library-fixture';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore } from '../test-support/live-session';
import { containerName } from '../container/container-spec';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

const made: Docker.Container[] = [];
afterEach(async () => {
  for (const container of made.splice(0)) await container.remove({ force: true }).catch(() => undefined);
});

/** A plain container standing for one a runner left (NetworkMode none; removed after the test). */
async function leftContainer(name: string, labels: Record<string, string>, start: boolean): Promise<Docker.Container> {
  const container = await new Docker().createContainer({ name, Image: 'debian:bookworm-slim', Cmd: ['sleep', '300'], Labels: labels, HostConfig: { NetworkMode: 'none' } });
  made.push(container);
  if (start) await container.start();
  return container;
}

/** Writes a session record into a data dir no core runs on, as the killed app had written it. */
async function recordLeftBehind(dataDir: string, sessionId: string, status: 'requested' | 'starting' | 'running', containerId: string): Promise<void> {
  const store = await openSessionStore({ dataDir });
  await store.create({
    sessionId, containerId: containerName(sessionId), gameId: LINUX_DEMO, userId: 'user_tester', status: 'requested',
    startTime: new Date().toISOString(), platform: 'linux', displayInfo: { method: 'x11', displayId: x.display },
  });
  if (status !== 'requested') await store.update(sessionId, { status: 'starting', containerId });
  if (status === 'running') await store.update(sessionId, { status: 'running' });
  await store.close();
}

async function warnings(live: LiveCore): Promise<string[]> {
  return (await live.call<{ warnings: string[] }>('app.info')).warnings;
}

describe.skipIf(!engine.available || !x.available)('instances sharing one engine', () => {
  it("a killed instance's launch whose id shares 8 hex digits with another instance's game: the other game plays on, and is neither reported nor removed", async () => {
    // Instance B plays, under a title of its own (other files look for the demo's usual window).
    const b = await cores.start(coreOptions(tempDir(), x));
    const { root } = await b.call<{ root: string }>('library.list');
    const title = `Dillinger Demo (Linux) instances ${randomBytes(3).toString('hex')}`;
    retitleGame(root, LINUX_DEMO, title);
    await until(async () => (await b.call<{ games: Array<{ title: string }> }>('library.list')).games.some((g) => g.title === title), 10_000, 'the new title');
    const prefix = randomBytes(4).toString('hex');
    const theirs = `sess_${prefix}-${randomUUID().slice(9)}`;
    await b.call('sessions.launch', { request: { ...launchRequest(LINUX_DEMO), sessionId: theirs } });
    const playing = await b.waitFor(theirs, ['running']);

    // Instance A was killed while its launch of a session sharing those digits was only recorded.
    const dirA = tempDir();
    const ours = `sess_${prefix}-${randomUUID().slice(9)}`;
    await recordLeftBehind(dirA, ours, 'requested', containerName(ours));
    // And one unexplained container that IS A's: its warning shows that A looked at every container.
    const orphan = `dillinger_orphan_${randomBytes(4).toString('hex')}`;
    await leftContainer(orphan, { [SESSION_LABEL]: `sess_${randomUUID()}`, [INSTANCE_LABEL]: instanceIdOf(dirA) }, true);

    const a = await cores.start(coreOptions(dirA, x));
    expect(await a.waitFor(ours, ENDED)).toMatchObject({ status: 'failed', statusReason: 'The app closed before this launch finished: press Play again.' });
    await until(async () => (await warnings(a)).some((w) => w.includes(orphan)), 30_000, `a warning about ${orphan}`);

    expect((await b.docker.getContainer(playing.containerId).inspect()).State.Running).toBe(true);
    expect(await b.call<RunnerSession>('sessions.get', { sessionId: theirs })).toMatchObject({ status: 'running' });
    const aboutTheirs = (await warnings(a)).filter((w) => w.includes(theirs) || w.includes(playing.containerId.slice(0, 12)));
    expect(aboutTheirs).toEqual([]);

    await b.call('sessions.stop', { sessionId: theirs });
    expect(await b.waitFor(theirs, ENDED)).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.' });
    await cores.expectCleanClose(a);
    await cores.expectCleanClose(b);
  }, 300_000);

  it('a launch the app was killed in while starting ends saying the app was closed and to press Play again', async () => {
    const dataDir = tempDir();
    const sessionId = `sess_${randomUUID()}`;
    const created = await leftContainer(containerName(sessionId), { [SESSION_LABEL]: sessionId, [INSTANCE_LABEL]: instanceIdOf(dataDir) }, false);
    await recordLeftBehind(dataDir, sessionId, 'starting', created.id);

    const live = await cores.start(coreOptions(dataDir, x));
    expect(await live.waitFor(sessionId, ENDED)).toMatchObject({
      status: 'failed', statusReason: 'The app was closed while the game was starting, so it never started: press Play again.',
    });
    await cores.expectCleanClose(live); // its container is removed
  }, 300_000);

  it('a container from before instance labels is still adopted by the instance whose record names it, and Stop ends it', async () => {
    const dataDir = tempDir();
    const sessionId = `sess_${randomUUID()}`;
    const old = await leftContainer(containerName(sessionId), { [SESSION_LABEL]: sessionId }, true);
    await recordLeftBehind(dataDir, sessionId, 'running', old.id);

    const live = await cores.start(coreOptions(dataDir, x, { stopGraceSeconds: 1 }));
    await until(async () => (await live.call<RunnerSession>('sessions.get', { sessionId })).status === 'running' && !(await warnings(live)).some((w) => w.includes(sessionId)), 10_000, 'the adoption');
    await live.call('sessions.stop', { sessionId });
    expect(await live.waitFor(sessionId, ENDED)).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.', containerId: old.id });
    expect((await warnings(live)).filter((w) => w.includes(containerName(sessionId)))).toEqual([]);
    await cores.expectCleanClose(live);
  }, 300_000);
});
