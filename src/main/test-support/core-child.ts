// A core in a process of its own, for tests that kill the app the hard way (SIGKILL) while a game
// runs. It plays the Linux demo, prints ONE JSON line {"sessionId", "containerId"} once the game
// runs, then waits to be killed. Run it as:
//   node --import tsx src/main/test-support/core-child.ts '<CoreOptions as JSON>' ['<window title>'] ['audio,isolated,stop']
// The optional title is given to the demo first (see retitleGame); `audio`: sound on, a 440 Hz tone;
// `isolated`: on a nested display of its own (displayIsolation); `stop`: once that line is printed,
// the session is stopped (so its end, and the snapshot of its saves, happen in this process), then
// it waits to be killed. `restore:<snapshotId>` plays nothing: it restores the demo's saves to that
// snapshot through the contract, prints the result as ONE JSON line {"restored": ...}, and waits.
// With DILLINGER_SAVES_PAUSE_AT in its environment (saves/pause-point.ts), the snapshot or restore
// stops at that point and prints `paused <point>`, for a test to SIGKILL it exactly there. Plain
// Node: no vitest here, and tests import nothing from it but its types (importing it would run it).
import type { RunnerSession } from '../../shared/model/entities';
import { createCore, type Core, type CoreOptions } from '../core';
import { retitleGame } from './library-fixture';

const CHILD_DEMO = 'dillinger-demo-linux';

export interface CoreChildReady {
  sessionId: string;
  containerId: string;
}

/** What `restore:<snapshotId>` prints once the restore is done (never, when paused in the middle). */
export interface CoreChildRestored {
  restored: { snapshotId: string; undoSnapshotId: string | null };
}

async function call<T>(core: Core, method: string, payload?: unknown): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if ('error' in envelope) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

async function poll<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`core-child: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const [optionsJson, title, flagList] = process.argv.slice(2);
  const flags = (flagList ?? '').split(',');
  if (!optionsJson) throw new Error('usage: core-child.ts <CoreOptions as JSON> [window title]');
  const options = JSON.parse(optionsJson) as CoreOptions;
  const core = await createCore({ ...options, seedDemoGames: true });

  type Games = { root: string; games: Array<{ id: string; title: string }> };
  const library = await poll('the demo games in the library', 180_000, async () => {
    const snapshot = await call<Games>(core, 'library.list');
    return snapshot.games.some((g) => g.id === CHILD_DEMO) ? snapshot : undefined;
  });
  if (title) {
    retitleGame(library.root, CHILD_DEMO, title);
    await poll('the new title in the library', 10_000, async () =>
      (await call<Games>(core, 'library.list')).games.some((g) => g.id === CHILD_DEMO && g.title === title) ? true : undefined);
  }

  const restoreTo = flags.find((flag) => flag.startsWith('restore:'))?.slice('restore:'.length);
  if (restoreTo !== undefined) {
    const restored = await call<CoreChildRestored['restored']>(core, 'saves.restore', { gameId: CHILD_DEMO, snapshotId: restoreTo });
    process.stdout.write(`${JSON.stringify({ restored } satisfies CoreChildRestored)}\n`);
    setInterval(() => undefined, 1 << 30); // keep running until killed
    return;
  }

  const request = {
    gameId: CHILD_DEMO,
    userId: 'user_tester',
    platform: 'linux',
    launchConfig: {
      displayMode: 'x11', audioEnabled: flags.includes('audio'), resources: { gpuAccess: 'none' }, environment: flags.includes('audio') ? { DEMO_TONE_HZ: '440' } : {},
      ...(flags.includes('isolated') ? { displayIsolation: 'isolated' } : {}),
    },
  };
  const session = await call<RunnerSession>(core, 'sessions.launch', { request });
  const running = await poll('the demo to run', 180_000, async () => {
    const current = await call<RunnerSession>(core, 'sessions.get', { sessionId: session.sessionId });
    if (current.status === 'running') return current;
    if (['terminated', 'crashed', 'failed'].includes(current.status)) throw new Error(`core-child: the demo ended as ${current.status}: ${current.statusReason ?? ''}`);
    return undefined;
  });
  const ready: CoreChildReady = { sessionId: running.sessionId, containerId: running.containerId };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  // Its end runs here: the record made final, then the snapshot of the game's saves (session-end-snapshots.ts).
  if (flags.includes('stop')) await call(core, 'sessions.stop', { sessionId: running.sessionId });
  setInterval(() => undefined, 1 << 30); // keep running until killed
}

main().catch((error: unknown) => {
  process.stderr.write(`core-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
