// A real core on a fresh data dir, wired to the real Docker engine and the real X server, with the
// demo games seeded from the runner image, and checks that nothing is left behind afterwards.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterEach, expect } from 'vitest';
import type { RunnerSession, SessionStatus } from '../../shared/model/entities';
import { createCore, type Core, type CoreOptions } from '../core';
import { SESSION_LABEL } from '../docker/labels';
import type { RealXServer } from './real-x-server';

export const LINUX_DEMO = 'dillinger-demo-linux';
export const WINDOWS_DEMO = 'dillinger-demo-windows';

export interface LiveCore {
  core: Core;
  docker: Docker;
  libraryVolume: string;
  options: CoreOptions;
  /** Calls the contract and returns its result, failing the test on an error envelope. */
  call<T = unknown>(method: string, payload?: unknown): Promise<T>;
  waitFor(sessionId: string, statuses: SessionStatus[], timeoutMs?: number): Promise<RunnerSession>;
}

export function coreOptions(dataDir: string, x: RealXServer, extra: Partial<CoreOptions> = {}): CoreOptions {
  return {
    dataDir,
    env: { DISPLAY: x.display, XAUTHORITY: x.xauthority ?? '' },
    libraryVolume: `dillinger_library_test_${Math.random().toString(36).slice(2, 10)}`,
    stopGraceSeconds: 10,
    ...extra,
  };
}

export async function startLiveCore(options: CoreOptions): Promise<LiveCore> {
  const core = await createCore(options);
  const docker = new Docker();
  const call = async <T,>(method: string, payload?: unknown): Promise<T> => {
    const envelope = await core.dispatch(method, payload);
    if ('error' in envelope) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.result as T;
  };
  // The demos come out of the runner image once the engine answers.
  await until(async () => (await call<{ games: Array<{ id: string }> }>('library.list')).games.length >= 2, 180_000, 'the demo games in the library');
  const waitFor = async (sessionId: string, statuses: SessionStatus[], timeoutMs = 60_000) => {
    let last: RunnerSession | undefined;
    await until(async () => {
      last = await call<RunnerSession>('sessions.get', { sessionId });
      return statuses.includes(last.status);
    }, timeoutMs, () => `session ${sessionId} to reach ${statuses.join('/')} (it is ${last?.status}: ${last?.statusReason ?? ''})`);
    return last!;
  };
  return { core, docker, libraryVolume: options.libraryVolume!, options, call, waitFor };
}

export function launchRequest(gameId: string, overrides: { environment?: Record<string, string>; resources?: object; winePrefix?: string } = {}) {
  const windows = gameId === WINDOWS_DEMO;
  return {
    gameId,
    userId: 'user_tester',
    platform: windows ? 'windows' : 'linux',
    launchConfig: {
      displayMode: 'x11',
      audioEnabled: false,
      resources: { gpuAccess: 'none', ...overrides.resources },
      environment: overrides.environment ?? {},
      ...(windows ? { winePrefix: overrides.winePrefix ?? 'dillinger_test_prefix' } : {}),
    },
  };
}

/** Waits until the library lists the game (one a test has just written into it). */
export function untilInLibrary(live: LiveCore, gameId: string): Promise<void> {
  return until(async () => (await live.call<{ games: Array<{ id: string }> }>('library.list')).games.some((g) => g.id === gameId), 20_000, `${gameId} in the library`);
}

/** Window names on the X server, as `xwininfo -root -tree` lists them. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Closes the core and removes whatever of it is left (containers, volumes), returning what WAS left:
 * the tests assert it is nothing. Safe to call twice.
 */
export async function closeAndCollectLeftovers(live: LiveCore, extraVolumes: string[] = []): Promise<{ containers: string[]; runtimeDirs: string[] }> {
  const listed = await live.core.dispatch('sessions.list', undefined);
  const sessionIds = new Set('result' in listed ? (listed.result as RunnerSession[]).map((s) => s.sessionId) : []);
  await live.core.close();
  const containers = await live.docker.listContainers({ all: true, filters: { label: [SESSION_LABEL] } });
  const ours = containers.filter((c) => sessionIds.has(c.Labels[SESSION_LABEL] ?? ''));
  for (const c of ours) await live.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  for (const volume of [live.libraryVolume, ...extraVolumes]) await live.docker.getVolume(volume).remove().catch(() => undefined);
  const runtime = join(live.core.dataDir, 'run');
  return { containers: ours.map((c) => c.Names[0] ?? c.Id), runtimeDirs: existsSync(runtime) ? readdirSync(runtime) : [] };
}

/**
 * Starts a live core for one test; afterEach cleans up even when the test failed (without hiding its
 * error), and `expectCleanClose` at the end of a test proves nothing was left behind.
 */
export function useLiveCores(): { start(options: CoreOptions, extraVolumes?: string[]): Promise<LiveCore>; expectCleanClose(live: LiveCore): Promise<void> } {
  const open = new Map<LiveCore, string[]>();
  afterEach(async () => {
    for (const [live, volumes] of open) await closeAndCollectLeftovers(live, volumes);
    open.clear();
  });
  return {
    async start(options, extraVolumes = []) {
      const live = await startLiveCore(options);
      open.set(live, extraVolumes);
      return live;
    },
    async expectCleanClose(live) {
      const volumes = open.get(live) ?? [];
      open.delete(live);
      const leftovers = await closeAndCollectLeftovers(live, volumes);
      expect(leftovers).toEqual({ containers: [], runtimeDirs: [] });
    },
  };
}
