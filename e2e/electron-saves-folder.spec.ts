// "Open saves folder" in a real Electron window, wherever an Electron binary exists (it cannot be
// downloaded on our build machines, so there this spec is reported as skipped, with why). The
// shell's shell.openPath is replaced in the main process by a recorder, so no file manager opens:
// the button must reach it, through the preload and the sender-checked IPC, with the game's home.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { writeGame } from '../src/main/test-support/library-fixture';

const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const binary = dist ? join(dist, 'electron') : undefined;

test.describe('Electron app: the saves folder', () => {
  test.skip(!binary || !existsSync(binary), 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to an Electron build (it cannot be downloaded on our machines)');

  test("Open saves folder opens the game's home through shell.openPath", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dillinger-electron-'));
    writeGame(join(dataDir, 'library'), 'tux', { id: 'tux-racer', title: 'Tux Racer', platforms: [{ platform: 'linux', executable: 'tux' }] });
    const home = join(dataDir, 'saves', 'tux-racer', 'home');
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const app = await electron.launch({ executablePath: binary, args: [resolve(__dirname, '..', 'out', 'main', 'index.js')], env: { ...process.env, DILLINGER_DATA_DIR: dataDir } });
    try {
      await app.evaluate(({ shell }) => {
        const opened: string[] = [];
        (globalThis as { openedPaths?: string[] }).openedPaths = opened;
        shell.openPath = async (path: string) => (opened.push(path), '');
      });
      const window = await app.firstWindow();
      await window.evaluate(() => (location.hash = '#/games/tux-racer/settings'));
      const panel = window.getByRole('region', { name: 'Saves' });
      await panel.getByRole('button', { name: 'Open saves folder' }).click();
      await expect.poll(() => app.evaluate(() => (globalThis as { openedPaths?: string[] }).openedPaths)).toEqual([home]);
      await expect(panel.getByText('Saves folder:')).toHaveCount(0);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
