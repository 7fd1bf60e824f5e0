// The app killed the hard way (SIGKILL) while a game runs, then started again on the same data folder:
// the game that outlived it is adopted and can be stopped; one that ended or vanished meanwhile is
// recorded as it ended. The first core runs in a child process (test-support/core-child.ts), the
// second in this one, on the same data dir and library volume.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { LOCK_FILE } from '../app-data/instance-lock';
import type { CoreOptions } from '../core';
import type { CoreChildReady } from '../test-support/core-child';
import { findRealEngine } from '../test-support/real-engine';
import { containersOfDataDir } from '../test-support/instance-containers';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores } from '../test-support/live-session';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const children = useCoreChildren();

const CHILD_SCRIPT = fileURLToPath(new URL('../test-support/core-child.ts', import.meta.url));
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

interface CoreChild extends CoreChildReady {
  process: ChildProcess;
}

/**
 * Cores in child processes, playing the Linux demo under a title of their own (so their windows are
 * told apart from other files' demos). afterEach kills what is left and removes its containers (by
 * its data dir's instance label), in case the test failed before an in-process core took them over.
 */
function useCoreChildren(): { start(options: CoreOptions, title: string): Promise<CoreChild>; killHard(child: CoreChild): Promise<void> } {
  const alive = new Set<ChildProcess>();
  const dataDirs = new Set<string>();
  const killHard = async (child: ChildProcess) => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    alive.delete(child);
  };
  afterEach(async () => {
    for (const child of [...alive]) await killHard(child);
    const docker = new Docker();
    for (const dataDir of dataDirs) {
      for (const c of await containersOfDataDir(docker, dataDir)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
    dataDirs.clear();
  });
  return {
    async start(options, title) {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(options), title], { stdio: ['ignore', 'pipe', 'pipe'] });
      alive.add(child);
      dataDirs.add(options.dataDir!);
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const ready = await new Promise<CoreChildReady>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The core child did not start its game within 180 s. Its stderr:\n${stderr}`)), 180_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const line = stdout.split('\n').slice(0, -1).find((l) => l.startsWith('{'));
          if (line === undefined) return;
          clearTimeout(timer);
          resolve(JSON.parse(line) as CoreChildReady);
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`The core child exited (${code ?? signal}) before its game ran. Its stderr:\n${stderr}`));
        });
      });
      return { ...ready, process: child };
    },
    killHard: (child) => killHard(child.process),
  };
}

function uniqueTitle(): string {
  return `Dillinger Demo (Linux) restart ${randomBytes(3).toString('hex')}`;
}

function lockOwner(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid;
}

describe.skipIf(!engine.available || !x.available)('restarting after the app was killed while a game ran', () => {
  it('adopts the game that outlived the app: same container, its output followed again, and Stop ends it', async () => {
    const options = coreOptions(tempDir(), x);
    const dataDir = options.dataDir!;
    const title = uniqueTitle();
    const child = await children.start(options, title);
    await until(() => windowNames(x).includes(title), 20_000, `a window titled "${title}"`);

    await children.killHard(child);
    expect((await new Docker().getContainer(child.containerId).inspect()).State.Running).toBe(true);
    expect(lockOwner(dataDir)).toBe(child.process.pid); // the dead app's lock is still there...

    const live = await cores.start(options);
    expect(lockOwner(dataDir)).toBe(process.pid); // ...and was taken over
    const output: string[] = [];
    live.core.onEvent((name, payload) => {
      const log = payload as { sessionId?: string; text?: string };
      if (name === 'session.log' && log.sessionId === child.sessionId) output.push(log.text ?? '');
    });
    expect(await live.call<RunnerSession>('sessions.get', { sessionId: child.sessionId })).toMatchObject({ status: 'running', containerId: child.containerId });
    await until(() => output.join('').includes('demo: tick'), 20_000, 'the game\'s output to reach the restarted core');
    expect(windowNames(x)).toContain(title); // the game played on all along

    await live.call('sessions.stop', { sessionId: child.sessionId });
    const ended = await live.waitFor(child.sessionId, ENDED);
    expect(ended).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.', exitCode: 0, containerId: child.containerId });
    await until(() => !windowNames(x).includes(title), 10_000, 'the window to close');
    await cores.expectCleanClose(live);
  }, 240_000);

  it('carries out a Stop pressed before the restarted app has caught up with the game', async () => {
    const options = coreOptions(tempDir(), x);
    const title = uniqueTitle();
    const child = await children.start(options, title);
    await children.killHard(child);

    const live = await cores.start(options);
    // At once, as a player would from the list the window shows first: the core may not have looked at Docker yet.
    await live.call('sessions.stop', { sessionId: child.sessionId });
    const ended = await live.waitFor(child.sessionId, ENDED);
    expect(ended).toMatchObject({ status: 'terminated', statusReason: 'Stopped by request.' });
    await until(() => !windowNames(x).includes(title), 10_000, 'the window to close');
    await cores.expectCleanClose(live);
  }, 240_000);

  it('records a game killed while the app was down as crashed, with the killed container\'s exit code 137', async () => {
    const options = coreOptions(tempDir(), x);
    const child = await children.start(options, uniqueTitle());
    await children.killHard(child);
    const container = new Docker().getContainer(child.containerId);
    await container.kill(); // SIGKILL, not asked for through the app
    expect((await container.inspect()).State).toMatchObject({ Running: false, ExitCode: 137 });

    // Nobody pressed Stop: a non-zero exit the user did not ask for is a crash (exit-outcome.ts).
    const live = await cores.start(options);
    const ended = await live.waitFor(child.sessionId, ENDED);
    expect(ended).toMatchObject({ status: 'crashed', exitCode: 137, statusReason: 'The game was killed by signal 9 (exit code 137).', endTime: expect.any(String) });
    await cores.expectCleanClose(live); // the exited container and the session's runtime dir are gone
  }, 240_000);

  it('records a game whose container was removed while the app was down as crashed, saying it disappeared', async () => {
    const options = coreOptions(tempDir(), x);
    const child = await children.start(options, uniqueTitle());
    await children.killHard(child);
    await new Docker().getContainer(child.containerId).remove({ force: true });

    const live = await cores.start(options);
    const ended = await live.waitFor(child.sessionId, ENDED);
    expect(ended).toMatchObject({ status: 'crashed', statusReason: expect.stringMatching(/container disappeared/), endTime: expect.any(String) });
    expect(ended.exitCode).toBeUndefined(); // nobody can know it
    await cores.expectCleanClose(live);
  }, 240_000);
});
