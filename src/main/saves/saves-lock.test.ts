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
  it('refuses a second operation of the same game in this process, not one of another game', async () => {
    const dataDir = tempDir();
    const saves = openGameSaves({ dataDir });
    const home = await saves.ensureHome(GAME);
    plantTree(home, { 'save.dat': 'x' });
    const layout = savesLayout(dataDir, GAME);
    let release = () => undefined as void;
    const holding = withGameLock(layout, 'a test', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' })).rejects.toMatchObject({ code: 'busy', message: expect.stringContaining('try again') });
    await expect(saves.snapshot('game_other', [{ name: 'home', path: home }], { kind: 'manual' })).resolves.toMatchObject({ status: 'created' });
    release();
    await holding;
    await expect(saves.snapshot(GAME, [{ name: 'home', path: home }], { kind: 'manual' })).resolves.toMatchObject({ status: 'created' });
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
