// Launches that arrive together, against the real engine: the concurrency limit holds (the check
// and the reservation are one step), one session id sent for two games is a conflict, and two
// launches after the library folder moved both run, each container seeing only its game's folder.
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PURPOSE_LABEL } from '../docker/labels';
import type { ErrorBody } from '../../shared/contract/envelope';
import type { RunnerSession } from '../../shared/model/entities';
import { DEMOS_MARKER } from '../library/demo-games';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, launchRequest, until, useLiveCores, type LiveCore } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

/** `count` copies of the Linux demo, each a game of its own (id and window title), in the library. */
async function demoCopies(live: LiveCore, count: number): Promise<string[]> {
  const libraryDir = join(live.core.dataDir, 'library');
  await until(() => existsSync(join(libraryDir, DEMOS_MARKER)), 30_000, 'the demo seeding to finish');
  const manifest = JSON.parse(readFileSync(join(libraryDir, LINUX_DEMO, 'game.json'), 'utf8')) as Record<string, unknown>;
  const tag = randomBytes(3).toString('hex');
  const ids = Array.from({ length: count }, (_, i) => `race-demo-${i}`);
  for (const [i, id] of ids.entries()) {
    cpSync(join(libraryDir, LINUX_DEMO), join(libraryDir, `.${id}`), { recursive: true });
    writeFileSync(join(libraryDir, `.${id}`, 'game.json'), JSON.stringify({ ...manifest, id, title: `Race demo ${i} ${tag}` }));
    renameSync(join(libraryDir, `.${id}`), join(libraryDir, id)); // the watcher never sees half a copy
  }
  await until(async () => {
    const games = (await live.call<{ games: Array<{ id: string }> }>('library.list')).games.map((g) => g.id);
    return ids.every((id) => games.includes(id));
  }, 20_000, 'the copies in the library');
  return ids;
}

/** Sends every launch at the same moment; the answers, in order. */
async function launchTogether(live: LiveCore, requests: object[]): Promise<Array<{ session?: RunnerSession; error?: ErrorBody }>> {
  const envelopes = await Promise.all(requests.map((request) => live.core.dispatch('sessions.launch', { request })));
  return envelopes.map((e) => ('error' in e ? { error: e.error } : { session: e.result as RunnerSession }));
}

function quickExit(gameId: string, extra: Record<string, unknown> = {}): object {
  const base = launchRequest(gameId, { environment: { DEMO_EXIT_AFTER: '1' } });
  return { ...base, gameId, ...extra };
}

describe.skipIf(!engine.available || !x.available)('launches that arrive together', () => {
  for (const { limit, launches } of [{ limit: 1, launches: 2 }, { limit: 4, launches: 8 }]) {
    it(`limit ${limit}, ${launches} games at once: ${limit} run, the others are refused with a conflict saying what to do`, async () => {
      const dataDir = tempDir();
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ maxConcurrentSessions: limit }));
      const live = await cores.start(coreOptions(dataDir, x));
      const games = await demoCopies(live, launches);

      const answers = await launchTogether(live, games.map((id) => quickExit(id)));
      const accepted = answers.flatMap((a) => (a.session ? [a.session] : []));
      const refused = answers.flatMap((a) => (a.error ? [a.error] : []));
      expect(accepted).toHaveLength(limit);
      expect(refused).toHaveLength(launches - limit);
      for (const error of refused) expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already running, the most this app allows at once: stop one first, or raise "Maximum concurrent sessions"/) });

      for (const session of accepted) expect(await live.waitFor(session.sessionId, ENDED)).toMatchObject({ status: 'terminated', exitCode: 0 });
      expect(await live.call<RunnerSession[]>('sessions.list')).toHaveLength(limit);
      await cores.expectCleanClose(live);
    }, 300_000);
  }

  it('one session id sent for two games at once: one runs, the other is a conflict saying to use a new id', async () => {
    const live = await cores.start(coreOptions(tempDir(), x));
    const games = await demoCopies(live, 2);
    const sessionId = `sess_${randomUUID()}`;

    const answers = await launchTogether(live, games.map((id) => quickExit(id, { sessionId })));
    expect(answers.filter((a) => a.session)).toHaveLength(1);
    expect(answers.find((a) => a.error)?.error).toEqual({
      code: 'conflict',
      message: `Session id ${sessionId} is already used by another launch: send a new id, or leave sessionId out and the app picks one.`,
    });
    expect(await live.waitFor(sessionId, ENDED)).toMatchObject({ status: 'terminated', exitCode: 0 });
    await cores.expectCleanClose(live);
  }, 300_000);

  it('two launches at once after the library volume was bound elsewhere: both run, nothing is rebound, each sees only its folder', async () => {
    const options = coreOptions(tempDir(), x);
    const elsewhere = tempDir();
    const live = await cores.start(options);
    // As an earlier version left it after the library folder was changed: bound to another folder.
    await live.docker.createVolume({ Name: live.libraryVolume, Driver: 'local', DriverOpts: { type: 'none', o: 'bind', device: elsewhere }, Labels: { [PURPOSE_LABEL]: 'library' } });
    const games = await demoCopies(live, 2);

    const answers = await launchTogether(live, games.map((id) => launchRequest(id)));
    expect(answers.map((a) => a.error)).toEqual([undefined, undefined]);
    const sessions = answers.map((a) => a.session!);
    const libraryDir = realpathSync(join(live.core.dataDir, 'library'));
    for (const [i, session] of sessions.entries()) {
      const running = await live.waitFor(session.sessionId, ['running']);
      const mounts = (await live.docker.getContainer(running.containerId).inspect()).Mounts;
      expect(mounts.filter((m) => m.Destination.startsWith('/library'))).toEqual([
        expect.objectContaining({ Type: 'bind', Source: join(libraryDir, games[i]!), Destination: `/library/${games[i]}`, RW: false }),
      ]);
    }
    expect((await live.docker.getVolume(live.libraryVolume).inspect()).Options).toMatchObject({ device: elsewhere }); // untouched

    for (const session of sessions) await live.call('sessions.stop', { sessionId: session.sessionId });
    for (const session of sessions) expect(await live.waitFor(session.sessionId, ENDED)).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.' });
    await cores.expectCleanClose(live);
  }, 300_000);
});
