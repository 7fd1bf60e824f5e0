// Issue 12's fault test through the whole app: the app (a real core in a child process,
// test-support/core-child.ts) is SIGKILLed in the middle of the snapshot at a session's end, and in
// the middle of a restore (stopped exactly there by the test-only DILLINGER_SAVES_PAUSE_AT hook,
// saves/pause-point.ts), then started again on the same data dir, in this process. At that start it
// checks the saves (recover.ts): the previous snapshots are intact and restorable, a home is wholly
// its old tree or the new one, nothing the player had is gone, and app.info says what happened;
// the session whose snapshot was cut short gets it then, named on its record.
// The engine-level version of the same kills, without Docker: saves.crash.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import type { CoreOptions } from '../core';
import type { CoreChildReady } from '../test-support/core-child';
import { containersOfDataDir } from '../test-support/instance-containers';
import { findRealEngine } from '../test-support/real-engine';
import { findRealXServer } from '../test-support/real-x-server';
import { plantTree, readTree } from '../test-support/save-trees';
import { useTempDirs } from '../test-support/temp-dir';
import { LINUX_DEMO, coreOptions, until, useLiveCores, type LiveCore } from '../test-support/live-session';
import { openGameSaves, type SnapshotSummary } from './game-saves';
import { SHA256_PATTERN } from './manifest';
import { RestoreJournal } from './restore-journal';
import { saveRootsOf } from './save-roots';
import { savesLayout, type SavesLayout } from './saves-layout';

const engine = await findRealEngine();
const x = findRealXServer();
const tempDir = useTempDirs();
const cores = useLiveCores();
const children = useKilledChildren();

const CHILD_SCRIPT = fileURLToPath(new URL('../test-support/core-child.ts', import.meta.url));

/**
 * Core children, each killed at its pause point. afterEach kills one a failed test left running and
 * removes the containers of its data dir (by its instance label), in case no restarted core took them over.
 */
function useKilledChildren(): { killAt(options: CoreOptions, point: string, flags: string): Promise<{ ready?: CoreChildReady }> } {
  const started: Array<{ child: ChildProcess; dataDir: string }> = [];
  afterEach(async () => {
    for (const { child, dataDir } of started.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
      const docker = new Docker();
      for (const c of await containersOfDataDir(docker, dataDir)) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
  });
  return {
    /** Runs the app until its saves engine says `paused <point>`, then SIGKILLs it; fails if it gets there no other way. */
    killAt(options, point, flags) {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(options), '', flags], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DILLINGER_SAVES_PAUSE_AT: point },
      });
      started.push({ child, dataDir: options.dataDir! });
      return new Promise((resolve, reject) => {
        let stdout = '';
        let stderr = '';
        let ready: CoreChildReady | undefined;
        let paused = false;
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const lines = stdout.split('\n').slice(0, -1);
          const json = lines.find((l) => l.startsWith('{"sessionId"'));
          if (json !== undefined) ready ??= JSON.parse(json) as CoreChildReady;
          if (!paused && lines.includes(`paused ${point}`)) {
            paused = true;
            child.kill('SIGKILL');
          }
        });
        child.once('exit', (code, signal) => {
          if (paused && signal === 'SIGKILL') resolve({ ready });
          else reject(new Error(`The core child ended (${code ?? signal}) without pausing at ${point}. Its stdout:\n${stdout}\nIts stderr:\n${stderr}`));
        });
      });
    },
  };
}

/** The content-addressed objects in a game's store, by name (temp files of unfinished writes left out). */
function objectNames(layout: SavesLayout): string[] {
  if (!existsSync(layout.objectsDir)) return [];
  return readdirSync(layout.objectsDir)
    .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
    .flatMap((dir) => readdirSync(join(layout.objectsDir, dir)).filter((name) => SHA256_PATTERN.test(name)))
    .sort();
}

/** app.info's warnings, once one matches: recover() runs in the background of the start. */
async function warningMatching(live: LiveCore, pattern: RegExp): Promise<{ warning: string; all: string[] }> {
  let all: string[] = [];
  await until(async () => (all = (await live.call<{ warnings: string[] }>('app.info')).warnings).some((w) => pattern.test(w)), 30_000,
    () => `a warning matching ${pattern} in app.info (it has: ${JSON.stringify(all)})`);
  return { warning: all.find((w) => pattern.test(w))!, all };
}

/** Entries beside the game's roots that a snapshot or restore left (temp and old trees, temp files). */
function leftoversIn(layout: SavesLayout): string[] {
  return readdirSync(layout.gameDir).filter((name) => name.startsWith('.'));
}

/** A game's saves on a fresh data dir: its home made, its two roots as the app names them. */
async function demoSaves() {
  const dataDir = tempDir();
  const saves = openGameSaves({ dataDir });
  const layout = savesLayout(dataDir, LINUX_DEMO);
  const home = await saves.ensureHome(LINUX_DEMO);
  return { saves, layout, home, roots: saveRootsOf(layout), options: coreOptions(dataDir, x) };
}

const createdId = (outcome: Awaited<ReturnType<ReturnType<typeof openGameSaves>['snapshot']>>): string => {
  if (outcome.status !== 'created') throw new Error(`expected a new snapshot, got ${JSON.stringify(outcome)}`);
  return outcome.snapshot.id;
};

describe.skipIf(!engine.available || !x.available)('the app SIGKILLed in the middle of its saves, then started again', () => {
  it.each(['snapshot:object-stored', 'snapshot:before-manifest'])(
    'during the snapshot at a session\'s end (%s): the previous snapshot is intact and restores, the saves are untouched, the app says so',
    async (point) => {
      const { saves, layout, home, roots, options } = await demoSaves();
      plantTree(home, { '.local/share/demo/save.dat': 'level=3', '.config/demo/settings.ini': 'volume=7', 'notes.txt': 'chapter two' });
      const planted = readTree(home);
      const previousId = createdId(await saves.snapshot(LINUX_DEMO, roots, { kind: 'manual' }));
      // Played on since: a changed save and a new file, which the session's end must store.
      plantTree(home, { '.local/share/demo/save.dat': 'level=4', '.local/share/demo/screenshot.bin': 's'.repeat(200_000) });
      const objectsBefore = objectNames(layout);

      const { ready } = await children.killAt(options, point, 'stop');
      expect(ready).toBeDefined();
      // The kill really landed mid-snapshot: its marker, new objects no manifest names, no new manifest.
      expect(existsSync(layout.pendingSnapshotFile)).toBe(true);
      const objectsAtKill = objectNames(layout);
      const halfMade = objectsAtKill.filter((o) => !objectsBefore.includes(o));
      expect(halfMade.length).toBeGreaterThan(0);
      expect(objectsAtKill).toEqual(expect.arrayContaining(objectsBefore));
      expect(readdirSync(layout.snapshotsDir)).toEqual([`${previousId}.json`]);
      const previousManifest = readFileSync(layout.manifestPath(previousId), 'utf8');
      const savesAtKill = readTree(home); // what the session left: nothing changes it from here on
      expect(readFileSync(join(home, '.local/share/demo/save.dat'), 'utf8')).toBe('level=4');

      const live = await cores.start(options);
      const { warning } = await warningMatching(live, new RegExp(`^A snapshot of ${LINUX_DEMO} was interrupted`));
      // What happened, that the previous snapshots are intact, and what was removed (said, not silent).
      expect(warning).toMatch(new RegExp(
        `^A snapshot of ${LINUX_DEMO} was interrupted at \\S+; the previous snapshots are intact\\. ` +
          `The ${halfMade.length} file contents it had stored \\(\\d+ bytes\\), which no snapshot refers to, were removed\\.$`,
      ));
      // recover.ts's promise: the marker went, the player's saves and the previous snapshot are
      // exactly as they were. Then the app takes the snapshot the session never got (its record
      // said none): the session's saves as it left them, named on its record.
      expect(existsSync(layout.pendingSnapshotFile)).toBe(false);
      let session = await live.call<RunnerSession>('sessions.get', { sessionId: ready!.sessionId });
      await until(async () => (session = await live.call<RunnerSession>('sessions.get', { sessionId: ready!.sessionId })).savesSnapshot !== undefined, 30_000, 'the missed snapshot on the session');
      expect(session.status).toBe('terminated');
      expect(session.savesSnapshot).toMatchObject({ status: 'created', snapshotId: expect.any(String) });
      const caughtUp = session.savesSnapshot!.snapshotId!;
      expect(readdirSync(layout.snapshotsDir).sort()).toEqual([`${previousId}.json`, `${caughtUp}.json`].sort());
      expect(readFileSync(layout.manifestPath(previousId), 'utf8')).toBe(previousManifest);
      expect(objectNames(layout)).toEqual(expect.arrayContaining(objectsBefore));
      expect(readTree(home)).toEqual(savesAtKill);
      expect(leftoversIn(layout)).toEqual([]);
      const list = await live.call<SnapshotSummary[]>('saves.list', { gameId: LINUX_DEMO });
      expect(list.map((s) => [s.id, s.reason])).toEqual([[caughtUp, { kind: 'session-end', sessionId: ready!.sessionId }], [previousId, { kind: 'manual' }]]);

      // The previous snapshot restores, through the app: the home becomes exactly the planted tree;
      // the saves the session left come back from the session's own snapshot.
      const restored = await live.call<{ undoSnapshotId: string | null }>('saves.restore', { gameId: LINUX_DEMO, snapshotId: previousId });
      expect(readTree(home)).toEqual(planted);
      expect(restored.undoSnapshotId).not.toBeNull();
      await live.call('saves.restore', { gameId: LINUX_DEMO, snapshotId: caughtUp });
      expect(readTree(home)).toEqual(savesAtKill);
      await cores.expectCleanClose(live);
    },
    300_000,
  );

  // `saved`: the current saves are the latest snapshot (as after a session's end), so the restore's
  // undo point is that snapshot; `unsaved`: they changed since, so the killed app itself made the undo
  // snapshot (before-restore) just before it was killed.
  // Before the swap began, recover() takes the restore back; once it began, it finishes it.
  const cases: Array<[string, 'saved' | 'unsaved', 'the saves from before' | 'the snapshot asked for']> = [
    ['restore:building', 'saved', 'the saves from before'],
    ['restore:building', 'unsaved', 'the saves from before'],
    ['restore:half-swapped', 'saved', 'the snapshot asked for'],
    ['restore:half-swapped', 'unsaved', 'the snapshot asked for'],
  ];
  it.each(cases)(
    'during a restore (%s, current saves %s): the home is wholly %s, never a mix, the undo snapshot exists, the app says so',
    async (point, current, expected) => {
      const { saves, layout, home, roots, options } = await demoSaves();
      plantTree(home, { '.local/share/demo/save.dat': 'level=1', '.config/demo/settings.ini': 'volume=5', 'v1-only.txt': 'one' });
      const v1 = readTree(home);
      const v1Id = createdId(await saves.snapshot(LINUX_DEMO, roots, { kind: 'manual' }));
      plantTree(home, { '.local/share/demo/save.dat': 'level=2', 'v2-only/big.bin': 'b'.repeat(300_000) });
      rmSync(join(home, 'v1-only.txt'));
      const v2Id = createdId(await saves.snapshot(LINUX_DEMO, roots, { kind: 'manual' }));
      if (current === 'unsaved') plantTree(home, { '.local/share/demo/save.dat': 'level=2, unsaved', 'unsaved.txt': 'since' });
      const before = readTree(home);

      await children.killAt(options, point, `restore:${v1Id}`);
      // The kill really landed mid-restore: its journal names the undo point; half-swapped, the home is moved aside.
      const journal = RestoreJournal.parse(JSON.parse(readFileSync(layout.restoreJournalFile, 'utf8')));
      expect(journal).toMatchObject({ snapshotId: v1Id, phase: point === 'restore:building' ? 'building' : 'swapping' });
      const undoId = journal.undoSnapshotId!;
      if (current === 'saved') expect(undoId).toBe(v2Id);
      else expect(undoId).not.toBe(v2Id);
      if (point === 'restore:half-swapped') expect(existsSync(home)).toBe(false);
      else expect(leftoversIn(layout).some((name) => name.startsWith('.home.restore-'))).toBe(true);

      const live = await cores.start(options);
      const pattern = new RegExp(`^A restore of ${LINUX_DEMO} to snapshot ${v1Id} was interrupted`);
      const { warning } = await warningMatching(live, pattern);
      expect(readTree(home)).toEqual(expected === 'the snapshot asked for' ? v1 : before);
      expect(warning).toMatch(expected === 'the snapshot asked for'
        ? new RegExp(`; it has now been completed\\. Snapshot ${undoId} holds the saves from before it, to undo it\\.$`)
        : /before it changed anything: the saves are as they were, and the snapshots are intact\. Restore again if you still want it\.$/);
      expect(existsSync(layout.restoreJournalFile)).toBe(false);
      expect(leftoversIn(layout)).toEqual([]);

      // Every snapshot is there, the undo point among them, and restores work again: the undo brings
      // back the saves from before the interrupted restore, then the restore the player asked for.
      const list = await live.call<SnapshotSummary[]>('saves.list', { gameId: LINUX_DEMO });
      expect(list.map((s) => s.id)).toEqual(expect.arrayContaining([v1Id, v2Id, undoId]));
      if (current === 'unsaved') expect(list.find((s) => s.id === undoId)?.reason.kind).toBe('before-restore');
      await live.call('saves.restore', { gameId: LINUX_DEMO, snapshotId: undoId });
      expect(readTree(home)).toEqual(before);
      await live.call('saves.restore', { gameId: LINUX_DEMO, snapshotId: v1Id });
      expect(readTree(home)).toEqual(v1);
      expect(leftoversIn(layout)).toEqual([]);
      await cores.expectCleanClose(live);
    },
    300_000,
  );
});
