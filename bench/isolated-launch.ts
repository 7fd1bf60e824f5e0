// bench:launch's isolated case: Play with displayIsolation 'isolated' → the Linux demo's window mapped
// on the session's nested Xephyr, through the whole core; next to the anchor, measured in the same
// run: a Xephyr started the same way (startNestedX) plus a plain `docker run` against it, until the
// same window is mapped on it. Also the nested server's own start and its CPU during that launch.
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../src/main/core';
import { runtimeRoot } from '../src/main/container/runtime-dir';
import { XAUTHORITY_FILE } from '../src/main/container/session-attachments';
import { nestedCookieFile, startNestedX, stopNestedX } from '../src/main/display/nested-x-server';
import type { RunnerSession } from '../src/shared/model/entities';

export interface XDisplay {
  display: string;
  xauthority: string;
}

const DISPLAY = process.env.DILLINGER_TEST_DISPLAY ?? ':42';
const XAUTHORITY = process.env.DILLINGER_TEST_XAUTHORITY ?? '/tmp/dillinger-ci.xauth';
const GAME = { id: 'dillinger-demo-linux', title: 'Dillinger Demo (Linux)' };
const ENDED = ['terminated', 'crashed', 'failed'];

interface IsolatedCaseDeps {
  core: Core;
  dataDir: string;
  runs: number;
  report(label: string, ours: number[], plain: number[]): string;
  waitWindow(title: string, present: boolean, timeoutMs?: number, x?: XDisplay): Promise<void>;
  /** The plain docker run of the Linux demo against `nested`, until its window is mapped there. */
  plain(nested: XDisplay & { cookieFile: string }): Promise<number>;
}

async function get(core: Core, sessionId: string): Promise<RunnerSession> {
  const envelope = await core.dispatch('sessions.get', { sessionId });
  if ('error' in envelope) throw new Error(envelope.error.message);
  return envelope.result as RunnerSession;
}

async function poll<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function launchIsolated(deps: IsolatedCaseDeps): Promise<number> {
  const { core } = deps;
  const request = {
    gameId: GAME.id, userId: 'bench', platform: 'linux',
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, displayIsolation: 'isolated', resolution: '800x600' },
  };
  const started = performance.now();
  const envelope = await core.dispatch('sessions.launch', { request });
  if ('error' in envelope) throw new Error(envelope.error.message);
  const { sessionId } = envelope.result as RunnerSession;
  const displayId = await poll('the nested display in the record', async () => {
    const session = await get(core, sessionId);
    if (ENDED.includes(session.status)) throw new Error(`the session ended: ${session.statusReason ?? session.status}`);
    return session.displayInfo.displayId !== DISPLAY ? session.displayInfo.displayId : undefined;
  });
  const nested = { display: displayId, xauthority: join(runtimeRoot(deps.dataDir, { DISPLAY, XAUTHORITY }), sessionId, XAUTHORITY_FILE) };
  await deps.waitWindow(GAME.title, true, 120_000, nested);
  const elapsed = performance.now() - started;
  await core.dispatch('sessions.stop', { sessionId });
  await poll('the session to end', async () => (ENDED.includes((await get(core, sessionId)).status) ? true : undefined));
  return elapsed;
}

/** A Xephyr started as the core starts one, then the plain docker run against it: both in the time. */
async function launchPlainIsolated(deps: IsolatedCaseDeps, cpu?: number[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'dillinger-bench-nested-'));
  const cookieFile = join(dir, 'xauth');
  writeFileSync(cookieFile, nestedCookieFile(), { mode: 0o600 });
  chownSync(cookieFile, 1000, 1000);
  try {
    const started = performance.now();
    const nested = await startNestedX({ env: { DISPLAY, XAUTHORITY, PATH: process.env.PATH }, runtimeDir: dir, cookiePath: cookieFile, resolution: '800x600', title: GAME.title });
    const xephyrMs = performance.now() - started;
    const before = cpuSeconds(nested.pid);
    const sampleStart = performance.now();
    const runMs = await deps.plain({ display: nested.displayId, xauthority: cookieFile, cookieFile });
    cpu?.push(((cpuSeconds(nested.pid) - before) * 1000) / ((performance.now() - sampleStart) / 1000));
    return xephyrMs + runMs;
  } finally {
    await stopNestedX(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Xephyr alone: start until it gives its number, N times (the cost isolation adds to every launch). */
async function xephyrStarts(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'dillinger-bench-nested-'));
    writeFileSync(join(dir, 'xauth'), nestedCookieFile(), { mode: 0o600 });
    const started = performance.now();
    await startNestedX({ env: { DISPLAY, XAUTHORITY, PATH: process.env.PATH }, runtimeDir: dir, cookiePath: join(dir, 'xauth'), resolution: '800x600', title: 'bench' });
    times.push(performance.now() - started);
    await stopNestedX(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  return times.sort((a, b) => a - b);
}

export async function isolatedCase(deps: IsolatedCaseDeps): Promise<string> {
  const ours: number[] = [];
  const plain: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < deps.runs; i += 1) {
    ours.push(await launchIsolated(deps));
    plain.push(await launchPlainIsolated(deps, cpu));
  }
  const starts = await xephyrStarts(deps.runs);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return `${deps.report('Linux demo, isolated (Xephyr)', ours, plain)}\n`
    + `  Xephyr alone: start p50 ${median(starts).toFixed(0)} ms; its CPU from docker run until the demo's window is mapped (clock ticks of 10 ms): p50 ${median(cpu).toFixed(1)} ms per second`;
}
