import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { openGameSaves } from './game-saves';
import { savesLayout } from './saves-layout';
import { withGameLock } from './saves-lock';
import { plantTree } from '../test-support/save-trees';

const tempDir = useTempDirs();
const GAME = 'game_lock';

describe('one operation per game at a time', () => {
  it('makes a second operation of the same game in this process wait its turn, and one of another game not wait at all', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const home = await saves.ensureHome(GAME);
    plantTree(home, { 'save.dat': 'x' });
    const layout = savesLayout(dataDir, GAME);
    let release = () => undefined as void;
    const holding = withGameLock(layout, 'a test', () => new Promise<void>((resolve) => (release = resolve)));
    const order: string[] = [];
    const second = saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' }).then((outcome) => (order.push('second'), outcome));
    // Another game's whole snapshot runs meanwhile: the second of this game still waits for the first.
    await expect(saves.snapshot('game_other', [{ name: 'home', path: home }], { kind: 'manual' }).then((outcome) => (order.push('other'), outcome))).resolves.toMatchObject({ status: 'created' });
    order.push('first ends');
    release();
    await holding;
    await expect(second).resolves.toMatchObject({ status: 'created' });
    expect(order).toEqual(['other', 'first ends', 'second']);
    await expect(saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' })).resolves.toMatchObject({ status: 'unchanged' });
  });

  it('refuses while another live process holds the lock file, and takes over one left by a dead process', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const home = await saves.ensureHome(GAME);
    const layout = savesLayout(dataDir, GAME);
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(layout.lockFile, JSON.stringify({ pid: other.pid }));
      await expect(saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' })).rejects.toMatchObject({ code: 'busy' });
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    plantTree(home, { 'save.dat': 'x' });
    await expect(saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' })).resolves.toMatchObject({ status: 'created' });
  });
});
