// The app killed the hard way (SIGKILL) while an isolated game runs: the game's nested Xephyr lives
// on with it (its window, titled with the game, stays on the user's display), the restarted app adopts
// the session, and Stop ends the game and the nested server; nothing is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import type { CoreChildReady } from '../test-support/core-child';
import { runtimeRoot } from '../container/runtime-dir';
import { findRealEngine } from '../test-support/real-engine';
import { containersOfDataDir } from '../test-support/instance-containers';
import { findRealXServer, windowNames } from '../test-support/real-x-server';
import { useTempDirs } from '../test-support/temp-dir';
import { coreOptions, until, useLiveCores } from '../test-support/live-session';
import { NESTED_PID_FILE, isSessionNestedX, stopNestedX } from './nested-x-server';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const CHILD_SCRIPT = fileURLToPath(new URL('../test-support/core-child.ts', import.meta.url));
const ENDED: RunnerSession['status'][] = ['terminated', 'crashed', 'failed'];

const children: ChildProcess[] = [];
const dataDirs: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const docker = new Docker();
  for (const dataDir of dataDirs.splice(0)) {
    for (const c of await containersOfDataDir(docker, dataDir)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
});

async function startChild(options: object, title: string): Promise<CoreChildReady & { process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(options), title, 'isolated'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<CoreChildReady>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined) resolve(JSON.parse(line) as CoreChildReady);
    });
    child.once('exit', (code, signal) => reject(new Error(`The core child exited (${code ?? signal}) before its game ran. Its stderr:\n${stderr}`)));
  });
  return { ...ready, process: child };
}

describe.skipIf(!engine.available || !x.available)('an isolated game when the app is killed', () => {
  it('keeps its nested display, which the restarted app adopts and stops at the session\'s end', async () => {
    const dataDir = tempDir();
    const options = coreOptions(dataDir, x);
    dataDirs.push(dataDir);
    const title = `Dillinger Demo (Linux) nested ${randomBytes(3).toString('hex')}`;
    const child = await startChild(options, title);
    await until(() => windowNames(x).includes(title), 20_000, `the nested display's window titled "${title}"`);
    const dir = join(runtimeRoot(dataDir, options.env ?? {}), child.sessionId);
    const [pid, start] = readFileSync(join(dir, NESTED_PID_FILE), 'utf8').trim().split(' ');
    try {
      const exited = once(child.process, 'exit');
      child.process.kill('SIGKILL');
      await exited;
      expect(isSessionNestedX(Number(pid), start, dir)).toBe(true); // it outlived the app, with its game
      expect(windowNames(x)).toContain(title);

      const live = await cores.start(options);
      expect(await live.call<RunnerSession>('sessions.get', { sessionId: child.sessionId })).toMatchObject({ status: 'running', containerId: child.containerId });
      await live.call('sessions.stop', { sessionId: child.sessionId });
      expect((await live.waitFor(child.sessionId, ENDED)).status).toBe('terminated');
      // What the session leaves on the host goes right after its end is recorded (session-leftovers.ts).
      await until(() => !isSessionNestedX(Number(pid), start, dir) && !existsSync(dir), 20_000, 'the nested display and the runtime folder to go after the session ended');
      expect(windowNames(x)).not.toContain(title);
      await cores.expectCleanClose(live);
    } finally {
      if (existsSync(dir)) await stopNestedX(dir);
    }
  }, 300_000);
});
