// SIGKILL a process in the middle of a snapshot and of a restore (stopped at a named point by the
// test-only DILLINGER_SAVES_PAUSE_AT hook, so the kill lands exactly there), then recover() as the
// next start does: the previous snapshots are intact and restorable, each root is wholly the old
// tree or the new one, and a warning says what happened.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { savesLayout } from './saves-layout';
import { countFiles, plantTree, readTree, savesWithRoots } from '../test-support/save-trees';

const CHILD = fileURLToPath(new URL('../test-support/saves-child.ts', import.meta.url));
const tempDir = useTempDirs();
const GAME = 'game_crash';

/** Runs the child until it reports the pause point, then SIGKILLs it; fails if it ends by itself. */
function runAndKillAt(pausePoint: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DILLINGER_SAVES_PAUSE_AT: pausePoint },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`paused ${pausePoint}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the child was not killed at ${pausePoint}: ${output}`))));
  });
}

async function setup() {
  const dataDir = tempDir();
  const { saves, home, wineUsers, roots } = await savesWithRoots(dataDir, GAME);
  plantTree(home, { 'save.dat': 'counter=1', '.config/a.ini': 'a' });
  plantTree(wineUsers, { 'steamuser/Documents/save1': 'one' });
  const first = await saves.snapshot(GAME, roots, { kind: 'session-end' });
  if (first.status !== 'created') throw new Error('expected a snapshot');
  const treeA = [readTree(home), readTree(wineUsers)];
  // Tree B: changed and new files in both roots.
  plantTree(home, { 'save.dat': 'counter=2', 'new/b1.bin': 'b'.repeat(50_000), 'new/b2.bin': 'c'.repeat(50_000) });
  rmSync(join(home, '.config'), { recursive: true });
  plantTree(wineUsers, { 'steamuser/Documents/save1': 'two', 'steamuser/Documents/save2': 'more' });
  const treeB = [readTree(home), readTree(wineUsers)];
  const args = (op: string, ...rest: string[]) => [op, dataDir, GAME, JSON.stringify(roots), ...rest];
  return { dataDir, saves, home, wineUsers, roots, firstId: first.snapshot.id, treeA, treeB, args, layout: savesLayout(dataDir, GAME) };
}

describe('a process killed in the middle of a snapshot', () => {
  it.each(['snapshot:object-stored', 'snapshot:before-manifest'])('at %s leaves the previous snapshots intact, and recover() says so', { timeout: 60_000 }, async (point) => {
    const { saves, roots, firstId, treeA, treeB, args, layout, home, wineUsers } = await setup();
    const objectsBefore = countFiles(layout.objectsDir);
    await runAndKillAt(point, args('snapshot'));
    // The kill really landed mid-snapshot: new objects on disk, a marker, no new manifest.
    expect(countFiles(layout.objectsDir)).toBeGreaterThan(objectsBefore);
    expect(existsSync(layout.pendingSnapshotFile)).toBe(true);
    expect(readdirSync(layout.snapshotsDir)).toEqual([`${firstId}.json`]);

    const { warnings } = await saves.recover();
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^A snapshot of ${GAME} was interrupted at \\S+; the previous snapshots are intact\\. The [1-9]\\d* file contents`))]);
    expect(countFiles(layout.objectsDir)).toBe(objectsBefore);
    expect((await saves.list(GAME)).map((s) => s.id)).toEqual([firstId]);
    expect((await saves.recover()).warnings).toEqual([]); // said once

    // The current saves were not touched; the previous snapshot restores; a new snapshot works.
    expect([readTree(home), readTree(wineUsers)]).toEqual(treeB);
    const retry = await saves.snapshot(GAME, roots, { kind: 'session-end' });
    expect(retry.status).toBe('created');
    await saves.restore(GAME, firstId, roots);
    expect([readTree(home), readTree(wineUsers)]).toEqual(treeA);
  });
});

describe('a process killed in the middle of a restore', () => {
  const cases: [string, 'old' | 'new'][] = [
    ['restore:building', 'old'],
    ['restore:swapping', 'new'],
    ['restore:half-swapped', 'new'],
  ];
  it.each(cases)('at %s ends, after recover(), with each root wholly the %s tree, and says so', { timeout: 60_000 }, async (point, expected) => {
    const { saves, roots, firstId, treeA, treeB, args, layout, home, wineUsers } = await setup();
    await runAndKillAt(point, args('restore', firstId));
    expect(existsSync(layout.restoreJournalFile)).toBe(true);
    if (point === 'restore:half-swapped') expect(existsSync(home)).toBe(false); // home moved aside, the new one not yet in

    const { warnings } = await saves.recover();
    const trees = [readTree(home), readTree(wineUsers)];
    expect(trees).toEqual(expected === 'new' ? treeA : treeB);
    expect(warnings).toEqual([
      expected === 'new'
        ? expect.stringMatching(new RegExp(`^A restore of ${GAME} to snapshot ${firstId} was interrupted at .*; it has now been completed\\. Snapshot snap_\\S+ holds the saves from before it`))
        : expect.stringMatching(new RegExp(`^A restore of ${GAME} to snapshot ${firstId} was interrupted at .* before it changed anything: the saves are as they were`)),
    ]);
    // No temp or old tree is left beside either root, and the journal is gone.
    for (const root of [home, wineUsers]) expect(readdirSync(dirname(root)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(existsSync(layout.restoreJournalFile)).toBe(false);

    // The state before the restore is restorable: its before-restore snapshot holds tree B.
    const undo = (await saves.list(GAME)).find((s) => s.reason.kind === 'before-restore');
    expect(undo).toBeDefined();
    await saves.restore(GAME, undo?.id ?? '', roots);
    expect([readTree(home), readTree(wineUsers)]).toEqual(treeB);
  });
});
